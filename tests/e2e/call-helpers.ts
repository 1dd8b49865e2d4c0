import { expect, type Page } from "@playwright/test";

/** Picks a complaint category in the intake's type-to-filter list (leaves only): 3 actions — open, type, Enter. */
export async function chooseCategory(page: Page, label: string | RegExp, filter: string) {
  await page.getByRole("combobox", { name: label }).click();
  await page.keyboard.type(filter);
  await page.keyboard.press("Enter");
}

/** Resolves the open complaint page's complaint with a note and the first root cause that matches `cause`. */
export async function resolveComplaint(
  page: Page,
  note: string,
  cause: string,
  names = { resolve: "Resolve", dialog: "Resolve the complaint", note: "Resolution note", rootCause: "Root cause" },
) {
  await page
    .getByRole("button", { name: new RegExp(`^${names.resolve}`) })
    .first()
    .click();
  const dialog = page.getByRole("dialog", { name: names.dialog });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(names.note).fill(note);
  await dialog.getByRole("combobox", { name: names.rootCause }).click();
  await page.keyboard.type(cause);
  await page.keyboard.press("Enter");
  await dialog.getByRole("button", { name: new RegExp(`^${names.resolve}`) }).click();
  await expect(dialog).toBeHidden();
}

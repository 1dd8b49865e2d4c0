import { test, expect, type Page } from "@playwright/test";
import { login, scoringSettled, sql } from "./helpers";

test.use({ locale: "en-US" });

async function runJob(page: Page, kind: string, button: string) {
  const status = page.getByTestId(`job-${kind}`);
  const before = (await status.count()) > 0 ? await status.getAttribute("data-job-id") : null;
  await page.getByRole("button", { name: button }).click();
  await expect(status).not.toHaveAttribute("data-job-id", before ?? "none");
  await expect(status).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 60_000 });
  // A finished job says so in words: no bar stuck at 100 % (the bar shows only while it runs).
  await expect(page.getByRole("progressbar", { name: `${button}: progress` })).toHaveCount(0);
  await expect(status).toContainText("Finished");
}

test("admin retrains the churn model and recalculates with visible progress", async ({ page }) => {
  await login(page, "admin1");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Value & churn settings" }).click();
  await expect(page.getByRole("heading", { name: "Value & churn settings", level: 1 })).toBeVisible();
  await runJob(page, "CHURN_TRAIN", "Retrain model");
  await expect(page.getByText("Holdout AUC")).toBeVisible();
  await runJob(page, "RESCORE", "Recalculate now");
  const [{ n }] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM customer_score");
  expect(n).toBeGreaterThan(500);
});

async function countText(page: Page) {
  const count = page.getByTestId("segment-count");
  await expect(count).toHaveAttribute("data-stale", "false");
  return (await count.textContent()) ?? "";
}

test("manager builds a Gold-in-Hangzhou, usage-down, complained segment with a live count and saves it", async ({ page }) => {
  // Scores come from the server's own first run on a fresh database, not from the test above.
  await scoringSettled();
  const [{ scored }] = await sql<{ scored: number }>("SELECT count(*)::int AS scored FROM customer_score");
  expect(scored, "the server's first scoring run left no scores").toBeGreaterThan(500);
  await login(page, "manager1");
  await page.goto("/segments/new");
  await expect(page.getByRole("heading", { name: "New segment" })).toBeVisible();
  const everyone = await countText(page);
  expect(everyone).toMatch(/\d+ customers match/);

  // Value tier is any of Gold.
  await page.getByRole("button", { name: "Add condition" }).click();
  // A checkbox list (no Ctrl-click): the button names what is chosen.
  await page.getByRole("button", { name: "Diamond, Value" }).click();
  await page.getByRole("checkbox", { name: "Gold" }).check();
  await page.getByRole("checkbox", { name: "Diamond" }).uncheck();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Gold, Value" })).toBeVisible();
  await expect.poll(() => countText(page)).not.toBe(everyone);
  const gold = await countText(page);

  // City is 杭州市.
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Attribute").nth(1).selectOption("city");
  await page.getByLabel("Value", { exact: true }).nth(0).selectOption("杭州市");
  await expect.poll(() => countText(page)).not.toBe(gold);

  // Data usage down 30 % or more.
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Attribute").nth(2).selectOption("dataUsageChange");
  await page.getByLabel("Operator").nth(2).selectOption("lte");
  await page.getByLabel("Value", { exact: true }).nth(1).fill("-30");

  // And an OR group: a complaint in the last 90 days, or high churn risk.
  await page.getByRole("button", { name: "Add group" }).click();
  await page.getByRole("button", { name: "Add condition" }).nth(1).click();
  await page.getByLabel("Attribute").nth(3).selectOption("complaints");
  await expect(page.getByLabel("in the last (days)")).toHaveValue("90");
  const final = await countText(page);
  expect(final).toMatch(/(\d+) customers? match/);

  // The count the page shows is what the saved segment holds.
  const shown = Number(final.match(/(\d+)/)![1]);
  await page.getByLabel("Segment name").fill("Gold Hangzhou, usage down, complained");
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page).toHaveURL(/\/segments\/\d+$/);
  await expect(page.getByRole("heading", { name: "Gold Hangzhou, usage down, complained" })).toBeVisible();
  const [{ size }] = await sql<{ size: number }>("SELECT size FROM segment WHERE name = $1 ORDER BY id DESC LIMIT 1", [
    "Gold Hangzhou, usage down, complained",
  ]);
  expect(size).toBe(shown);
});

test("the agent sees tier, churn band and next-best offer on the customer page", async ({ page }) => {
  await scoringSettled();
  const rows = await sql<{ customer_id: number }>(
    "SELECT customer_id FROM customer_score WHERE churn_band = 'HIGH' AND cardinality(churn_c) > 0 ORDER BY customer_id LIMIT 1",
  );
  expect(rows, "no high-risk customer with reasons after the first scoring run").toHaveLength(1);
  await login(page, "agent1");
  await page.goto(`/customers/${rows[0].customer_id}`);
  const panel = page.getByRole("region", { name: "Value & churn risk" });
  await expect(panel).toBeVisible();
  await expect(panel.getByText("High (")).toBeVisible();
  await expect(panel.getByRole("list", { name: "Reasons" }).getByRole("listitem").first()).toBeVisible();
  await expect(panel.getByText("Next-best offer")).toBeVisible();
});

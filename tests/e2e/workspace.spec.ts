import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";
import { importRows, toImportCsv, col } from "../factories/import-file";

test.use({ locale: "en-US" });

// A caller whose last 4 digits are unique in the base: typing them gives a single hit.
async function uniqueCaller() {
  const [row] = await sql<{ id: number; name: string; msisdn: string; frag: string; line_id: number }>(
    `SELECT c.id, c.name, l.msisdn, substr(l.msisdn, 8, 4) AS frag, l.id AS line_id
     FROM line l JOIN customer c ON c.id = l.customer_id
     WHERE l.network IN ('G4','G5') AND c.email IS NOT NULL
       AND (SELECT count(*) FROM line l2 WHERE l2.msisdn LIKE '%' || substr(l.msisdn, 8, 4) || '%') = 1
     ORDER BY l.id LIMIT 1`,
  );
  return row;
}

async function openCustomer(page: Page, id: number) {
  await page.goto(`/customers/${id}`);
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
}

test("agent: find by 4 digits, read the 360 view, log the call; a concurrent edit conflicts", async ({ page, browser }) => {
  const caller = await uniqueCaller();
  await login(page, "agent1");
  await page.keyboard.press("/");
  const box = page.getByRole("combobox", { name: "Search subscribers" });
  await box.fill(caller.frag);
  const hits = page.getByRole("listbox").getByRole("option");
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText(caller.name);
  await box.press("Enter");
  // Opened on the line it was found by (the number sealed in ?via=, never in clear).
  await expect(page).toHaveURL(new RegExp(`/customers/${caller.id}\\?via=[^&]+$`));
  expect(page.url()).not.toContain(caller.msisdn);

  // The 360 view: identity, lines, contacts and the three trend charts (each with a table view).
  await expect(page.getByRole("heading", { level: 1, name: caller.name })).toBeVisible();
  for (const h of ["Profile", "Lines", "Accounts", "Customer story", "12-month trends"]) await expect(page.getByRole("heading", { name: h })).toBeVisible();
  await expect(page.getByRole("img", { name: "Monthly spend by type (¥)" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Data usage (MB)" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Voice minutes" })).toBeVisible();
  await expect(page.getByText(caller.msisdn)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Lines" }).getByText(`${caller.msisdn.slice(0, 3)}****${caller.msisdn.slice(-4)}`)).toBeVisible();
  // Agents cannot reveal.
  await expect(page.getByRole("button", { name: /^Reveal/ })).toHaveCount(0);
  // …and see the birth year only, never the full date (with the region and the ID's last 4 it rebuilds the ID).
  await expect(page.getByRole("region", { name: "Profile" }).getByText("Birth year")).toBeVisible();
  await expect(page.getByRole("region", { name: "Profile" }).getByText("Birth date")).toHaveCount(0);

  // Log the call with the keyboard shortcut.
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("n");
  const dialog = page.getByRole("dialog", { name: "Log interaction" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason").selectOption({ label: "Data usage" });
  await dialog.getByLabel("Outcome").selectOption({ label: "Information given" });
  await dialog.getByLabel("Notes").fill("Explained the data pack; customer satisfied");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const timeline = page.getByRole("list", { name: "Customer story" });
  await expect(timeline.getByRole("listitem").first()).toContainText("Data usage");
  await expect(timeline.getByRole("listitem").first()).toContainText("Explained the data pack");

  // Filter the story to contacts only.
  await page.getByRole("navigation", { name: "Show" }).getByRole("link", { name: "Contacts" }).click();
  await expect(page).toHaveURL(/kinds=contact/);
  await expect(timeline.getByRole("listitem").first()).toContainText("Explained the data pack");

  // Two agents edit the same customer: the second save is refused, nothing overwritten.
  const other = await browser.newContext({ locale: "en-US" });
  const page2 = await other.newPage();
  await login(page2, "agent2");
  await openCustomer(page2, caller.id);
  await page2.getByRole("button", { name: "Edit contact & consent" }).click();
  const dlg2 = page2.getByRole("dialog", { name: "Edit contact & consent" });
  await dlg2.getByRole("textbox", { name: "Email" }).fill("second@example.com");

  await page.getByRole("button", { name: "Edit contact & consent" }).click();
  const dlg1 = page.getByRole("dialog", { name: "Edit contact & consent" });
  await dlg1.getByRole("textbox", { name: "Email" }).fill("first@example.com");
  await dlg1.getByRole("button", { name: "Save" }).click();
  await expect(dlg1).toBeHidden();
  await expect(page.getByRole("region", { name: "Profile" }).getByText("f***@example.com")).toBeVisible();

  await dlg2.getByRole("button", { name: "Save" }).click();
  await expect(dlg2.getByRole("alert")).toContainText("Someone else changed this record");
  const [saved] = await sql<{ email: string }>(`SELECT email FROM customer WHERE id = $1`, [caller.id]);
  expect(saved.email).toBe("first@example.com");
  await other.close();

  // Pin the caller: listed on the workspace.
  await page.getByRole("button", { name: "Pin" }).click();
  await expect(page.getByRole("button", { name: "Unpin" })).toBeVisible();
  await page.goto("/workspace");
  await expect(page.getByRole("region", { name: "Pinned customers" }).getByRole("link", { name: caller.name })).toBeVisible();
});

test("supervisor reveals a number with a reason; the admin sees it in the audit log", async ({ page, browser }) => {
  const caller = await uniqueCaller();
  await login(page, "supervisor1");
  await openCustomer(page, caller.id);
  const masked = `${caller.msisdn.slice(0, 3)}****${caller.msisdn.slice(-4)}`;
  await page.getByRole("button", { name: `Reveal Number ${masked}` }).click();
  const dialog = page.getByRole("dialog", { name: `Reveal Number ${masked}` });
  await dialog.getByLabel("Reason for access").fill("Customer asked to confirm the number");
  await dialog.getByRole("button", { name: "Show value" }).click();
  await expect(dialog.getByRole("status", { name: "Revealed value" })).toHaveText(caller.msisdn);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByText(caller.msisdn)).toHaveCount(0);

  const adminCtx = await browser.newContext({ locale: "en-US" });
  const admin = await adminCtx.newPage();
  await login(admin, "admin1");
  await admin.goto("/admin");
  const audit = admin.getByRole("region", { name: "Latest audit entries" });
  await expect(audit.getByRole("row").filter({ hasText: "Personal data revealed" }).first()).toBeVisible();
  await adminCtx.close();
  const [row] = await sql<{ data: { field: string; reason: string } }>(
    `SELECT data FROM audit_log WHERE action = 'customer.piiRevealed' ORDER BY id DESC LIMIT 1`,
  );
  expect(row.data).toMatchObject({ field: "msisdn", reason: "Customer asked to confirm the number" });
});

test("admin imports a valid file, and a bad file is rejected whole with its report", async ({ page }) => {
  await login(page, "admin1");
  await page.goto("/admin/import");
  await expect(page.getByRole("heading", { name: "Import subscribers" })).toBeVisible();
  const template = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the template (CSV)" }).click();
  expect((await template).suggestedFilename()).toBe("subscriber-import-template.csv");

  const good = importRows({ rows: 20, offset: 6000 });
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(toImportCsv(good)) });
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" })).toBeVisible({ timeout: 30_000 });
  // Done is said in words; the bar is only there while the file is worked on.
  await expect(page.getByTestId("import-outcome")).toHaveText("Imported");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveCount(0);
  const [n] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM line WHERE msisdn = ANY($1)`, [good.map((r) => r[col("msisdn")])]);
  expect(n.n).toBe(20);

  const bad = importRows({ rows: 20, offset: 7000 });
  bad[3][col("id_number")] = "110105194912310021";
  bad[5][col("plan_code")] = "NOPE";
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(toImportCsv(bad)) });
  await page.getByRole("button", { name: "Start import" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The file was rejected" });
  await expect(alert).toContainText("2 problems");
  // A rejected import is rejected: no "99 %" bar, no "Finished".
  await expect(page.getByTestId("import-outcome")).toHaveText("Rejected — nothing was imported");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveCount(0);
  const download = page.waitForEvent("download");
  await alert.getByRole("link", { name: "Download error report" }).click();
  const report = await (await download).createReadStream();
  let text = "";
  for await (const chunk of report) text += chunk;
  expect(text).toContain("Row,Column,Problem,Value");
  expect(text).toContain('5,id_number,"Not a valid national ID number');
  expect(text).toContain("7,plan_code,Unknown plan code.");
  const [none] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM customer WHERE customer_no = ANY($1)`, [bad.map((r) => r[col("customer_no")])]);
  expect(none.n).toBe(0);
});

/** Searches with the workspace / results-page form (not the header's typeahead): the results page opens as /customers?s=<id>. */
async function searchWithForm(page: Page, term: string) {
  await page.getByRole("searchbox", { name: "Search subscribers" }).fill(term);
  await page.getByRole("searchbox", { name: "Search subscribers" }).press("Enter");
  await expect(page).toHaveURL(/\/customers\?s=[A-Za-z0-9_-]{22}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Results for “${term}”` })).toBeVisible();
}

test("manager exports the current search as CSV with masked names and numbers; agents see no export", async ({ page, browser }) => {
  const caller = await uniqueCaller();
  await login(page, "manager1");
  await page.goto("/customers");
  await searchWithForm(page, caller.frag);
  const download = page.waitForEvent("download");
  const link = page.getByRole("link", { name: "Export CSV (masked)" });
  await expect(link).toHaveAttribute("href", /^\/api\/customers\/export\?s=[A-Za-z0-9_-]{22}$/);
  await link.click();
  const stream = await (await download).createReadStream();
  let text = "";
  for await (const chunk of stream) text += chunk;
  // Names as the segment export has them: the surname, then asterisks.
  expect(text).toContain(Array.from(caller.name)[0] + "*".repeat(Array.from(caller.name).length - 1));
  expect(text).not.toContain(caller.name);
  expect(text).toContain(`${caller.msisdn.slice(0, 3)}****${caller.msisdn.slice(-4)}`);
  expect(text).not.toContain(caller.msisdn);

  const agentCtx = await browser.newContext({ locale: "en-US" });
  const agent = await agentCtx.newPage();
  await login(agent, "agent1");
  await agent.goto("/customers");
  await searchWithForm(agent, caller.frag);
  await expect(agent.getByRole("link", { name: caller.name })).toBeVisible();
  await expect(agent.getByRole("link", { name: "Export CSV (masked)" })).toHaveCount(0);
  const res = await agent.request.get(`/api/customers/export?s=${new URL(agent.url()).searchParams.get("s")}`);
  expect(res.status()).toBe(403);
  // The manager's search is the manager's: another user's search id finds nothing.
  await agent.goto(page.url());
  await expect(agent.getByText("This search has expired")).toBeVisible();
  await agentCtx.close();
});

test("searches by full number, ID number and name put no term in any URL or audit row; back and forward keep the results", async ({ page }) => {
  const caller = await uniqueCaller();
  const idNumber = "110105194912310021";
  const terms = [caller.msisdn, idNumber, caller.name];
  const urls: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) urls.push(f.url());
  });
  const step = () => urls.push(page.url());
  await login(page, "agent1");

  // The results page's form: a full number.
  await page.goto("/customers");
  await searchWithForm(page, caller.msisdn);
  step();
  await expect(page.getByRole("link", { name: caller.name })).toBeVisible();
  const byNumber = page.url();

  // The header search: a full ID number is searched on Enter only, on the results page.
  const box = page.getByRole("combobox", { name: "Search subscribers" });
  await box.fill(idNumber);
  await expect(page.getByText("An ID number is searched when you press Enter")).toBeVisible();
  await box.press("Enter");
  await expect(page).not.toHaveURL(byNumber);
  await expect(page).toHaveURL(/\/customers\?s=[A-Za-z0-9_-]{22}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Results for “${idNumber}”` })).toBeVisible();
  step();

  // The results page form: a name.
  await searchWithForm(page, caller.name);
  step();

  // Back and forward: each results page is still there (its search is kept for 30 minutes).
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: `Results for “${idNumber}”` })).toBeVisible();
  step();
  await page.goBack();
  await expect(page).toHaveURL(byNumber);
  await expect(page.getByRole("link", { name: caller.name })).toBeVisible();
  step();
  await page.goForward();
  await expect(page.getByRole("heading", { level: 1, name: `Results for “${idNumber}”` })).toBeVisible();
  step();

  expect(urls.length).toBeGreaterThan(6);
  for (const url of urls) for (const term of terms) expect(decodeURIComponent(url), url).not.toContain(term);
  for (const term of terms) {
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE data::text LIKE '%' || $1 || '%'`, [term]);
    expect(n, term).toBe(0);
  }
  const [audit] = await sql<{ data: { term: string } }>(
    `SELECT data FROM audit_log WHERE action = 'customer.idNumberSearched' AND actor_name = 'agent1' ORDER BY id DESC LIMIT 1`,
  );
  expect(audit.data.term).toBe("1101**********0021");
});

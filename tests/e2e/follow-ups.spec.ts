import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";

test.use({ locale: "en-US" });

/** Runs the rollup job once (scripts/run-job.ts) in a separate process, as the app does every minute. */
function runRollups() {
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/run-job.ts", "rollups"], {
    env: process.env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
}

async function logout(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("detractor answer → follow-up on the supervisor's list → taken and completed with an outcome", async ({ page, browser }) => {
  test.setTimeout(180_000); // a phone context and three sign-ins
  // A CSAT invitation for one of agent1's complaints that has none yet (as the invitation job would send it).
  const [c] = await sql<{ id: number; customer_id: number; team_id: number; category_id: number }>(
    `SELECT c.id, c.customer_id, c.team_id, c.category_id FROM complaint c JOIN app_user u ON u.id = c.owner_id
     WHERE u.username = 'agent1' AND NOT EXISTS (SELECT 1 FROM survey_invitation i WHERE i.complaint_id = c.id) ORDER BY c.id DESC LIMIT 1`,
  );
  const token = randomBytes(24).toString("base64url");
  await sql(
    `INSERT INTO survey_invitation (template_id, kind, customer_id, complaint_id, token_hash, channel, locale, team_id, category_id, region, sent_at, expires_at)
     SELECT t.id, 'CSAT', $1, $2, $3, 'SMS', 'en', $4, $5, '', now(), now() + interval '7 days' FROM survey_template t WHERE t.code = 'CSAT_COMPLAINT'`,
    [c.customer_id, c.id, createHash("sha256").update(token).digest("hex"), c.team_id, c.category_id],
  );
  const verbatim = `Nobody called me back ${randomBytes(3).toString("hex")}`;

  // The customer answers on a phone: a detractor (CSAT 1) with a comment.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-US" });
  const p = await phone.newPage();
  await p.goto(`/s/${token}`);
  await p.getByLabel("Score 1").check({ force: true });
  await p.getByLabel("Anything you would like to tell us? (optional)").fill(verbatim);
  await p.getByRole("button", { name: "Submit" }).click();
  await expect(p.getByRole("status")).toHaveText("Thank you! Your answer has been recorded.");
  await phone.close();

  // The supervisor of the owner's team finds it on the work list (from the navigation).
  await login(page, "supervisor1");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Follow-ups" }).click();
  await expect(page.getByRole("heading", { name: "Detractor follow-ups" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: verbatim });
  // Open ones come oldest first: page on (keyset "Next page") until the new one shows.
  while ((await row.count()) === 0 && (await page.getByRole("link", { name: "Next page »" }).count()) > 0) {
    const url = page.url();
    await page.getByRole("link", { name: "Next page »" }).click();
    await expect(page).not.toHaveURL(url);
  }
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("CSAT 1");
  await expect(row).toContainText("Not taken");
  await page.screenshot({ path: "test-results/follow-ups-open.png", fullPage: true });

  // Take it, then complete it with the outcome of the call-back (in a dialog; too short first).
  await row.getByRole("button", { name: /^Take it\s*: the follow-up for/ }).click();
  await expect(page.getByText("Taken: it is yours now.")).toBeVisible();
  await expect(row).toContainText("陈建华");
  await row.getByRole("button", { name: /^Complete…\s*: the follow-up for/ }).click();
  const dialog = page.getByRole("dialog", { name: /^Complete the follow-up for/ });
  await dialog.getByLabel("Outcome of the call-back").fill("ok");
  await dialog.getByRole("button", { name: "Mark as done" }).click();
  await expect(dialog.getByLabel("Outcome of the call-back")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toContainText("Too short.");
  await dialog.getByLabel("Outcome of the call-back").fill("Called back, apologised, credited ¥20");
  await dialog.getByRole("button", { name: "Mark as done" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Follow-up completed.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: verbatim })).toHaveCount(0);

  // It is on the "done" list (newest first) with the outcome, and the database agrees.
  await page.goto("/follow-ups");
  await page.getByLabel("Status").selectOption("DONE");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=DONE/);
  await expect(page.getByRole("row").filter({ hasText: verbatim })).toContainText("Called back, apologised, credited ¥20");
  const [f] = await sql<{ status: string; closed_by: string; version: number }>(
    `SELECT f.status, u.username AS closed_by, f.version FROM survey_follow_up f JOIN survey_response r ON r.id = f.response_id JOIN app_user u ON u.id = f.closed_by_id WHERE r.comment = $1`,
    [verbatim],
  );
  expect(f).toEqual({ status: "DONE", closed_by: "supervisor1", version: 3 });
  await logout(page);

  // Agents have no work list (not in the navigation; by URL the 403 page).
  await login(page, "agent1");
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Follow-ups" })).toHaveCount(0);
  await page.goto("/follow-ups");
  await expect(page.getByRole("heading", { name: "You do not have access to this page." })).toBeVisible();
});

test("manager: Customers tab with region filter in the URL, drill into at-risk customers, detractor tile opens the follow-ups", async ({ page }) => {
  test.setTimeout(180_000); // the rollup job runs in a separate Node process
  runRollups();
  await login(page, "manager1");
  await page.goto("/dashboards/service");
  await page.getByRole("navigation", { name: "Dashboards" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { name: "Customers dashboard" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Active subscribers/ })).toBeVisible();
  await page.screenshot({ path: "test-results/customers-dashboard.png", fullPage: true });
  const [{ region }] = await sql<{ region: string }>(`SELECT region FROM customer_monthly_rollup GROUP BY region ORDER BY sum(active_start) DESC LIMIT 1`);
  await page.getByLabel("Region", { exact: true }).selectOption(region);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`region=${encodeURIComponent(region)}`));
  // The table alternative of the churn chart.
  const chart = page.getByRole("region", { name: "Churn rate by month" });
  await chart.getByLabel("Table view").check();
  await expect(chart.getByRole("table")).toBeVisible();
  await page.getByRole("link", { name: /At risk of churning/ }).click();
  await expect(page.getByRole("heading", { name: "Customers at high risk of churning" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`list=atRisk.*region=|region=.*list=atRisk`));
  await page.goto("/dashboards/satisfaction");
  await page.getByRole("link", { name: /NPS detractors/ }).click();
  await expect(page.getByRole("heading", { name: "Detractor follow-ups" })).toBeVisible();
});

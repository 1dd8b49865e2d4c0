import { spawnSync } from "node:child_process";
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";
import { chooseCategory, resolveComplaint } from "./call-helpers";

test.use({ locale: "en-US" });

/** Runs a background job once (scripts/run-job.ts) in a separate process, at a chosen time. */
function runJob(job: "survey-invitations" | "rollups", at: Date = new Date()) {
  // --print-links: the real links go to the sender only (never stored); the job hands them back here.
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/run-job.ts", job, at.toISOString(), "--print-links"], {
    env: { ...process.env, APP_BASE_URL: `http://localhost:${process.env.E2E_PORT ?? 3100}` },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

/** The first moment ≥ `at` outside the default quiet hours (21:00–08:00 Beijing time). */
function outsideQuietHours(at: Date): Date {
  const hour = (at.getUTCHours() + 8) % 24;
  if (hour >= 8 && hour < 21) return at;
  const local = new Date(at.getTime() + 8 * 3_600_000);
  if (hour >= 21) local.setUTCDate(local.getUTCDate() + 1);
  local.setUTCHours(8, 30, 0, 0);
  return new Date(local.getTime() - 8 * 3_600_000);
}

async function logout(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

test("resolved complaint → CSAT invitation → phone answer → dashboard, detractor follow-up, drill into breaches", async ({ page, browser }) => {
  test.setTimeout(240_000); // four job runs in separate Node processes
  const [customer] = await sql<{ id: number }>(
    `UPDATE customer SET preferred_lang = 'zh-CN', consent_push = true, do_not_disturb = false
     WHERE id = (SELECT id FROM customer WHERE status = 'ACTIVE' ORDER BY id DESC OFFSET 5 LIMIT 1) RETURNING id`,
  );

  // An agent takes a complaint and resolves it on first contact.
  await login(page, "agent1");
  await page.goto(`/complaints/new?customerId=${customer.id}`);
  await chooseCategory(page, "Category", "Overcharge");
  await page.getByLabel("Grade").selectOption("GENERAL");
  await page.getByLabel("Summary").fill("Survey journey: data charged twice");
  await page.getByRole("button", { name: "Open complaint" }).click();
  await expect(page).toHaveURL(/\/complaints\/\d+$/);
  const complaintId = Number(page.url().split("/").at(-1));
  await page.getByRole("button", { name: "Start handling" }).click();
  await expect(page.getByTestId("complaint-status")).toHaveText("In progress");
  await resolveComplaint(page, "Refunded and explained the bill.", "Billing system error");
  await expect(page.getByTestId("complaint-status")).toHaveText("Resolved");
  await expect(page.getByRole("region", { name: "Survey answers" })).toContainText("No survey answers yet.");
  await logout(page);

  // The invitation scan (every minute in the app) runs after the 30-minute delay, outside quiet hours.
  const [{ resolved_at }] = await sql<{ resolved_at: Date }>(`SELECT resolved_at FROM complaint WHERE id = $1`, [complaintId]);
  const scan = runJob("survey-invitations", outsideQuietHours(new Date(resolved_at.getTime() + 31 * 60_000)));
  expect(scan.invited).toBeGreaterThanOrEqual(1);
  const [msg] = await sql<{ body: string; channel: string; invitation_id: number }>(
    `SELECT m.body, m.channel, m.invitation_id FROM outbound_message m JOIN survey_invitation i ON i.id = m.invitation_id WHERE i.complaint_id = $1`,
    [complaintId],
  );
  expect(msg.channel).toBe("PUSH");
  expect(msg.body).toContain("已处理完毕");
  // The stored message has the link redacted; the customer's phone got the real one.
  expect(msg.body).toMatch(/\/s\/••••••$/);
  const sent = (scan.links as Array<{ invitationId: number; text: string }>).find((l) => l.invitationId === msg.invitation_id)!;
  expect(sent.text).toContain("已处理完毕");
  const link = sent.text.match(/(https?:\/\/\S+\/s\/[A-Za-z0-9_-]+)/)![1];
  const path = new URL(link).pathname;
  // Once per complaint: a second scan finds nothing new for it.
  runJob("survey-invitations", outsideQuietHours(new Date(resolved_at.getTime() + 45 * 60_000)));
  const [{ n: invitations }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM survey_invitation WHERE complaint_id = $1`, [complaintId]);
  expect(invitations).toBe(1);

  // The customer opens the link on a phone: Chinese first (their preference), switches to English, answers.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-US" });
  const p = await phone.newPage();
  await p.goto(path);
  await expect(p.getByRole("heading", { name: "您对本次投诉的处理结果满意吗？" })).toBeVisible();
  await p.getByRole("link", { name: "English" }).click();
  await expect(p.getByRole("heading", { name: /^How satisfied are you/ })).toBeVisible();
  await p.getByRole("button", { name: "Submit" }).click();
  await expect(p.getByRole("alert").filter({ hasText: "Please choose a score for each question." })).toBeVisible();
  await p.getByLabel("Score 2").check({ force: true });
  await p.getByLabel("Anything you would like to tell us? (optional)").fill("Took three calls to get it fixed");
  await p.getByRole("button", { name: "Submit" }).click();
  await expect(p.getByRole("status")).toHaveText("Thank you! Your answer has been recorded.");
  await p.reload();
  await expect(p.getByRole("status")).toHaveText("This survey has already been answered. Thank you!");
  // A link that leads nowhere: 404, with a page in both languages (the link's own is unknown).
  expect((await p.goto("/s/not-a-real-token-000000000000"))?.status()).toBe(404);
  await expect(p.getByRole("heading", { name: "该问卷链接无效" })).toBeVisible();
  await expect(p.getByRole("heading", { name: "This survey link is not valid" })).toBeVisible();
  await phone.close();

  // Closed loop: the owner's supervisor has a follow-up and a notification.
  const [follow] = await sql<{ username: string }>(
    `SELECT u.username FROM survey_follow_up f JOIN app_user u ON u.id = f.assignee_id WHERE f.complaint_id = $1 AND f.status = 'OPEN'`,
    [complaintId],
  );
  expect(follow.username).toBe("supervisor1");
  await login(page, "supervisor1");
  await page.goto("/notifications");
  await expect(page.getByText(/Low survey score — follow up with the customer/).first()).toBeVisible();
  // Supervisors do not read the manager dashboards.
  await page.goto("/dashboards/satisfaction");
  await expect(page.getByRole("heading", { name: "You do not have access to this page." })).toBeVisible();
  await logout(page);

  // The rollup job (every minute in the app) picks the answer up; the manager sees it.
  runJob("rollups");
  const today = new Date();
  const [team] = await sql<{ id: number }>(`SELECT id FROM team WHERE code = 'HOTLINE-1'`);
  const [inv] = await sql<{ sent_at: Date }>(`SELECT sent_at FROM survey_invitation WHERE complaint_id = $1`, [complaintId]);
  await login(page, "manager1");
  // The scan ran at a moved clock (possibly tomorrow morning, after quiet hours): cover both days.
  await page.goto(`/dashboards/satisfaction?from=${beijingDay(today)}&to=${beijingDay(inv.sent_at)}&team=${team.id}`);
  await expect(page.getByRole("region", { name: "Latest comments" })).toContainText("Took three calls to get it fixed");
  await expect(page.getByRole("link", { name: /CSAT/ })).not.toContainText("—");

  // Filter the service dashboard by team and month, then drill into the breached complaints.
  const month = beijingDay(today).slice(0, 7);
  await page.goto("/dashboards/service");
  await page.getByLabel("From", { exact: true }).fill(`${month}-01`);
  await page.getByLabel("To", { exact: true }).fill(beijingDay(today));
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Hotline Team 1" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`team=${team.id}`));
  await page.getByRole("link", { name: /SLA breaches/ }).click();
  await expect(page.getByRole("heading", { name: "Complaints: SLA breached" })).toBeVisible();
  const [{ n: breached }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM complaint WHERE team_id = $1 AND breached_at IS NOT NULL AND created_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    [team.id, `${month}-01`],
  );
  await expect(page.locator("tbody tr")).toHaveCount(Math.min(breached, 50));
  runJob("rollups");
  const tile = await page.goto(`/dashboards/service?from=${month}-01&to=${beijingDay(today)}&team=${team.id}`);
  expect(tile?.status()).toBe(200);
  await expect(page.getByRole("link", { name: /SLA breaches/ })).toContainText(String(breached));
  await logout(page);

  // Agents cannot open the dashboards either.
  await login(page, "agent1");
  await page.goto("/dashboards/service");
  await expect(page.getByRole("heading", { name: "You do not have access to this page." })).toBeVisible();
});

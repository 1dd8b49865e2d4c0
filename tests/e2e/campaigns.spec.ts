// Issue 22, "Done means", the campaign's part, in both languages: manager1 plans a retention
// campaign on an at-risk Gold segment with a 10 % control group and an outbound-call + SMS mix and
// submits it (the author cannot approve it); manager2 approves; manager1 schedules and launches it;
// the audience, control and exclusion counts by reason show, with the call list and the messages.
import fs from "node:fs";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { login, scoringSettled, sql } from "./helpers";

const SCREENS = "/work/screens/plan";
fs.mkdirSync(SCREENS, { recursive: true });

const L = {
  en: {
    nav: "Campaigns",
    newCampaign: "New campaign",
    create: "Save draft",
    submit: "Submit for approval",
    awaitingOther: "Waiting for another manager to approve",
    approve: "Approve",
    schedule: "Schedule",
    launchNow: "Launch now",
    channels: "Channels",
    call: "Outbound call",
    sms: "SMS",
    status: { SUBMITTED: "Submitted", APPROVED: "Approved", SCHEDULED: "Scheduled", RUNNING: "Running" },
    unknown: "Unknown placeholder: {nmae}",
    showTable: "Table view",
    noConsent: "Excluded: No consent for the channel",
  },
  "zh-CN": {
    nav: "营销活动",
    newCampaign: "新建活动",
    create: "保存草稿",
    submit: "提交审批",
    awaitingOther: "等待另一位经理审批",
    approve: "批准",
    schedule: "排期",
    launchNow: "立即上线",
    channels: "渠道",
    call: "外呼",
    sms: "短信",
    status: { SUBMITTED: "已提交", APPROVED: "已批准", SCHEDULED: "已排期", RUNNING: "进行中" },
    unknown: "未知占位符：{nmae}",
    showTable: "表格视图",
    noConsent: "排除：未授权该渠道",
  },
} as const;

/** "2026-12-07T15:55" in Asia/Shanghai, `minutes` from now. */
const shanghai = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);

async function as(browser: Browser, username: string, locale: string, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ locale });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
  const page = await context.newPage();
  await login(page, username);
  return page;
}

for (const locale of ["en", "zh-CN"] as const) {
  const l = L[locale];
  test(`manager1 plans an at-risk Gold retention campaign, manager2 approves, it launches (${locale})`, async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    await scoringSettled();
    // The at-risk Gold segment: Gold customers, the likeliest to leave first (a static list, so the
    // test does not depend on how many the demo's scores put in the HIGH band).
    const tag = `${locale}-${Date.now()}`;
    const [seg] = await sql<{ id: number }>(
      `INSERT INTO segment (name, description, kind, source, updated_at) VALUES ($1, 'e2e', 'STATIC', 'rules', now()) RETURNING id`,
      [`At-risk Gold ${tag}`],
    );
    const members = await sql(
      `INSERT INTO segment_member (segment_id, customer_id)
       SELECT $1, s.customer_id FROM customer_score s WHERE s.tier = 'GOLD' ORDER BY s.churn_probability DESC NULLS LAST, s.customer_id LIMIT 80 RETURNING customer_id`,
      [seg!.id],
    );
    expect(members.length).toBeGreaterThan(10);
    await sql(`UPDATE segment SET size = $2 WHERE id = $1`, [seg!.id, members.length]);

    const m1 = await as(browser, "manager1", locale, baseURL!);
    await m1.getByRole("navigation").getByRole("link", { name: l.nav, exact: true }).first().click();
    await expect(m1).toHaveURL(/\/campaigns$/);
    await m1.getByRole("link", { name: l.newCampaign }).first().click();
    await expect(m1).toHaveURL(/\/campaigns\/new$/);

    const name = `Gold retention ${tag}`;
    await m1.locator("#name").fill(name);
    await m1.locator("#objective").fill("Keep at-risk Gold customers");
    await m1.locator("#startsAt").fill(shanghai(-5));
    await m1.locator("#endsAt").fill(shanghai(60 * 24 * 30));
    await m1.getByLabel(locale === "en" ? "Target segment" : "目标分群").selectOption(String(seg!.id));
    await m1.locator("#audienceMode").selectOption("STATIC");
    await m1.locator("#controlPct").fill("10");
    await m1.locator("#channels").click();
    await m1.getByRole("checkbox", { name: l.call, exact: true }).check();
    await m1.getByRole("checkbox", { name: l.sms, exact: true }).check();
    await m1.keyboard.press("Escape");
    await m1.locator("#budget").fill("5000");
    const hotline1 = await sql<{ id: number }>(`SELECT id FROM team WHERE code = 'HOTLINE-1'`);
    await m1.locator("#callTeamId").selectOption(String(hotline1[0]!.id));
    // A typo in a placeholder shows while typing.
    await m1.locator("#scriptZh").fill("您好，{nmae}");
    await expect(m1.getByText(l.unknown)).toBeVisible();
    await m1.locator("#scriptZh").fill("您好，{name}，感谢您一直以来的支持。");
    await m1.locator("#scriptEn").fill("Hello {name}, thank you for staying with us.");
    await m1.locator("#messageZh").fill("尊敬的{name}，您的专属关怀已到账。退订：{optOutUrl}");
    await m1.locator("#messageEn").fill("Dear {name}, your loyalty reward is ready. Opt out: {optOutUrl}");
    await expect(m1.getByTestId("campaign-preview")).toContainText(locale === "en" ? "Ms Wang" : "王女士");
    await m1.screenshot({ path: `${SCREENS}/new-${locale}.png`, fullPage: true });
    await m1.getByRole("button", { name: l.create }).click();
    await expect(m1).toHaveURL(/\/campaigns\/\d+$/);
    const id = Number(m1.url().split("/").pop());

    await m1.getByRole("button", { name: l.submit }).click();
    await expect(m1.getByTestId("campaign-status")).toHaveAttribute("data-status", "SUBMITTED");
    await expect(m1.getByText(l.awaitingOther)).toBeVisible();
    await expect(m1.getByRole("button", { name: l.approve, exact: true })).toHaveCount(0);

    const m2 = await as(browser, "manager2", locale, baseURL!);
    await m2.goto(`/campaigns/${id}`);
    await m2.screenshot({ path: `${SCREENS}/approval-${locale}.png`, fullPage: true });
    await m2.getByRole("button", { name: l.approve, exact: true }).click();
    await expect(m2.getByTestId("campaign-status")).toHaveAttribute("data-status", "APPROVED");
    await m2.context().close();

    await m1.reload();
    await m1.getByRole("button", { name: l.schedule, exact: true }).click();
    // Scheduled; its start has come, so the minute's scheduler job may launch it before we do.
    await expect(m1.getByTestId("campaign-status")).toHaveAttribute("data-status", /^(SCHEDULED|RUNNING)$/);
    // "Launch now" while it is still only scheduled.
    if ((await m1.getByTestId("campaign-status").getAttribute("data-status")) === "SCHEDULED") {
      await m1
        .getByRole("button", { name: l.launchNow })
        .click({ timeout: 5_000 })
        .catch(() => {
          /* launched by the scheduler meanwhile: the button is gone */
        });
    }
    await expect
      .poll(async () => (await sql<{ status: string }>(`SELECT status::text FROM campaign WHERE id = $1`, [id]))[0]!.status, { timeout: 90_000 })
      .toBe("RUNNING");
    await m1.reload();
    await expect(m1.getByTestId("campaign-status")).toHaveAttribute("data-status", "RUNNING");
    await expect(m1.getByTestId("campaign-launch")).toHaveAttribute("data-status", "SUCCEEDED");

    const [row] = await sql<{
      audience_size: number;
      control_size: number;
      exclusions: Record<string, number>;
      approved: string;
      calls: number;
      messages: number;
    }>(
      `SELECT c.audience_size, c.control_size, c.exclusions, u.username AS approved,
              (SELECT count(*)::int FROM call_task t WHERE t.campaign_id = c.id) AS calls,
              (SELECT count(*)::int FROM outbound_message o WHERE o.campaign_id = c.id) AS messages
       FROM campaign c JOIN app_user u ON u.id = c.approved_by_id WHERE c.id = $1`,
      [id],
    );
    expect(row!.approved).toBe("manager2");
    const excluded = Object.values(row!.exclusions).reduce((a, b) => a + b, 0);
    expect(row!.audience_size + excluded).toBe(members.length);
    expect(Math.abs(row!.control_size - Math.round(row!.audience_size * 0.1))).toBeLessThanOrEqual(4);
    const counts = m1.getByTestId("campaign-counts");
    const fmt = new Intl.NumberFormat(locale);
    await expect(counts).toContainText(fmt.format(row!.audience_size));
    await expect(counts).toContainText(fmt.format(row!.control_size));
    await expect(counts).toContainText(fmt.format(excluded));
    // The exclusions by reason, as the chart's table.
    await m1.getByRole("checkbox", { name: l.showTable }).check();
    await expect(m1.getByRole("table").filter({ hasText: l.noConsent }).first()).toBeVisible();
    expect(row!.calls).toBeGreaterThan(0);
    expect(row!.messages).toBeGreaterThan(0);
    await m1.screenshot({ path: `${SCREENS}/running-${locale}.png`, fullPage: true });

    // The list shows it under its status chip.
    await m1.goto("/campaigns?status=RUNNING");
    await expect(m1.getByRole("link", { name })).toBeVisible();
    await m1.screenshot({ path: `${SCREENS}/list-${locale}.png`, fullPage: true });
    await m1.context().close();
  });
}

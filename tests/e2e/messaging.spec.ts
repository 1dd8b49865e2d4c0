// Messages and channel adapters (issue 22), in both languages: admin1 changes the contact rules
// (quiet hours and caps), a queued campaign e-mail goes out through the real SMTP path to the demo's
// local SMTP server and appears in the local mailbox, and the customer opts out through the link in
// that e-mail on the public page (phone-sized), in their language or the other.
import fs from "node:fs";
import { createRequire } from "node:module";
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";

const SHOTS = "/work/screens/msg";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  });
}

const TEXT = {
  en: {
    title: "Contact rules and messages",
    quietStart: "From",
    quietEnd: "Until",
    overall: "All channels",
    sms: "SMS",
    save: "Save contact rules",
    saved: "Contact rules saved.",
    dispatch: "Send due messages now",
    mailbox: "Local mailbox (demo)",
    optOutTitle: "Stop Email marketing messages",
    confirm: "Stop Email messages",
    done: "Done: you will receive no more marketing messages by Email.",
  },
  "zh-CN": {
    title: "营销接触规则与消息",
    quietStart: "开始",
    quietEnd: "结束",
    overall: "全部渠道",
    sms: "短信",
    save: "保存接触规则",
    saved: "接触规则已保存。",
    dispatch: "立即发送到期消息",
    mailbox: "本地邮箱（演示）",
    optOutTitle: "退订电子邮件营销消息",
    confirm: "确认退订电子邮件",
    done: "已退订：您将不再收到电子邮件营销消息。",
  },
} as const;

const pad = (n: number) => String(n).padStart(2, "0");

/** A running campaign with an e-mail queued for a customer who prefers `locale`; its id and subject. */
async function queueCampaignEmail(locale: "en" | "zh-CN") {
  const tag = `${locale}-${Date.now()}`;
  const subject = locale === "en" ? `E2E offer ${tag}` : `端到端优惠 ${tag}`;
  const [seg] = await sql<{ id: number }>(
    `INSERT INTO segment (name, kind, source, definition, updated_at) VALUES ($1, 'STATIC', 'rules', NULL, now()) RETURNING id`,
    [`E2E messaging ${tag}`],
  );
  const [campaign] = await sql<{ id: number }>(
    `INSERT INTO campaign (name, segment_id, channels, starts_at, ends_at, status, created_by_id, success_kinds, updated_at,
                           message_zh, message_en, email_subject_zh, email_subject_en)
     SELECT $1, $2, '{EMAIL}', now() - interval '1 hour', now() + interval '30 days', 'RUNNING', u.id, '{OFFER_ACCEPTED}', now(),
            '尊敬的{name}，感谢您的支持。退订：{optOutUrl}', 'Dear {name}, thank you for staying with us. Opt out: {optOutUrl}', $3, $3
     FROM app_user u WHERE u.username = 'manager1' RETURNING id`,
    [`E2E ${tag}`, seg!.id, subject],
  );
  const [customer] = await sql<{ id: number; name: string }>(
    `UPDATE customer SET email = $1, consent_email = true, do_not_disturb = false, preferred_lang = $2
     WHERE id = (SELECT id FROM customer WHERE status = 'ACTIVE' AND type = 'INDIVIDUAL' AND NOT do_not_disturb
                 AND id NOT IN (SELECT customer_id FROM outbound_message WHERE purpose = 'campaign') ORDER BY id DESC LIMIT 1)
     RETURNING id, name`,
    [`e2e.${tag}@example.com`, locale],
  );
  await sql(
    `INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, campaign_id, status, next_attempt_at)
     VALUES ($1, 'EMAIL', '', $2, 'campaign', '', $3, 'QUEUED', now())`,
    [customer!.id, locale, campaign!.id],
  );
  return { customer: customer!, campaignId: campaign!.id, subject };
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`admin1 sets the contact rules; a campaign e-mail reaches the local mailbox; the customer opts out (${locale})`, async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    fs.mkdirSync(SHOTS, { recursive: true });
    const L = TEXT[locale];
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await login(page, "admin1");
    await page.goto("/admin/marketing");
    await expect(page.getByRole("heading", { level: 1, name: L.title })).toBeVisible();

    // Quiet hours away from now (Asia/Shanghai), so the e-mail may go; caps changed.
    const hour = new Date(Date.now() + 8 * 3_600_000).getUTCHours();
    const start = `${pad((hour + 3) % 24)}:00`;
    const end = `${pad((hour + 5) % 24)}:30`;
    const overall = locale === "en" ? "7" : "8";
    await page.getByLabel(L.quietStart, { exact: true }).fill(start);
    await page.getByLabel(L.quietEnd, { exact: true }).fill(end);
    await page.getByLabel(L.overall, { exact: true }).fill(overall);
    await page.getByLabel(L.sms, { exact: true }).fill("3");
    await page.getByRole("button", { name: L.save }).click();
    await expect(page.getByText(L.saved)).toBeVisible();
    const [setting] = await sql<{ value: { quietHours: { start: string; end: string }; caps: { overall: number; perChannel: { SMS: number } } } }>(
      `SELECT value FROM app_setting WHERE key = 'marketing'`,
    );
    expect(setting!.value.quietHours).toEqual({ start, end });
    expect(setting!.value.caps.overall).toBe(Number(overall));
    expect(setting!.value.caps.perChannel.SMS).toBe(3);
    // The form shows what was saved after a reload.
    await page.reload();
    await expect(page.getByLabel(L.quietStart, { exact: true })).toHaveValue(start);
    await expect(page.getByLabel(L.overall, { exact: true })).toHaveValue(overall);

    // A queued campaign e-mail: the button sends it now (or the every-minute job already did).
    const { customer, subject } = await queueCampaignEmail(locale);
    await page.getByRole("button", { name: L.dispatch }).click();
    const mailbox = page.getByRole("region", { name: L.mailbox });
    await expect(async () => {
      await page.reload();
      await expect(mailbox.getByRole("row").filter({ hasText: subject })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
    const row = mailbox.getByRole("row").filter({ hasText: subject });
    await expect(row).toContainText(locale === "en" ? `Dear ${customer.name}` : `尊敬的${customer.name}`);
    await expect(row).toContainText("e***@example.com");
    const [sent] = await sql<{ status: string; recipient: string; body: string }>(
      `SELECT status::text, recipient, body FROM outbound_message WHERE customer_id = $1 AND purpose = 'campaign' ORDER BY id DESC LIMIT 1`,
      [customer.id],
    );
    expect(sent).toMatchObject({ status: "SENT", recipient: "e***@example.com" });
    expect(sent!.body).toContain("/o/••••••");
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/admin-marketing-${locale}.png`, fullPage: true });
    const link = /https?:\/\/\S+\/o\/[0-9a-z]+\.[A-Za-z0-9_-]{22}/.exec((await row.textContent()) ?? "")?.[0];
    expect(link, "the e-mail carries its opt-out link").toBeTruthy();

    // The customer, on a phone, without an account.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    await p.goto(new URL(link!).pathname);
    await expect(p.getByRole("heading", { level: 1, name: L.optOutTitle })).toBeVisible();
    expect(await axeViolations(p)).toEqual([]);
    await p.screenshot({ path: `${SHOTS}/opt-out-${locale}.png`, fullPage: true });
    // The other language, then back.
    const other = locale === "en" ? "zh-CN" : "en";
    await p.getByRole("link", { name: locale === "en" ? "中文" : "English" }).click();
    await expect(p.getByRole("heading", { level: 1, name: TEXT[other].optOutTitle })).toBeVisible();
    await p.goto(new URL(link!).pathname);
    await p.getByRole("button", { name: L.confirm }).click();
    await expect(p.getByText(L.done)).toBeVisible();
    await p.screenshot({ path: `${SHOTS}/opt-out-done-${locale}.png`, fullPage: true });
    const [c] = await sql<{ consent_email: boolean }>(`SELECT consent_email FROM customer WHERE id = $1`, [customer.id]);
    expect(c!.consent_email).toBe(false);
    const [audit] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'customer.optedOut' AND entity_id = $1`, [
      String(customer.id),
    ]);
    expect(audit!.n).toBe(1);
    await phone.close();
  });
}

test("a forged opt-out link is a 404 page in both languages", async ({ page }) => {
  const res = await page.goto(`/o/1.${"A".repeat(22)}`);
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "链接无效" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/opt-out-404.png`, fullPage: true });
});

// The outbound call list (issue 22), in both languages: agent1 takes the next call with N, reads
// the script, records ACCEPTED with the keyboard (2, Ctrl+Enter), a CALL_BACK re-queues the next
// one, the contact is on the customer's 360 timeline; the supervisor sees the team's figures and
// gives call tasks from /retention; a manager enrols retention customers into the running campaign.
import fs from "node:fs";
import { createRequire } from "node:module";
import { test, expect, type Page } from "@playwright/test";
import { login, scoringSettled, sql } from "./helpers";

type Catalogue = {
  nav: Record<string, string>;
  enums: { callOutcome: Record<string, string>; channel: Record<string, string> };
  calls: {
    title: string;
    next: string;
    current: string;
    open360: string;
    outcome: Record<string, string>;
    stats: Record<string, string>;
    retention: Record<string, string>;
  };
};
const CATALOGUES: Record<string, Catalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")),
  "zh-CN": JSON.parse(fs.readFileSync("messages/zh-CN.json", "utf8")),
};
const SCREENS = "/work/screens/calls";
fs.mkdirSync(SCREENS, { recursive: true });

/** A running campaign for agent1's team with two of its customers to call (first A, then B), set up as launch leaves them. */
async function runningCampaign(tag: string, opts: { calls: boolean } = { calls: true }) {
  const [team] = await sql<{ id: number }>(`SELECT team_id AS id FROM app_user WHERE username = 'agent1'`);
  const [seg] = await sql<{ id: number }>(`INSERT INTO segment (name, kind, updated_at) VALUES ($1, 'STATIC', now()) RETURNING id`, [`E2E calls ${tag}`]);
  const [c] = await sql<{ id: number }>(
    `INSERT INTO campaign (name, objective, segment_id, channels, starts_at, ends_at, script_zh, script_en, status, created_by_id, approved_by_id, launched_at,
                           call_team_id, success_kinds, updated_at)
     SELECT $1, 'E2E', $2, ARRAY['OUTBOUND_CALL']::"CampaignChannel"[], now() - interval '1 day', now() + interval '30 days',
            '您好，{name}！作为{tier}客户，您的号码{number}可享受专属优惠（E2E话术）。', 'Hello {name}! As a {tier} customer, your number {number} qualifies for our offer (E2E script).',
            'RUNNING', m1.id, m2.id, now(), $3, ARRAY['OFFER_ACCEPTED']::"ConversionKind"[], now()
     FROM app_user m1, app_user m2 WHERE m1.username = 'manager1' AND m2.username = 'manager2' RETURNING id`,
    [`E2E 外呼 ${tag}`, seg!.id, team!.id],
  );
  // Two individual customers who may be called and are in no open call task yet.
  const people = await sql<{ id: number; name: string; tier: string | null }>(
    `SELECT cu.id, cu.name, s.tier::text AS tier FROM customer cu LEFT JOIN customer_score s ON s.customer_id = cu.id
     WHERE cu.type = 'INDIVIDUAL' AND cu.status <> 'CHURNED' AND cu.consent_call AND NOT cu.do_not_disturb
       AND EXISTS (SELECT 1 FROM line l WHERE l.customer_id = cu.id)
       AND NOT EXISTS (SELECT 1 FROM call_task t WHERE t.customer_id = cu.id)
     ORDER BY cu.id DESC LIMIT 2`,
  );
  expect(people).toHaveLength(2);
  for (const [i, p] of people.entries()) {
    await sql(
      `INSERT INTO campaign_member (campaign_id, customer_id, is_control, value_tier, channels) VALUES ($1, $2, false, COALESCE($3, 'STANDARD')::"ValueTier", ARRAY['OUTBOUND_CALL']::"CampaignChannel"[])`,
      [c!.id, p.id, p.tier],
    );
    // Above anything else on the list: agent1's next calls are these two, A first.
    if (opts.calls)
      await sql(`INSERT INTO call_task (campaign_id, customer_id, team_id, priority, due_at) VALUES ($1, $2, $3, $4, now() - interval '1 minute')`, [
        c!.id,
        p.id,
        team!.id,
        2001 - i,
      ]);
  }
  return { campaignId: c!.id, a: people[0]!, b: people[1]! };
}

/** No quiet hours while the test runs (it may run at any time of day); the admin's rules are put back after. */
async function withoutQuietHours(): Promise<() => Promise<void>> {
  const [before] = await sql<{ value: unknown }>(`SELECT value FROM app_setting WHERE key = 'marketing'`);
  const value = {
    quietHours: { start: "00:00", end: "00:00" },
    caps: { windowDays: 30, overall: 6, perChannel: { OUTBOUND_CALL: 2, SMS: 4, EMAIL: 4, PUSH: 8, WECHAT: 4 } },
    maxAttempts: 5,
    retryBaseSeconds: 60,
    gatewayUrl: "",
    ...(before?.value as object | undefined),
  };
  value.quietHours = { start: "00:00", end: "00:00" };
  await sql(`INSERT INTO app_setting (key, value, updated_at) VALUES ('marketing', $1, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
    JSON.stringify(value),
  ]);
  return async () => {
    if (before) await sql(`UPDATE app_setting SET value = $1 WHERE key = 'marketing'`, [JSON.stringify(before.value)]);
    else await sql(`DELETE FROM app_setting WHERE key = 'marketing'`);
  };
}

const masked = (name: string) => Array.from(name)[0] + "*".repeat(Array.from(name).length - 1);

/** Tomorrow 10:00 in Beijing as a datetime-local value and as the instant it means. */
function tomorrowTen(): { local: string; at: Date } {
  const bj = new Date(Date.now() + 8 * 3_600_000);
  const at = new Date(Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth(), bj.getUTCDate() + 1, 2));
  const l = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
  return { local: l, at };
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now (as tests/e2e/accessibility.spec.ts runs it). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
  return page.evaluate(async () => {
    type V = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: V[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  });
}

/** Focus off any field, so single-key shortcuts apply (as after a click on the page's background). */
async function blur(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function logout(page: Page) {
  await page.context().clearCookies({ name: "crm.session" });
}

for (const locale of ["en", "zh-CN"] as const) {
  const m = CATALOGUES[locale]!;
  test(`call list (${locale}): next call with N, the script, ACCEPTED by keyboard, a call-back re-queues, the 360 shows the contact`, async ({
    page,
    context,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    const restore = await withoutQuietHours();
    try {
      await sql(
        `UPDATE call_task SET status = 'QUEUED', claimed_by_id = NULL, claimed_at = NULL WHERE status = 'CLAIMED' AND claimed_by_id = (SELECT id FROM app_user WHERE username = 'agent1')`,
      );
      const { a, b } = await runningCampaign(`${locale}-${Date.now()}`);

      await login(page, "agent1");
      await page.getByRole("navigation", { name: m.nav.label }).getByRole("link", { name: m.nav.calls }).click();
      await expect(page.getByRole("heading", { level: 1, name: m.calls.title })).toBeVisible();
      await page.screenshot({ path: `${SCREENS}/calls-empty-${locale}.png`, fullPage: true });

      // N takes the next call: customer A, with the script in the agent's language. (The button
      // takes the focus once the page is interactive.)
      await expect(page.getByRole("button", { name: m.calls.next })).toBeFocused();
      await page.keyboard.press("n");
      const current = page.getByRole("region", { name: m.calls.current });
      await expect(current).toBeVisible();
      await expect(current.getByRole("heading", { name: masked(a.name) })).toBeVisible();
      const script = current.locator("blockquote").first(); // the campaign's script; the greeting and closing follow (issue 24)
      await expect(script).toContainText(locale === "en" ? `Hello ${masked(a.name)}!` : `您好，${masked(a.name)}！`);
      await expect(script).toContainText(/\d{3}\*{4}\d{4}/); // the number, masked
      await expect(script).not.toContainText("{");
      await expect(current.getByRole("link", { name: m.calls.open360 })).toHaveAttribute("href", `/customers/${a.id}`);
      await page.screenshot({ path: `${SCREENS}/calls-held-${locale}.png`, fullPage: true });
      expect(await axeViolations(page), "the call screen passes axe").toEqual([]);

      // 2 = ACCEPTED, a note, Ctrl+Enter.
      await blur(page);
      await page.keyboard.press("2");
      await expect(current.getByRole("radio", { name: m.enums.callOutcome.ACCEPTED })).toBeChecked();
      const note = `E2E accepted ${locale}`;
      await current.getByLabel(m.calls.outcome.note).fill(note);
      await page.keyboard.press("Control+Enter");
      await expect(page.getByText(m.calls.outcome.recorded)).toBeVisible();
      await expect(page.getByRole("button", { name: m.calls.next })).toBeVisible();
      const [done] = await sql<{ status: string; last_outcome: string; n: number }>(
        `SELECT t.status, t.last_outcome, (SELECT count(*)::int FROM interaction i WHERE i.call_task_id = t.id AND i.notes = $2) AS n
         FROM call_task t WHERE t.customer_id = $1 ORDER BY t.id DESC LIMIT 1`,
        [a.id, note],
      );
      expect(done).toEqual({ status: "DONE", last_outcome: "ACCEPTED", n: 1 });

      // Next: customer B; 5 = CALL_BACK tomorrow at 10:00 → back on the list for then.
      await expect(page.getByRole("button", { name: m.calls.next })).toBeFocused();
      await page.keyboard.press("n");
      await expect(current.getByRole("heading", { name: masked(b.name) })).toBeVisible();
      await blur(page);
      await page.keyboard.press("5");
      const when = tomorrowTen();
      await current.getByLabel(m.calls.outcome.callBackAt).fill(when.local);
      await current.getByLabel(m.calls.outcome.note).fill("E2E call back");
      await current.getByLabel(m.calls.outcome.note).press("Control+Enter");
      await expect(page.getByText(m.calls.outcome.requeued.split("{")[0]!.trim()).first()).toBeVisible();
      const [requeued] = await sql<{ status: string; due_at: Date; claimed_by_id: number | null }>(
        `SELECT status, due_at, claimed_by_id FROM call_task WHERE customer_id = $1 ORDER BY id DESC LIMIT 1`,
        [b.id],
      );
      expect(requeued).toEqual({ status: "QUEUED", due_at: when.at, claimed_by_id: null });

      // The accepted call is on A's 360 timeline.
      await page.goto(`/customers/${a.id}`);
      await expect(page.getByText(note)).toBeVisible();
      await expect(page.locator("li").filter({ hasText: note }).first()).toContainText(m.enums.channel.OUTBOUND_CALL);
      await page.screenshot({ path: `${SCREENS}/c360-after-call-${locale}.png`, fullPage: true });
      await logout(page);

      // The supervisor sees the team's call list today.
      await login(page, "supervisor1");
      await page.goto("/calls");
      const stats = page.getByRole("table", { name: m.calls.stats.byCampaign });
      await expect(stats.getByRole("row").filter({ hasText: `E2E 外呼 ${locale}` })).toBeVisible();
      await page.screenshot({ path: `${SCREENS}/calls-supervisor-${locale}.png`, fullPage: true });
      expect(await axeViolations(page), "the supervisor's call list passes axe").toEqual([]);
    } finally {
      await restore();
    }
  });

  test(`retention list (${locale}): the supervisor gives call tasks, a manager enrols into the running campaign`, async ({ page, context, baseURL }) => {
    test.setTimeout(240_000);
    await scoringSettled();
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    const { campaignId } = await runningCampaign(`retention-${locale}-${Date.now()}`, { calls: false });
    const r = m.calls.retention;

    await login(page, "supervisor1");
    await page.goto("/retention");
    await expect(page.getByRole("button", { name: r.enrol })).toHaveCount(0); // supervisors do not enrol
    const boxes = page.getByRole("checkbox");
    await expect(boxes.first()).toBeVisible();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await expect(page.getByRole("status").filter({ hasText: /2/ }).first()).toBeVisible();
    await page.getByRole("button", { name: r.task }).click();
    const dialog = page.getByRole("dialog");
    const note = `E2E retention call ${locale} ${Date.now()}`;
    await dialog.getByLabel(r.note).fill(note);
    await page.screenshot({ path: `${SCREENS}/retention-task-dialog-${locale}.png`, fullPage: true });
    expect(await axeViolations(page), "the call-task dialog passes axe").toEqual([]);
    await dialog.getByRole("button", { name: r.taskSubmit }).click();
    await expect(dialog).toBeHidden();
    const result = page.locator("main [role=status]").filter({ hasText: new RegExp(locale === "en" ? "call task|No task" : "外呼任务|没有创建") });
    await expect(result.first()).toBeVisible();
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM call_task WHERE note = $1`, [note]);
    const [audit] = await sql<{ created: number }>(
      `SELECT (data->>'created')::int AS created FROM audit_log WHERE action = 'callTask.created' ORDER BY id DESC LIMIT 1`,
    );
    expect(n).toBe(audit!.created);
    await page.screenshot({ path: `${SCREENS}/retention-supervisor-${locale}.png`, fullPage: true });
    await logout(page);

    await login(page, "manager1");
    await page.goto("/retention");
    await page.getByRole("button", { name: r.selectAll }).click();
    await page.getByRole("button", { name: r.enrol }).click();
    const enrol = page.getByRole("dialog");
    await enrol.getByLabel(r.campaign).selectOption(String(campaignId));
    await enrol.getByRole("button", { name: r.enrolSubmit }).click();
    await expect(enrol).toBeHidden();
    await expect(
      page
        .locator("main [role=status]")
        .filter({ hasText: new RegExp(locale === "en" ? "enrolled|Nobody" : "已加入|没有客户") })
        .first(),
    ).toBeVisible();
    const [{ members }] = await sql<{ members: number }>(`SELECT count(*)::int AS members FROM campaign_member WHERE campaign_id = $1 AND NOT from_launch`, [
      campaignId,
    ]);
    const [enrolled] = await sql<{ n: number }>(
      `SELECT (data->>'enrolled')::int AS n FROM audit_log WHERE action = 'campaignMember.enrolled' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [String(campaignId)],
    );
    expect(members).toBe(enrolled!.n);
    await page.screenshot({ path: `${SCREENS}/retention-manager-${locale}.png`, fullPage: true });
    // axe on the list with its result (the toast is the kit's and fades out: checked once it is gone).
    await expect(page.locator("[data-sonner-toast]")).toHaveCount(0, { timeout: 20_000 });
    expect(await axeViolations(page), "the retention list with its actions passes axe").toEqual([]);
  });
}

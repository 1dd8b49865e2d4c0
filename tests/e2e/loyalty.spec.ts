// Issue 23, the points side, in both languages: agent1 opens a demo customer with points (the one
// the demo compensated with points, tests/factories/loyalty-demo.ts), reads the balance and the
// ledger and redeems a ¥10 bill credit (the balance moves, the account gets the credit);
// supervisor1 adjusts above the supervisor's limit (500) → waiting; manager1 approves it on
// /loyalty/approvals; admin1 edits an earn rule and runs the reconciliation on /admin/loyalty
// (no mismatches after all of the above). Each page passes axe. With SHOTS=1, screenshots at
// 1280 px go to SCREENS_DIR (or /work/screens/points).
import fs from "node:fs";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { axeViolations, login, sql } from "./helpers";

// axe-core as tests/e2e/accessibility.spec.ts runs it (the loyalty pages are in its lists too).

const SCREENS = process.env.SCREENS_DIR ?? "/work/screens/points";
async function shoot(page: Page, name: string, fullPage = true) {
  if (!process.env.SHOTS) return;
  fs.mkdirSync(SCREENS, { recursive: true });
  // From the top: a full-page shot of a scrolled page repeats the sticky header in the middle.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage });
}

const L = {
  en: {
    mainNav: "Main navigation",
    points: "Points",
    ledger: "Points ledger",
    redeem: "Redeem",
    redeemTitle: "Redeem a reward",
    reward: "Reward",
    redeemConfirm: "Redeem",
    redeemed: "Reward redeemed.",
    redeemedKind: "Redeemed",
    adjust: "Adjust",
    adjustTitle: "Adjust points",
    adjustPoints: "Points",
    reason: "Reason",
    submit: "Submit",
    adjustPending: "Sent to a manager for approval.",
    approvalsNav: "Points approvals",
    approvalsTitle: "Points adjustments to approve",
    approve: "Approve",
    decided: "Decision saved.",
    adminNav: "Loyalty",
    adminTitle: "Loyalty programme",
    earnRules: "Earn rules",
    editRule: (name: string) => `Edit rule ${name}`,
    multiplier: "Multiplier",
    save: "Save",
    ruleSaved: "Earn rule saved.",
    jobs: "Jobs",
    runReconcile: "Run reconciliation now",
    jobStarted: "Started: the run appears below.",
    reconcileKind: "Ledger reconciliation",
    done: "Done",
    noMismatch: "Mismatches 0",
  },
  "zh-CN": {
    mainNav: "主导航",
    points: "积分",
    ledger: "积分明细",
    redeem: "兑换",
    redeemTitle: "兑换礼品",
    reward: "礼品",
    redeemConfirm: "确认兑换",
    redeemed: "兑换成功。",
    redeemedKind: "兑换",
    adjust: "调整",
    adjustTitle: "调整积分",
    adjustPoints: "积分",
    reason: "原因",
    submit: "提交",
    adjustPending: "已提交经理审批。",
    approvalsNav: "积分审批",
    approvalsTitle: "待审批的积分调整",
    approve: "批准",
    decided: "审批已保存。",
    adminNav: "积分计划",
    adminTitle: "积分计划",
    earnRules: "累计规则",
    editRule: (name: string) => `编辑规则 ${name}`,
    multiplier: "倍数",
    save: "保存",
    ruleSaved: "累计规则已保存。",
    jobs: "后台任务",
    runReconcile: "立即核对",
    jobStarted: "已开始：运行记录见下表。",
    reconcileKind: "账目核对",
    done: "已完成",
    noMismatch: "不一致 0",
  },
} as const;

async function as(browser: Browser, username: string, locale: string, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL }]);
  const page = await context.newPage();
  await login(page, username);
  return page;
}

/**
 * The demo customer the seed compensated with points (a COMPENSATION entry) when they still have
 * enough for the ¥10 bill credit, else the customer with the most points.
 */
async function customerWithPoints(cost: number): Promise<{ id: number; balance: number }> {
  const [row] = await sql<{ id: number; balance: number }>(
    `SELECT a.customer_id AS id, a.balance FROM points_account a WHERE a.balance >= $1
     ORDER BY EXISTS (SELECT 1 FROM points_entry e WHERE e.customer_id = a.customer_id AND e.kind = 'COMPENSATION') DESC, a.balance DESC, a.customer_id
     LIMIT 1`,
    [cost],
  );
  expect(row, "the demo seed earns points for its customers").toBeTruthy();
  return row!;
}

const balanceOf = async (customerId: number) =>
  (await sql<{ balance: number }>(`SELECT COALESCE((SELECT balance FROM points_account WHERE customer_id = $1), 0) AS balance`, [customerId]))[0]!.balance;

for (const locale of ["en", "zh-CN"] as const) {
  const l = L[locale];
  const n = (x: number) => x.toLocaleString(locale);
  test(`points: agent1 redeems, supervisor1 adjusts above the limit, manager1 approves, admin1 edits a rule and reconciles (${locale})`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(300_000);
    const problems: string[] = [];
    const [reward] = await sql<{ id: number; points_cost: number; name_zh: string; name_en: string }>(
      `SELECT id, points_cost, name_zh, name_en FROM loyalty_reward WHERE code = 'BILL10'`,
    );
    expect(reward, "the demo catalogue has BILL10").toBeTruthy();
    const customer = await customerWithPoints(reward!.points_cost);
    const [account] = await sql<{ id: number; balance: string }>(
      `SELECT id, balance::text AS balance FROM account WHERE customer_id = $1 ORDER BY id LIMIT 1`,
      [customer.id],
    );

    // ── agent1: balance and ledger, then a ¥10 bill credit ──
    const agent = await as(browser, "agent1", locale, baseURL!);
    await agent.goto(`/customers/${customer.id}`);
    const panel = agent.getByRole("region", { name: l.points, exact: true });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole("definition").first()).toHaveText(n(customer.balance));
    const ledger = panel.getByRole("table", { name: l.ledger });
    await expect(ledger.getByRole("row").nth(1)).toBeVisible();
    // Agents redeem but do not adjust.
    await expect(panel.getByRole("button", { name: l.adjust, exact: true })).toHaveCount(0);
    problems.push(...(await axeViolations(agent)));
    await panel.scrollIntoViewIfNeeded();
    if (process.env.SHOTS) {
      fs.mkdirSync(SCREENS, { recursive: true });
      await panel.screenshot({ path: `${SCREENS}/panel-${locale}.png` });
    }
    await shoot(agent, `c360-${locale}`);

    await panel.getByRole("button", { name: l.redeem, exact: true }).click();
    const dialog = agent.getByRole("dialog", { name: l.redeemTitle });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("combobox", { name: l.reward }).selectOption(String(reward!.id));
    await expect(dialog.getByText(n(customer.balance - reward!.points_cost), { exact: false })).toBeVisible();
    problems.push(...(await axeViolations(agent)));
    await shoot(agent, `redeem-${locale}`, false);
    await dialog.getByRole("button", { name: l.redeemConfirm, exact: true }).click();
    await expect(agent.getByText(l.redeemed)).toBeVisible();
    await expect(dialog).toBeHidden();
    const afterRedeem = customer.balance - reward!.points_cost;
    await expect(panel.getByRole("definition").first()).toHaveText(n(afterRedeem));
    // The new entry on top: the kind, the reward by name, the points taken.
    await expect(ledger.getByRole("row").nth(1)).toContainText(l.redeemedKind);
    await expect(ledger.getByRole("row").nth(1)).toContainText(locale === "en" ? reward!.name_en : reward!.name_zh);
    expect(await balanceOf(customer.id)).toBe(afterRedeem);
    // The bill credit reached the customer's account (its ledger and the balance derived from it).
    const [credit] = await sql<{ amount: string; balance: string }>(
      `SELECT e.amount::text AS amount, a.balance::text AS balance FROM account_entry e JOIN account a ON a.id = e.account_id
       WHERE e.account_id = $1 AND e.kind = 'REWARD_CREDIT' ORDER BY e.id DESC LIMIT 1`,
      [account!.id],
    );
    expect(Number(credit!.amount)).toBe(10);
    expect(Number(credit!.balance)).toBeCloseTo(Number(account!.balance) + 10, 2);
    await agent.context().close();

    // ── supervisor1: an adjustment above the supervisor's limit waits for a manager ──
    const points = locale === "en" ? 650 : 700;
    const reason = `${locale === "en" ? "Ten years with us, e2e" : "十年老客户关怀 e2e"} ${Date.now()}`;
    const sup = await as(browser, "supervisor1", locale, baseURL!);
    await sup.goto(`/customers/${customer.id}`);
    const supPanel = sup.getByRole("region", { name: l.points, exact: true });
    await supPanel.getByRole("button", { name: l.adjust, exact: true }).click();
    const adjust = sup.getByRole("dialog", { name: l.adjustTitle });
    await adjust.getByRole("spinbutton", { name: l.adjustPoints }).fill(String(points));
    await adjust.getByRole("textbox", { name: l.reason }).fill(reason);
    problems.push(...(await axeViolations(sup)));
    await adjust.getByRole("button", { name: l.submit, exact: true }).click();
    await expect(sup.getByText(l.adjustPending)).toBeVisible();
    const [adj] = await sql<{ id: number; status: string }>(`SELECT id, status::text AS status FROM points_adjustment WHERE reason = $1`, [reason]);
    expect(adj!.status).toBe("PENDING_APPROVAL");
    // Nothing posted yet.
    expect(await balanceOf(customer.id)).toBe(afterRedeem);
    await sup.context().close();

    // ── manager1: approves it on /loyalty/approvals ──
    const mgr = await as(browser, "manager1", locale, baseURL!);
    await mgr.getByRole("navigation", { name: l.mainNav }).getByRole("link", { name: l.approvalsNav, exact: true }).click();
    await expect(mgr.getByRole("heading", { name: l.approvalsTitle, level: 1 })).toBeVisible();
    const row = mgr.getByRole("row").filter({ hasText: reason });
    await expect(row).toBeVisible();
    problems.push(...(await axeViolations(mgr)));
    await shoot(mgr, `approvals-${locale}`);
    await row.getByRole("button", { name: new RegExp(`^${l.approve} `) }).click();
    await expect(mgr.getByText(l.decided)).toBeVisible();
    await expect(mgr.getByRole("row").filter({ hasText: reason })).toHaveCount(0);
    const [decided] = await sql<{ status: string }>(`SELECT status::text AS status FROM points_adjustment WHERE id = $1`, [adj!.id]);
    expect(decided!.status).toBe("APPROVED");
    expect(await balanceOf(customer.id)).toBe(afterRedeem + points);
    await mgr.goto(`/customers/${customer.id}`);
    await expect(mgr.getByRole("region", { name: l.points, exact: true }).getByRole("definition").first()).toHaveText(n(afterRedeem + points));
    await mgr.context().close();

    // ── admin1: edits an earn rule and runs the reconciliation ──
    const [rule] = await sql<{ id: number; name: string; version: number }>(
      `SELECT id, name, version FROM loyalty_earn_rule WHERE kind = 'BONUS' AND starts_on > now() ORDER BY id LIMIT 1`,
    );
    expect(rule, "the demo has a bonus event that has not started").toBeTruthy();
    const multiplier = locale === "en" ? "2.5" : "3";
    const admin = await as(browser, "admin1", locale, baseURL!);
    await admin.getByRole("navigation", { name: l.mainNav }).getByRole("link", { name: l.adminNav, exact: true }).click();
    await expect(admin.getByRole("heading", { name: l.adminTitle, level: 1 })).toBeVisible();
    problems.push(...(await axeViolations(admin)));
    await shoot(admin, `admin-${locale}`);
    const rules = admin.getByRole("table", { name: l.earnRules });
    await rules.getByRole("button", { name: l.editRule(rule!.name) }).click();
    const edit = admin.getByRole("dialog");
    await edit.getByRole("spinbutton", { name: l.multiplier }).fill(multiplier);
    problems.push(...(await axeViolations(admin)));
    await edit.getByRole("button", { name: l.save, exact: true }).click();
    await expect(admin.getByText(l.ruleSaved)).toBeVisible();
    await expect(rules.getByRole("row").filter({ hasText: rule!.name })).toContainText(`× ${Number(multiplier).toFixed(2)}`);
    const [edited] = await sql<{ multiplier: string; version: number }>(`SELECT multiplier::text AS multiplier, version FROM loyalty_earn_rule WHERE id = $1`, [
      rule!.id,
    ]);
    expect(Number(edited!.multiplier)).toBe(Number(multiplier));
    expect(edited!.version).toBe(rule!.version + 1);

    const [{ before }] = await sql<{ before: number }>(`SELECT COALESCE(max(id), 0) AS before FROM loyalty_job WHERE kind = 'RECONCILE'`);
    await admin.getByRole("button", { name: l.runReconcile }).click();
    await expect(admin.getByText(l.jobStarted)).toBeVisible();
    await expect
      .poll(
        async () => (await sql<{ status: string }>(`SELECT status::text AS status FROM loyalty_job WHERE kind = 'RECONCILE' AND id > $1`, [before]))[0]?.status,
        {
          timeout: 60_000,
        },
      )
      .toBe("SUCCEEDED");
    await admin.reload();
    const jobs = admin.getByRole("table", { name: l.jobs });
    const latest = jobs.getByRole("row").filter({ hasText: l.reconcileKind }).first();
    await expect(latest).toContainText(l.done);
    // Every balance equals its ledger after the redemption, the adjustment and the approval above.
    await expect(latest).toContainText(l.noMismatch);
    await shoot(admin, `admin-reconciled-${locale}`);
    await admin.context().close();

    expect(problems, problems.join("\n")).toEqual([]);
  });
}

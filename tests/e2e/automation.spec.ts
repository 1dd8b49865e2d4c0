// Issue 22, "Done means": manager1 creates "contract ends in 30 days → call task for Hotline Team 1",
// simulates it (a count and a chart), activates it, runs it now, and the call tasks exist — in both
// languages. A supervisor reads the rules but has no buttons. Screenshots go to SCREENS_DIR (or
// /work/screens/auto).
import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { axeViolations, login, sql } from "./helpers";

// axe-core as tests/e2e/accessibility.spec.ts runs it (the rule pages are in its lists too).

const SCREENS = process.env.SCREENS_DIR ?? "/work/screens/auto";

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

const L = {
  en: {
    nav: "Automation",
    title: "Automation rules",
    newRule: "New rule",
    name: "Name",
    trigger: "Trigger",
    param: "N (days ahead)",
    action: "Action",
    team: "Call team",
    note: "Note for the caller",
    tiers: "Value tiers",
    save: "Save as draft",
    simulate: "Simulate",
    activate: "Activate",
    runNow: "Run now",
    pause: "Pause",
    simulateFirst: "Simulate the current version before activating it.",
    wouldHaveFired: /Would have fired for [\d,]+ customers in the last 30 days/,
    chart: "Would have fired, by day",
    active: "Active",
    done: /Done: [\d,]+ acted on/,
    teamName: "Hotline Team 1",
    callTask: "Create a call task",
    firings: "Recent firings",
    unknown: "Unknown placeholders: {nmae}",
    sendMessage: "Send a message",
    messageZh: "Message (Chinese)",
  },
  "zh-CN": {
    nav: "营销自动化",
    title: "自动化规则",
    newRule: "新建规则",
    name: "名称",
    trigger: "触发条件",
    param: "N（提前天数）",
    action: "动作",
    team: "外呼班组",
    note: "给外呼人员的说明",
    tiers: "价值等级",
    save: "保存为草稿",
    simulate: "模拟",
    activate: "启用",
    runNow: "立即运行",
    pause: "暂停",
    simulateFirst: "请先模拟当前版本，再启用。",
    wouldHaveFired: /过去 30 天内将触发 [\d,]+ 位客户/,
    chart: "按日触发数",
    active: "已启用",
    done: /完成：执行 [\d,]+ 位/,
    teamName: "热线一组",
    callTask: "创建外呼任务",
    firings: "最近触发",
    unknown: "未知占位符：{nmae}",
    sendMessage: "发送消息",
    messageZh: "消息（中文）",
  },
} as const;

/**
 * Makes sure the demo has a customer whose contract ends in exactly 30 days (Asia/Shanghai) who may
 * be called: one contactable customer's active line gets that end date.
 */
async function aContractEndingIn30Days(): Promise<number> {
  const [row] = await sql<{ customer_id: number }>(
    `UPDATE line SET contract_end_date = ((now() AT TIME ZONE 'Asia/Shanghai')::date + 30)
     WHERE id = (SELECT l.id FROM line l JOIN customer c ON c.id = l.customer_id
                 WHERE l.status = 'ACTIVE' AND c.status <> 'CHURNED' AND NOT c.do_not_disturb AND c.consent_call
                 ORDER BY l.id LIMIT 1)
     RETURNING customer_id`,
  );
  return row!.customer_id;
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`manager1 simulates, activates and runs "contract ends in 30 days → call task" (${locale})`, async ({ page, context, baseURL }) => {
    test.setTimeout(180_000);
    const t = L[locale];
    const customerId = await aContractEndingIn30Days();
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, "manager1");
    await page
      .getByRole("navigation", { name: locale === "en" ? "Main navigation" : "主导航" })
      .getByRole("link", { name: t.nav, exact: true })
      .click();
    await expect(page.getByRole("heading", { name: t.title, level: 1 })).toBeVisible();
    await shoot(page, `list-${locale}`);
    const problems = await axeViolations(page);

    await page.getByRole("link", { name: t.newRule }).click();
    const name = `${locale === "en" ? "Contract ends in 30 days" : "合约30天后到期"} · e2e ${Date.now()}`;
    await page.getByRole("textbox", { name: t.name, exact: true }).fill(name);
    await expect(page.getByRole("combobox", { name: t.trigger, exact: true })).toHaveValue("CONTRACT_ENDING");
    await page.getByRole("spinbutton", { name: t.param }).fill("30");
    await expect(page.getByRole("combobox", { name: t.action, exact: true })).toHaveValue("CALL_TASK");
    await page.getByRole("combobox", { name: t.team }).selectOption({ label: t.teamName });
    await page.getByRole("textbox", { name: t.note }).fill(locale === "en" ? "Contract ends in 30 days: ask about renewal" : "合约30天后到期，请了解续约意向");
    // A message with a typo in a placeholder is said at once (and refused by the server).
    await page.getByRole("combobox", { name: t.action, exact: true }).selectOption({ label: t.sendMessage });
    await page.getByRole("textbox", { name: t.messageZh }).fill("您好{nmae}");
    await expect(page.getByText(t.unknown)).toBeVisible();
    await page.getByRole("combobox", { name: t.action, exact: true }).selectOption({ label: t.callTask });
    await shoot(page, `new-${locale}`);
    problems.push(...(await axeViolations(page)));
    await page.getByRole("button", { name: t.save }).click();

    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    const id = Number(page.url().split("/").pop());
    // Not simulated: activation is not offered yet.
    await expect(page.getByRole("button", { name: t.activate })).toBeDisabled();
    await expect(page.getByText(t.simulateFirst)).toBeVisible();

    await page.getByRole("button", { name: t.simulate }).click();
    await expect(page.getByTestId("simulation-total")).toHaveText(t.wouldHaveFired, { timeout: 60_000 });
    await expect(page.getByRole("img", { name: t.chart })).toBeVisible();
    const [{ customers }] = await sql<{ customers: number }>(`SELECT (last_simulation->>'customers')::int AS customers FROM automation_rule WHERE id = $1`, [
      id,
    ]);
    expect(customers).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(500); // the chart's entrance animation
    await shoot(page, `simulated-${locale}`);
    problems.push(...(await axeViolations(page)));

    await page.getByRole("button", { name: t.activate }).click();
    await expect(page.getByRole("button", { name: t.runNow })).toBeVisible();
    await expect(page.locator("main").getByText(t.active, { exact: true }).first()).toBeVisible();

    await page.getByRole("button", { name: t.runNow }).click();
    await expect(page.getByText(t.done)).toBeVisible({ timeout: 60_000 });
    const tasks = await sql<{ customer_id: number; team: string; status: string }>(
      `SELECT t.customer_id, tm.code AS team, t.status::text AS status FROM call_task t JOIN team tm ON tm.id = t.team_id WHERE t.rule_id = $1`,
      [id],
    );
    expect(tasks.length).toBeGreaterThanOrEqual(1);
    expect(tasks.map((x) => x.customer_id)).toContain(customerId);
    expect(tasks.every((x) => x.team === "HOTLINE-1" && x.status === "QUEUED")).toBe(true);
    // The firings are listed on the rule's page, the names masked.
    const firings = page.getByRole("table", { name: t.firings });
    await expect(firings.getByRole("link").first()).toBeVisible();
    await shoot(page, `ran-${locale}`);
    await page.goto(`/automation/${id}/edit`);
    await expect(page.getByText(locale === "en" ? "Only draft or paused rules can be edited" : "只有草稿或已暂停的规则可以编辑")).toBeVisible();
    problems.push(...(await axeViolations(page)));
    expect(problems, problems.join("\n")).toEqual([]);
    await page.goto(`/automation/${id}`);

    // A second run fires nothing new: one task per customer and event.
    await page.getByRole("button", { name: t.runNow }).click();
    await expect(page.getByText(locale === "en" ? "Done: 0 acted on" : "完成：执行 0 位")).toBeVisible({ timeout: 60_000 });
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM call_task WHERE rule_id = $1`, [id]);
    expect(n).toBe(tasks.length);
    const audits = await sql<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'automation_rule' AND entity_id = $1 ORDER BY id`, [String(id)]);
    expect(audits.map((a) => a.action)).toEqual(["automation.created", "automation.simulated", "automation.activated", "automation.ran", "automation.ran"]);
  });
}

test("a supervisor reads the rules without the buttons that change them", async ({ page }) => {
  await login(page, "supervisor1");
  await page.goto("/automation");
  await expect(page.getByRole("heading", { name: "自动化规则", level: 1 }).or(page.getByRole("heading", { name: "Automation rules", level: 1 }))).toBeVisible();
  await expect(page.getByRole("link", { name: /New rule|新建规则/ })).toHaveCount(0);
  const [rule] = await sql<{ id: number }>(`SELECT id FROM automation_rule WHERE status = 'ACTIVE' ORDER BY id LIMIT 1`);
  await page.goto(`/automation/${rule!.id}`);
  await expect(page.getByRole("button", { name: /Run now|立即运行|Simulate|模拟/ })).toHaveCount(0);
  await page.waitForTimeout(800); // the chart's entrance animation
  await shoot(page, "supervisor-rule");
});

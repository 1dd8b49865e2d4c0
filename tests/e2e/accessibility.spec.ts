// Every role's pages pass axe-core's WCAG 2.1 A/AA rules. axe runs inside the page (the script is
// injected from node_modules, nothing is fetched); a violation lists the rule, its impact and the
// first offending elements, so the failure says what to fix.
//
// Each page is checked once, the two languages taking turns down each role's list (`inTurn`): the
// markup, names and contrast are the same in both, and checking every page twice took a quarter of
// the end-to-end run. What differs by language is the text: a unit test keeps every message
// non-empty in both (tests/unit/foundation.test.ts), and a list of one page is checked in both.
import { createRequire } from "node:module";
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  }, TAGS);
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** This locale's turn of a role's pages: even places in English, odd ones in Chinese; a single page in both. */
function inTurn(urls: string[], locale: "en" | "zh-CN"): string[] {
  return urls.length < 2 ? urls : urls.filter((_, i) => i % 2 === (locale === "en" ? 0 : 1));
}

async function ids() {
  const [c] = await sql<{ customer: number; complaint: number }>(
    `SELECT c.customer_id AS customer, c.id AS complaint FROM complaint c JOIN app_user u ON u.id = c.owner_id WHERE u.username = 'agent1' ORDER BY c.id DESC LIMIT 1`,
  );
  const [s] = await sql<{ id: number }>(`SELECT id FROM segment ORDER BY id LIMIT 1`);
  const [a] = await sql<{ id: number }>(`SELECT id FROM app_user WHERE username = 'agent1'`);
  const [r] = await sql<{ id: number }>(`SELECT id FROM segment WHERE definition IS NOT NULL ORDER BY id LIMIT 1`);
  const [cal] = await sql<{ id: number }>(`SELECT id FROM business_calendar WHERE code = 'OFFICE'`);
  const campaigns = await sql<{ id: number }>(`SELECT id FROM campaign WHERE launched_at IS NOT NULL ORDER BY id LIMIT 2`);
  // The demo's campaigns (tests/factories/campaign-demo.ts): a running one (launched) and a draft.
  const [running] = await sql<{ id: number }>(`SELECT id FROM campaign WHERE status = 'RUNNING' ORDER BY id LIMIT 1`);
  const [draft] = await sql<{ id: number }>(`SELECT id FROM campaign WHERE status = 'DRAFT' ORDER BY id LIMIT 1`);
  const [submitted] = await sql<{ id: number }>(`SELECT id FROM campaign WHERE status = 'SUBMITTED' ORDER BY id LIMIT 1`);
  // The demo's automation rules (seedDemoAutomationRules): a draft with a stored simulation, and the active one.
  const [draftRuleRow] = await sql<{ id: number }>(`SELECT id FROM automation_rule WHERE purpose = 'MARKETING' AND status = 'DRAFT' ORDER BY id LIMIT 1`);
  const [active] = await sql<{ id: number }>(`SELECT id FROM automation_rule WHERE purpose = 'MARKETING' AND status = 'ACTIVE' ORDER BY id LIMIT 1`);
  // The demo's API client (tests/factories/api-demo.ts, issue 25).
  const [apiClient] = await sql<{ id: number }>(`SELECT id FROM api_client ORDER BY id LIMIT 1`);
  return {
    customer: c!.customer,
    complaint: c!.complaint,
    segment: s?.id,
    agent1: a!.id,
    ruleSegment: r?.id,
    calendar: cal!.id,
    campaigns: campaigns.map((x) => x.id),
    campaign: running?.id,
    draftCampaign: draft?.id,
    submittedCampaign: submitted?.id,
    draftRule: draftRuleRow?.id,
    activeRule: active?.id,
    apiClient: apiClient?.id,
  };
}

const PAGES: Record<string, (x: Awaited<ReturnType<typeof ids>>) => string[]> = {
  agent1: (x) => [
    "/workspace",
    "/customers?q=2640",
    `/customers/${x.customer}`,
    `/customers/${x.customer}?kinds=complaint,survey`,
    "/complaints",
    `/complaints/${x.complaint}`,
    `/complaints/new?customerId=${x.customer}`,
    "/notifications",
    "/calls",
  ],
  supervisor1: (x) => [
    "/team",
    "/team/routing",
    "/follow-ups",
    "/retention",
    "/calls",
    "/complaints",
    "/complaints?queue=team",
    `/complaints?agent=${x.agent1}`,
    "/notifications",
    "/complaints/incidents",
    "/automation",
    ...(x.activeRule ? [`/automation/${x.activeRule}`] : []),
  ],
  manager1: (x) => [
    "/loyalty/approvals",
    "/overview",
    "/dashboards/service",
    "/dashboards/satisfaction",
    "/dashboards/agents",
    "/dashboards/customers",
    "/dashboards/complaints?drill=resolved", // with the root causes of the resolved complaints
    "/value",
    "/segments",
    ...(x.segment ? [`/segments/${x.segment}`] : []),
    ...(x.ruleSegment ? [`/segments/${x.ruleSegment}/edit`] : []),
    "/retention",
    "/surveys",
    "/complaints/appeals",
    // Campaign evaluation (issue 22): the demo's completed campaign, and the comparison.
    ...x.campaigns.map((id) => `/campaigns/${id}/evaluation`),
    `/campaigns/compare?ids=${x.campaigns.join(",")}`,
  ],
  // Campaigns (issue 22) as the second manager: the list, the form, a running campaign, a draft and
  // its edit form, and manager1's submitted campaign with its approval box.
  manager2: (x) => [
    "/campaigns",
    "/campaigns/new",
    ...(x.campaign ? [`/campaigns/${x.campaign}`] : []),
    ...(x.draftCampaign ? [`/campaigns/${x.draftCampaign}`, `/campaigns/${x.draftCampaign}/edit`] : []),
    ...(x.submittedCampaign ? [`/campaigns/${x.submittedCampaign}`] : []),
    // Automation rules (issue 22): the list, the form, the demo's draft rule and its edit form, the active one.
    "/automation",
    "/automation/new",
    ...(x.draftRule ? [`/automation/${x.draftRule}`, `/automation/${x.draftRule}/edit`] : []),
    ...(x.activeRule ? [`/automation/${x.activeRule}`] : []),
  ],
  admin1: (x) => [
    "/admin",
    "/admin/loyalty",
    "/admin/users",
    "/admin/service-standards",
    "/admin/categories",
    "/admin/sla",
    "/admin/history",
    "/admin/routing",
    "/admin/calendars",
    `/admin/calendars/${x.calendar}`,
    "/admin/audit",
    "/admin/audit?action=auth.",
    "/admin/import",
    "/admin/reasons",
    "/admin/value",
    "/admin/marketing",
    "/admin/membership",
    // Open API (issue 25): clients, one client, the reference.
    "/admin/api",
    ...(x.apiClient ? [`/admin/api/clients/${x.apiClient}`] : []),
    "/admin/api/reference",
    "/account/mfa",
  ],
};

for (const locale of ["en", "zh-CN"] as const) {
  for (const [user, pages] of Object.entries(PAGES)) {
    test(`${user}'s pages pass axe WCAG 2.1 AA (${locale})`, async ({ page, context, baseURL }) => {
      test.setTimeout(180_000);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await login(page, user);
      const problems: string[] = [];
      for (const url of inTurn(pages(await ids()), locale)) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        for (const v of await violations(page)) problems.push(`${url}: ${v}`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
}

test("the login page and the public survey's invalid link pass axe WCAG 2.1 AA", async ({ page }) => {
  await page.goto("/login");
  expect(await violations(page)).toEqual([]);
  await page.goto("/s/not-a-real-token");
  expect(await violations(page)).toEqual([]);
  await page.goto(`/o/1.${"A".repeat(22)}`);
  expect(await violations(page)).toEqual([]);
});

// Issue 20: below 1024 px the navigation folds into the "Menu" panel; open, it passes too.
for (const locale of ["en", "zh-CN"] as const) {
  test(`the shell at 768 px with the menu open passes axe WCAG 2.1 AA (${locale})`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.setViewportSize({ width: 768, height: 1024 });
    await login(page, "supervisor1");
    await page.goto("/team");
    await page.getByRole("button", { name: locale === "en" ? "Menu" : "菜单" }).click();
    await expect(page.getByRole("navigation", { name: locale === "en" ? "Main navigation" : "主导航" })).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

// Care (issue 23): agent1's care list, supervisor1's care list, team view and team page (completion
// rates), admin1's care rules, a care rule, its edit form and the festival calendar.
const CARE_PAGES: Record<string, (rule: number | undefined) => string[]> = {
  agent1: () => ["/care"],
  supervisor1: () => ["/care", "/care/team", "/team"],
  admin1: (rule) => ["/admin/care", "/admin/care/rules/new", ...(rule ? [`/admin/care/rules/${rule}`, `/admin/care/rules/${rule}/edit`] : [])],
};
for (const locale of ["en", "zh-CN"] as const) {
  for (const [user, pages] of Object.entries(CARE_PAGES)) {
    test(`${user}'s care pages pass axe WCAG 2.1 AA (${locale})`, async ({ page, context, baseURL }) => {
      test.setTimeout(120_000);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await login(page, user);
      const [rule] = await sql<{ id: number }>(`SELECT id FROM automation_rule WHERE purpose = 'CARE' AND status = 'DRAFT' ORDER BY id LIMIT 1`);
      const problems: string[] = [];
      for (const url of inTurn(pages(rule?.id), locale)) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        for (const v of await violations(page)) problems.push(`${url}: ${v}`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
}

// Training and the monthly assessment (issue 24): agent1's training and assessment card,
// supervisor1's sessions, a session, the new-session form and the team ranking, manager1's
// ranking, admin1's assessment settings.
const TRAINING_PAGES: Record<string, (session: number | undefined) => string[]> = {
  agent1: () => ["/training", "/assessment"],
  supervisor1: (session) => ["/training", "/training/new", ...(session ? [`/training/${session}`] : []), "/assessment"],
  manager1: () => ["/assessment", "/training"],
  admin1: () => ["/admin/assessment"],
};
for (const locale of ["en", "zh-CN"] as const) {
  for (const [user, pages] of Object.entries(TRAINING_PAGES)) {
    test(`${user}'s training and assessment pages pass axe WCAG 2.1 AA (${locale})`, async ({ page, context, baseURL }) => {
      test.setTimeout(120_000);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await login(page, user);
      const [session] = await sql<{ id: number }>(
        `SELECT s.id FROM training_session s JOIN team t ON t.id = s.team_id WHERE t.code = 'HOTLINE-1' ORDER BY s.id LIMIT 1`,
      );
      const problems: string[] = [];
      for (const url of inTurn(pages(session?.id), locale)) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        for (const v of await violations(page)) problems.push(`${url}: ${v}`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
}

// Quality inspection (issue 24): supervisor1's queue, a sample's scoring form and the report; agent1's
// results and one of them (the dispute form); manager1's disputes; admin1's configuration and a form.
const QUALITY_PAGES: Record<string, (ids: { sample?: number; evaluation?: number; form?: number }) => string[]> = {
  supervisor1: ({ sample }) => ["/quality", ...(sample ? [`/quality/samples/${sample}`] : []), "/quality/report"],
  agent1: ({ evaluation }) => ["/quality/mine", ...(evaluation ? [`/quality/evaluations/${evaluation}`] : [])],
  manager1: () => ["/quality/disputes", "/quality/report"],
  admin1: ({ form }) => ["/admin/quality", ...(form ? [`/admin/quality/forms/${form}`] : [])],
};
for (const locale of ["en", "zh-CN"] as const) {
  for (const [user, pages] of Object.entries(QUALITY_PAGES)) {
    test(`${user}'s quality pages pass axe WCAG 2.1 AA (${locale})`, async ({ page, context, baseURL }) => {
      test.setTimeout(120_000);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await login(page, user);
      const [sample] = await sql<{ id: number }>(
        `SELECT s.id FROM qa_sample s JOIN app_user u ON u.id = s.agent_id WHERE u.username = 'agent1' AND s.status = 'OPEN' ORDER BY s.id DESC LIMIT 1`,
      );
      const [evaluation] = await sql<{ id: number }>(
        `SELECT e.id FROM qa_evaluation e JOIN app_user u ON u.id = e.agent_id WHERE u.username = 'agent1' AND NOT e.calibration ORDER BY e.scored_at DESC LIMIT 1`,
      );
      const [form] = await sql<{ id: number }>(`SELECT id FROM qa_form ORDER BY id LIMIT 1`);
      const problems: string[] = [];
      for (const url of inTurn(pages({ sample: sample?.id, evaluation: evaluation?.id, form: form?.id }), locale)) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        for (const v of await violations(page)) problems.push(`${url}: ${v}`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
}

// Knowledge base (issue 24): agent1's search and an article, supervisor1's article form, revisions
// with a diff, reviews and gap report, admin1's categories and synonyms.
const KNOWLEDGE_PAGES: Record<string, (article: number) => string[]> = {
  agent1: (a) => ["/knowledge", "/knowledge?q=宽带故障", `/knowledge/${a}`],
  supervisor1: (a) => ["/knowledge/new", `/knowledge/${a}/edit`, `/knowledge/${a}/revisions`, "/knowledge/reviews", "/knowledge/gaps"],
  admin1: () => ["/admin/knowledge"],
};
for (const locale of ["en", "zh-CN"] as const) {
  for (const [user, pages] of Object.entries(KNOWLEDGE_PAGES)) {
    test(`${user}'s knowledge pages pass axe WCAG 2.1 AA (${locale})`, async ({ page, context, baseURL }) => {
      test.setTimeout(120_000);
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await login(page, user);
      // The demo's broadband article: two revisions, related articles, complaint categories and plans.
      const [article] = await sql<{ id: number }>(`SELECT id FROM kb_article WHERE title_zh = '宽带无法上网故障排查与报修流程' ORDER BY id LIMIT 1`);
      const problems: string[] = [];
      for (const url of inTurn(pages(article.id), locale)) {
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        for (const v of await violations(page)) problems.push(`${url}: ${v}`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
}

// Scripts and the palette (issue 24): agent1's broadband complaint with its scripts and the side
// panel opened on an article, the command palette open with results, the 360's call scripts, and
// admin1's scripts page with a script's edit dialog open.
for (const locale of ["en", "zh-CN"] as const) {
  test(`the complaint's scripts and side panel, the palette and the scripts page pass axe WCAG 2.1 AA (${locale})`, async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    const [c] = await sql<{ id: number; customer_id: number }>(
      `SELECT c.id, c.customer_id FROM complaint c JOIN complaint_category cc ON cc.id = c.category_id JOIN app_user u ON u.username = 'agent1'
        WHERE cc.code = 'BROADBAND' AND c.status::text NOT IN ('RESOLVED', 'CLOSED', 'REJECTED', 'CANCELLED') AND (c.team_id = u.team_id OR c.assignee_id = u.id)
        ORDER BY c.id DESC LIMIT 1`,
    );
    await sql(`INSERT INTO kb_category (code, name_zh, name_en) VALUES ('E2E_A11Y', '无障碍检查', 'Accessibility check') ON CONFLICT (code) DO NOTHING`);
    await sql(
      `INSERT INTO kb_article (category_id, title_zh, title_en, body_zh, body_en, status, owner_id, created_by_id, complaint_category_ids)
       SELECT (SELECT id FROM kb_category WHERE code = 'E2E_A11Y'), '宽带断线排查（无障碍检查）', 'Broadband drop-outs (a11y check)', '<p>重启光猫。</p>', '<p>Restart the modem.</p>', 'PUBLISHED', u.id, u.id,
              ARRAY[(SELECT id FROM complaint_category WHERE code = 'BROADBAND')]
         FROM app_user u WHERE u.username = 'admin1'`,
    );
    const problems: string[] = [];
    await login(page, "agent1");
    await page.goto(`/complaints/${c!.id}`);
    await page.waitForLoadState("networkidle");
    const hit = page.locator("#suggested-articles button[data-hit]").first();
    if (await hit.count()) await hit.click();
    for (const v of await violations(page)) problems.push(`complaint: ${v}`);
    await page.keyboard.press("Control+k");
    await page.getByRole("dialog").getByRole("combobox").fill("宽带");
    await page.waitForLoadState("networkidle");
    for (const v of await violations(page)) problems.push(`palette: ${v}`);
    await page.keyboard.press("Escape");
    await page.goto(`/customers/${c!.customer_id}`);
    await page.waitForLoadState("networkidle");
    for (const v of await violations(page)) problems.push(`360: ${v}`);
    await page.context().clearCookies();
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await login(page, "admin1");
    await page.goto("/admin/scripts");
    await page.waitForLoadState("networkidle");
    for (const v of await violations(page)) problems.push(`/admin/scripts: ${v}`);
    await page.locator("#stage-APOLOGY").getByRole("button").first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    for (const v of await violations(page)) problems.push(`/admin/scripts (edit): ${v}`);
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

// Training and the monthly assessment (issue 24), in both languages: supervisor1 plans a session
// for Hotline Team 1, invites the team and writes the test; agent1 sees it with its materials,
// takes the test of a session they attended (score shown) and reads their assessment card and
// rank; supervisor1 reads the team's ranking and an agent's trend; manager1 picks another team;
// admin1 sets the weights (they must sum to 100) and runs a month now.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { login, sql } from "./helpers";

type Catalogue = {
  nav: Record<string, string>;
  training: Record<string, Record<string, string>>;
  assessment: Record<string, string> & { col: Record<string, string>; admin: Record<string, string> };
  errors: { field: { assessment: Record<string, string> } };
};
const CATALOGUES: Record<string, Catalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")),
  "zh-CN": JSON.parse(fs.readFileSync("messages/zh-CN.json", "utf8")),
};
const SCREENS = "/work/screens/training";
const shot = async (page: import("@playwright/test").Page, name: string) => {
  if (!process.env.SHOTS) return;
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
};
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k]));
const lastMonth = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/** A session of Hotline Team 1 held an hour ago that agent1 attended, with a two-question test. */
async function attendedSession(tag: string): Promise<string> {
  const topic = `E2E 测验 ${tag}`;
  const [s] = await sql<{ id: number }>(
    `INSERT INTO training_session (topic, starts_at, trainer_id, team_id, created_by_id, status)
     SELECT $1, now() - interval '1 hour', sup.id, sup.team_id, sup.id, 'HELD' FROM app_user sup WHERE sup.username = 'supervisor1' RETURNING id`,
    [topic],
  );
  await sql(
    `INSERT INTO training_question (session_id, prompt, options, correct_index, sort_order) VALUES ($1, '一加一等于？', ARRAY['一','二','三'], 1, 0), ($1, '首问负责制是谁负责？', ARRAY['首个受理人','主管'], 0, 1)`,
    [s!.id],
  );
  await sql(`INSERT INTO training_attendee (session_id, user_id, attendance) SELECT $1, id, 'ATTENDED' FROM app_user WHERE username = 'agent1'`, [s!.id]);
  return topic;
}

for (const locale of ["en", "zh-CN"] as const) {
  const m = CATALOGUES[locale]!;
  const t = m.training;
  const a = m.assessment;
  test.describe(`training and assessment (${locale})`, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    });

    test("supervisor1 plans a session, invites the team and writes the test", async ({ page }) => {
      await login(page, "supervisor1");
      await page.getByRole("link", { name: m.nav.training, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: t.list!.title, level: 1 })).toBeVisible();
      // The demo's sessions, and agent1's attitude-complaint assignment among the team's.
      await expect(page.getByRole("link", { name: "服务规范与情绪安抚" })).toBeVisible();
      await shot(page, `sessions-${locale}`);
      await page.getByRole("link", { name: t.list!.new }).first().click();
      const topic = `E2E 培训 ${locale}`;
      await page.getByRole("textbox", { name: t.form!.topic!, exact: true }).fill(topic);
      await page.getByLabel(t.form!.description!).fill("话术演练");
      await page.getByRole("button", { name: t.form!.create }).click();
      await expect(page.getByRole("heading", { name: topic, level: 1 })).toBeVisible();
      await page.getByRole("button", { name: t.attendees!.inviteTeam }).click();
      const attendees = page.getByRole("table", { name: t.attendees!.title });
      await expect(attendees.getByRole("row", { name: /王晓燕/ })).toBeVisible();
      await page.getByRole("button", { name: t.test!.addQuestion }).click();
      await page.getByRole("textbox", { name: t.test!.prompt!, exact: true }).fill("投诉处理时限？");
      await page.getByRole("textbox", { name: fill(t.test!.option!, { n: 1 }), exact: true }).fill("24 小时");
      await page.getByRole("textbox", { name: fill(t.test!.option!, { n: 2 }), exact: true }).fill("48 小时");
      await page.getByRole("textbox", { name: fill(t.test!.option!, { n: 3 }), exact: true }).fill("7 天");
      await page.getByLabel(t.test!.correct!).selectOption("1");
      await page.getByRole("button", { name: t.test!.save }).click();
      await expect(page.getByText(t.test!.saved!).first()).toBeVisible();
      await shot(page, `session-${locale}`);
      const [row] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM training_question q JOIN training_session s ON s.id = q.session_id WHERE s.topic = $1`,
        [topic],
      );
      expect(row!.n).toBe(1);
    });

    test("agent1 sees their training, takes a test once, and reads their assessment card", async ({ page }) => {
      const topic = await attendedSession(locale);
      await login(page, "agent1");
      await page.getByRole("link", { name: m.nav.training, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: t.my!.title, level: 1 })).toBeVisible();
      await expect(page.getByRole("table", { name: t.my!.upcoming }).getByRole("row", { name: /投诉升级处理实务/ })).toBeVisible();
      await expect(page.getByRole("table", { name: t.my!.assignments }).getByRole("row").nth(1)).toBeVisible();
      const row = page.getByRole("table", { name: t.my!.past }).getByRole("row", { name: new RegExp(topic) });
      await row.getByRole("button", { name: t.my!.takeTest }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("radio", { name: /二/ }).check();
      // The digit keys choose within the focused question.
      await dialog.getByRole("radio", { name: /主管/ }).focus();
      await page.keyboard.press("1");
      await expect(dialog.getByRole("radio", { name: /首个受理人/ })).toBeChecked();
      await shot(page, `test-${locale}`);
      await dialog.getByRole("button", { name: t.my!.submit }).click();
      await expect(page.getByText(fill(t.my!.passed!, { score: 100 })).first()).toBeVisible();
      await expect(row.getByText(fill(t.my!.scoreOf!, { score: 100, pass: 60 }))).toBeVisible();
      await expect(row.getByRole("button", { name: t.my!.takeTest })).toHaveCount(0);

      await page.getByRole("link", { name: m.nav.assessment, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: a.title, level: 1 })).toBeVisible();
      await expect(page.getByRole("region", { name: fill(a.myCard!, { month: lastMonth() }) })).toBeVisible();
      await expect(page.getByText(new RegExp(fill(a.rankOf!, { rank: "\\d+", size: "3" })))).toBeVisible();
      await shot(page, `assessment-agent-${locale}`);
    });

    test("supervisor1 reads Hotline Team 1's ranking and an agent's trend", async ({ page }) => {
      await login(page, "supervisor1");
      await page.goto("/assessment");
      const table = page.getByRole("table", { name: new RegExp(lastMonth()) });
      await expect(table.getByRole("row")).toHaveCount(4); // header + agent1, agent3, agent4
      await table.getByRole("link", { name: "赵磊" }).click();
      await expect(page.getByRole("region", { name: fill(a.trendOf!, { name: "赵磊" }) })).toBeVisible();
      await shot(page, `assessment-team-${locale}`);
    });

    test("manager1 picks another team's ranking", async ({ page }) => {
      await login(page, "manager1");
      await page.goto("/assessment");
      await page.getByRole("combobox", { name: a.team!, exact: true }).selectOption({ label: locale === "en" ? "Hotline Team 2" : "热线二组" });
      await page.getByRole("button", { name: a.show }).click();
      await expect(
        page.getByRole("table", { name: new RegExp(locale === "en" ? "Hotline Team 2" : "热线二组") }).getByRole("link", { name: "李俊峰" }),
      ).toBeVisible();
    });

    test("admin1 keeps the weights at 100 and runs last month now", async ({ page }) => {
      await login(page, "admin1");
      await page.getByRole("link", { name: m.nav.assessmentAdmin, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: a.admin.title, level: 1 })).toBeVisible();
      const qa = page.getByRole("spinbutton", { name: a.col.qa!, exact: true });
      const before = await qa.inputValue();
      await qa.fill(String(Number(before) + 5));
      await expect(page.getByText(fill(a.admin.sum!, { sum: 105 }))).toBeVisible();
      await page.getByRole("button", { name: a.admin.save }).click();
      await expect(page.getByText(m.errors.field.assessment.weightsSum!).first()).toBeVisible();
      await qa.fill(before);
      await page.getByRole("button", { name: a.admin.runNow }).click();
      await expect(page.getByText(new RegExp(locale === "en" ? "assessed in \\d+ ms" : "已考核"))).toBeVisible();
      await shot(page, `assessment-admin-${locale}`);
    });
  });
}

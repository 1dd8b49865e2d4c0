// Care (issue 23), in both languages: agent1 works today's care tasks from /care with the keyboard
// (J/K move, 1 = completed, Ctrl+Enter saves onto the timeline); supervisor1 reassigns a team task
// and reads the completion rates on the team page; a supervisor sets special care on the 360;
// admin1 reads the care rules and adds a festival day.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { login, sql } from "./helpers";

type Catalogue = {
  nav: Record<string, string>;
  enums: { careTaskKind: Record<string, string>; specialCare: Record<string, string> };
  care: {
    list: Record<string, string>;
    team: Record<string, string>;
    admin: Record<string, string>;
    specialCare: Record<string, string>;
  };
};
const CATALOGUES: Record<string, Catalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")),
  "zh-CN": JSON.parse(fs.readFileSync("messages/zh-CN.json", "utf8")),
};
const SCREENS = "/work/screens/care";
const shot = async (page: import("@playwright/test").Page, name: string) => {
  if (!process.env.SHOTS) return;
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
};

/**
 * A care task of agent1's team due long before any demo task (first on the list), for a customer;
 * agent1's (first on their care list), or unassigned (first on the team view).
 */
async function oldestTask(tag: string, kind = "SPECIAL_CARE_VISIT", assigned = true) {
  const [agent] = await sql<{ id: number; team_id: number }>(`SELECT id, team_id FROM app_user WHERE username = 'agent1'`);
  const [c] = await sql<{ id: number; name: string }>(
    `SELECT id, name FROM customer WHERE type = 'INDIVIDUAL' AND status = 'ACTIVE' AND EXISTS (SELECT 1 FROM line l WHERE l.customer_id = customer.id) ORDER BY id DESC LIMIT 1 OFFSET $1`,
    [tag === "en" ? 3 : 4],
  );
  const [t] = await sql<{ id: string }>(
    `INSERT INTO care_task (customer_id, kind, team_id, assignee_id, due_on, note) VALUES ($1, $2::"CareTaskKind", $3, $4, current_date - $6::int, $5) RETURNING id::text`,
    [c!.id, kind, agent!.team_id, assigned ? agent!.id : null, `E2E 关怀 ${tag}`, assigned ? 60 : 61],
  );
  return { taskId: t!.id, customer: c! };
}

for (const locale of ["en", "zh-CN"] as const) {
  const m = CATALOGUES[locale]!;
  test.describe(`care (${locale})`, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    });

    test("agent1 works the care list with the keyboard; the outcome is on the timeline", async ({ page }) => {
      const { taskId } = await oldestTask(locale);
      await login(page, "agent1");
      await page.getByRole("link", { name: m.nav.care, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: m.care.list.title, level: 1 })).toBeVisible();
      // The demo's tasks: today's and the overdue ones, numbers masked.
      const list = page.getByRole("list", { name: /\d/ });
      await expect(list.getByRole("button").first()).toBeVisible();
      await expect(list).toContainText(/\d{3}\*{4}\d{4}/);
      await shot(page, `care-list-${locale}`);
      // J then K: back on the first (the oldest due, ours).
      await page.keyboard.press("j");
      await page.keyboard.press("k");
      await expect(list.getByRole("button").first()).toHaveAttribute("aria-current", "true");
      await expect(page.getByText(`E2E 关怀 ${locale}`)).toBeVisible();
      await page.keyboard.press("1");
      await page.keyboard.press("Control+Enter");
      await expect(page.getByText(m.care.list.recorded)).toBeVisible();
      await expect(page.getByText(`E2E 关怀 ${locale}`)).toHaveCount(0);
      const [row] = await sql<{ status: string; outcome: string; interaction_id: number | null }>(
        `SELECT status::text, outcome::text, interaction_id FROM care_task WHERE id = $1::bigint`,
        [taskId],
      );
      expect(row).toMatchObject({ status: "DONE", outcome: "COMPLETED" });
      expect(row!.interaction_id).not.toBeNull();
    });

    test("supervisor1 reassigns a team task and reads the completion rates", async ({ page }) => {
      await oldestTask(`${locale}-sup`, "BIRTHDAY", false);
      await login(page, "supervisor1");
      await page.goto("/care/team");
      await expect(page.getByRole("heading", { name: m.care.team.title, level: 1 })).toBeVisible();
      await shot(page, `care-team-${locale}`);
      await page.getByRole("button", { name: m.care.team.reassign, exact: false }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(m.care.team.assignee).selectOption({ index: 0 });
      await dialog.getByRole("button", { name: m.care.team.reassign }).click();
      await expect(page.getByText(m.care.team.reassigned)).toBeVisible();
      await page.goto("/team");
      await expect(page.getByRole("heading", { name: m.care.team.completion })).toBeVisible();
      await expect(page.getByRole("table", { name: m.care.team.completion })).toContainText("王晓燕");
      await shot(page, `team-completion-${locale}`);
    });

    test("a supervisor sets special care on the 360", async ({ page }) => {
      const [c] = await sql<{ id: number }>(`SELECT id FROM customer WHERE special_care = 'NONE' AND type = 'INDIVIDUAL' ORDER BY id LIMIT 1 OFFSET $1`, [
        locale === "en" ? 10 : 11,
      ]);
      await login(page, "supervisor1");
      await page.goto(`/customers/${c!.id}`);
      await page.getByRole("button", { name: m.care.specialCare.set }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(m.care.specialCare.label).selectOption("ELDERLY");
      await dialog.getByRole("button", { name: m.care.specialCare.save }).click();
      await expect(page.getByText(m.care.specialCare.saved)).toBeVisible();
      await expect(page.getByText(m.enums.specialCare.ELDERLY, { exact: true })).toBeVisible();
      const [after] = await sql<{ special_care: string }>(`SELECT special_care::text FROM customer WHERE id = $1`, [c!.id]);
      expect(after!.special_care).toBe("ELDERLY");
    });

    test("admin1 reads the care rules and adds a festival day", async ({ page }) => {
      await login(page, "admin1");
      await page.getByRole("link", { name: m.nav.careAdmin, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: m.care.admin.title, level: 1 })).toBeVisible();
      await expect(page.getByRole("table", { name: m.care.admin.rules })).toContainText("特殊关怀客户每30天回访");
      await expect(page.getByRole("table", { name: m.care.admin.festivals })).toBeVisible();
      await shot(page, `care-admin-${locale}`);
      const code = `E2E_${locale === "en" ? "EN" : "ZH"}_${Date.now() % 100000}`;
      await page.getByRole("textbox", { name: m.care.admin.code, exact: true }).fill(code);
      await page.getByRole("textbox", { name: m.care.admin.day, exact: true }).fill("2027-05-20");
      await page.getByRole("textbox", { name: m.care.admin.nameZh, exact: true }).fill("公司日");
      await page.getByRole("textbox", { name: m.care.admin.nameEn, exact: true }).fill("Company day");
      await page.getByRole("button", { name: m.care.admin.addFestival }).click();
      await expect(page.getByText(m.care.admin.festivalAdded)).toBeVisible();
      const [f] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM care_festival WHERE code = $1`, [code]);
      expect(f!.n).toBe(1);
      // A care rule's page: the engine's rule page with the care action.
      await page.getByRole("link", { name: "特殊关怀客户每30天回访" }).click();
      await expect(page.getByRole("heading", { name: "特殊关怀客户每30天回访", level: 1 })).toBeVisible();
      await shot(page, `care-rule-${locale}`);
    });
  });
}

// At the agent's fingertips (issue 24), in both languages: agent1 handling a broadband complaint
// reads the apology script with the customer's name filled, finds the right article in two
// keystrokes from the side panel (K, Enter) and says it helped; the command palette (Ctrl-K) finds
// articles, customers and places; the 360 shows the call's scripts; admin1 writes a script (an
// unknown placeholder is refused), previews it and deactivates it.
import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";
import { buildSearchDocument } from "../../lib/knowledge/text";

type Catalogue = {
  enums: { scriptStage: Record<string, string> };
  nav: Record<string, string>;
  complaints: { detail: Record<string, string> };
  palette: Record<string, string> & { verbs: Record<string, string>; panel: Record<string, string> };
  scripts: { callTitle: string; match: Record<string, string>; admin: Record<string, string> };
  errors: { field: Record<string, string> };
};
const CATALOGUES: Record<string, Catalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")),
  "zh-CN": JSON.parse(fs.readFileSync("messages/zh-CN.json", "utf8")),
};
const SCREENS = "/work/screens/scripts-palette";
const shot = async (page: Page, name: string) => {
  if (!process.env.SHOTS) return;
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
};

/** An open broadband complaint in agent1's scope, of an individual customer of known gender. */
async function broadbandComplaint() {
  const [c] = await sql<{ id: number; summary: string; name: string; gender: string; customer_id: number }>(
    `SELECT c.id, c.summary, cu.name, cu.gender::text AS gender, cu.id AS customer_id
       FROM complaint c
       JOIN complaint_category cc ON cc.id = c.category_id
       JOIN customer cu ON cu.id = c.customer_id
       JOIN app_user u ON u.username = 'agent1'
      WHERE cc.code = 'BROADBAND' AND c.status::text NOT IN ('RESOLVED', 'CLOSED', 'REJECTED', 'CANCELLED')
        AND (c.team_id = u.team_id OR c.assignee_id = u.id OR c.owner_id = u.id)
        AND cu.type = 'INDIVIDUAL' AND cu.gender IN ('MALE', 'FEMALE') AND char_length(cu.name) BETWEEN 2 AND 3
        AND left(cu.name, 2) NOT IN ('欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤', '南宫', '西门', '申屠', '轩辕')
      ORDER BY c.id DESC LIMIT 1`,
  );
  expect(c, "the demo has an open broadband complaint in agent1's team").toBeDefined();
  return c!;
}

/** A published article for the broadband category whose title carries the complaint's first words, so it ranks first. */
async function broadbandArticle(summary: string, tag: string) {
  const [cat] = await sql<{ id: number }>(
    `INSERT INTO kb_category (code, name_zh, name_en) VALUES ($1, '宽带（测试）', 'Broadband (test)') ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh RETURNING id`,
    ["E2E_BROADBAND"],
  );
  const words = summary
    .split(/[\s\p{P}]+/u)
    .filter(Boolean)[0]!
    .slice(0, 12);
  const [a] = await sql<{ id: number; title_zh: string; title_en: string }>(
    `INSERT INTO kb_article (category_id, title_zh, title_en, body_zh, body_en, status, owner_id, created_by_id, complaint_category_ids, helpful_count)
     SELECT $1, $2, $3, '<p>先请客户将光猫断电重启；光信号灯为红色（LOS）时派单上门检修。</p>', '<p>Ask the customer to restart the modem; a red LOS light means a repair visit.</p>',
            'PUBLISHED', u.id, u.id, ARRAY[(SELECT id FROM complaint_category WHERE code = 'BROADBAND')], 1000
       FROM app_user u WHERE u.username = 'admin1'
     RETURNING id, title_zh, title_en`,
    [cat!.id, `${words}：排查步骤 ${tag}`, `${words}: troubleshooting ${tag}`],
  );
  // The search columns, as lib/knowledge/search-index.ts writes them (the palette finds it by its tag).
  const doc = buildSearchDocument({ titleZh: a!.title_zh, titleEn: a!.title_en, tags: [], bodyZh: "", bodyEn: "" });
  await sql(
    `UPDATE kb_article SET search_vector = setweight(to_tsvector('simple', $2), 'A'), search_title = setweight(to_tsvector('simple', $2), 'A'), search_fuzzy = $3 WHERE id = $1`,
    [a!.id, doc.a, doc.fuzzy],
  );
  return a!;
}

for (const locale of ["en", "zh-CN"] as const) {
  const m = CATALOGUES[locale]!;
  const en = locale === "en";
  test.describe(`scripts and palette (${locale})`, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    });

    test("agent1 reads the apology with the customer's name and finds the article in two keystrokes", async ({ page }) => {
      const c = await broadbandComplaint();
      const tag = `E2E-${locale}-${Date.now() % 100000}`;
      const article = await broadbandArticle(c.summary, tag);
      const address = en ? `${c.gender === "MALE" ? "Mr" : "Ms"} ${c.name[0]}` : `${c.name[0]}${c.gender === "MALE" ? "先生" : "女士"}`;
      await login(page, "agent1");
      await page.goto(`/complaints/${c.id}`);

      // The scripts: the category's apology, the customer addressed by surname and title.
      const scripts = page.getByRole("region", { name: m.complaints.detail.script });
      const apology = scripts.getByRole("listitem", { name: m.enums.scriptStage.APOLOGY });
      await expect(apology.locator("blockquote")).toContainText(address);
      await expect(apology).toContainText(m.scripts.match.category);
      await expect(scripts.getByRole("listitem", { name: m.enums.scriptStage.GREETING })).toBeVisible();
      await expect(scripts.getByRole("listitem", { name: m.enums.scriptStage.CLOSING })).toBeVisible();

      // Two keystrokes: K puts the cursor in the panel's search, Enter opens the first suggestion.
      const panel = page.getByRole("region", { name: m.complaints.detail.suggestedArticles });
      // The suggestions arrive once the complaint is open (a logged panel search).
      await expect(panel.locator("button[data-hit]").first()).toBeVisible();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("k");
      await expect(panel.getByRole("searchbox", { name: m.palette.panel.searchLabel })).toBeFocused();
      await page.keyboard.press("Enter");
      const title = en ? article.title_en : article.title_zh;
      const opened = panel.getByRole("region", { name: title });
      await expect(opened).toBeVisible();
      await expect(opened.getByRole("link", { name: m.palette.panel.openArticle })).toHaveAttribute("href", `/knowledge/${article.id}`);
      await shot(page, `complaint-panel-${locale}`);
      // The click is on the panel's search.
      await expect
        .poll(
          async () =>
            (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM kb_search_log WHERE source = 'panel' AND clicked_article_id = $1`, [article.id]))[0]!.n,
        )
        .toBe(1);

      // "Was this helpful?" — yes.
      await opened.getByRole("button", { name: new RegExp(`^${m.palette.panel.helpful}`) }).click();
      await expect(page.getByText(m.palette.panel.thanks)).toBeVisible();
      await expect
        .poll(
          async () =>
            (
              await sql<{ helpful: boolean }>(
                `SELECT f.helpful FROM kb_feedback f JOIN app_user u ON u.id = f.user_id AND u.username = 'agent1' WHERE f.article_id = $1`,
                [article.id],
              )
            )[0]?.helpful,
        )
        .toBe(true);

      // Refining: a word of the title finds it again.
      const box = panel.getByRole("searchbox", { name: m.palette.panel.searchLabel });
      await box.fill(tag);
      await expect(panel.getByRole("button", { name: new RegExp(tag) })).toBeVisible();
    });

    test("the command palette finds articles, customers and places from the keyboard", async ({ page }) => {
      const c = await broadbandComplaint();
      const tag = `PAL${locale === "en" ? "E" : "Z"}${Date.now() % 100000}`;
      const article = await broadbandArticle(c.summary, tag);
      await login(page, "agent1");
      await page.goto("/workspace");
      const trigger = page.getByRole("button", { name: new RegExp(m.palette.open) });
      await expect(trigger).toBeVisible();

      await page.keyboard.press("Control+k");
      const dialog = page.getByRole("dialog", { name: m.palette.title });
      await expect(dialog).toBeVisible();
      const input = dialog.getByRole("combobox");
      await expect(input).toBeFocused();
      await input.fill(tag);
      const hit = dialog.getByRole("option", { name: new RegExp(tag) });
      await expect(hit).toBeVisible();
      await shot(page, `palette-${locale}`);
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(new RegExp(`/knowledge/${article.id}$`));
      await expect
        .poll(
          async () =>
            (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM kb_search_log WHERE source = 'palette' AND clicked_article_id = $1`, [article.id]))[0]!.n,
        )
        .toBe(1);

      // A verb: "New complaint".
      await page.goto("/workspace");
      await page.keyboard.press("Control+k");
      await dialog.getByRole("combobox").fill(m.palette.verbs.newComplaint);
      await expect(dialog.getByRole("option", { name: new RegExp(m.palette.verbs.newComplaint) })).toBeVisible();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/complaints\/new$/);

      // A customer by name (masked numbers only), and Esc gives focus back.
      await page.goto("/workspace");
      await trigger.click();
      await dialog.getByRole("combobox").fill(c.name);
      const customers = dialog.getByRole("group", { name: m.palette.customers });
      await expect(customers.getByRole("option").first()).toContainText(c.name[0]!);
      await expect(dialog).not.toContainText(/1[3-9]\d{9}/);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(trigger).toBeFocused();
    });

    test("the 360 shows the call's scripts with the agent's name", async ({ page }) => {
      const c = await broadbandComplaint();
      await login(page, "agent1");
      await page.goto(`/customers/${c.customer_id}`);
      const section = page.getByRole("region", { name: m.scripts.callTitle });
      const greeting = section.getByRole("listitem", { name: m.enums.scriptStage.GREETING });
      await expect(greeting).toBeVisible();
      const [agent] = await sql<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = 'agent1'`);
      await expect(greeting).toContainText(agent!.display_name);
      await expect(section.getByRole("listitem", { name: m.enums.scriptStage.IDENTITY_CHECK })).toContainText(/\d{3}\*{4}\d{4}/);
    });

    test("admin1 writes a script: an unknown placeholder is refused, the preview fills a sample customer, deactivation", async ({ page }) => {
      const a = m.scripts.admin;
      await login(page, "admin1");
      await page.goto("/admin/scripts");
      await expect(page.getByRole("heading", { name: a.title, level: 1 })).toBeVisible();
      await expect(page.getByRole("region", { name: m.enums.scriptStage.APOLOGY })).toContainText(en ? "Broadband fault apology" : "宽带故障致歉");
      const form = page.getByRole("form", { name: a.newTitle });
      const name = `E2E ${locale} ${Date.now() % 100000}`;
      await form.getByLabel(a.stage).selectOption("CLOSING");
      await form.getByLabel(a.nameZh).fill(name);
      await form.getByLabel(a.nameEn).fill(name);
      await form.getByLabel(a.bodyZh).fill("再见，{customerName}！");
      await form.getByLabel(a.bodyEn).fill("Goodbye, {name}!");
      // The Chinese preview fills the sample customer; the English one keeps the unknown {name} as written.
      await expect(form).toContainText("再见，李先生！");
      await form.getByRole("button", { name: a.create }).click();
      await expect(form.getByText(m.errors.field.scriptUnknownPlaceholder.replace(/'/g, ""))).toBeVisible();
      await form.getByLabel(a.bodyEn).fill("Goodbye, {customerName}!");
      await form.getByRole("button", { name: a.create }).click();
      await expect(page.getByText(a.created)).toBeVisible();
      const closing = page.getByRole("region", { name: m.enums.scriptStage.CLOSING });
      await expect(closing).toContainText(name);
      await shot(page, `admin-scripts-${locale}`);
      await closing.getByRole("button", { name: a.deactivateLabel.replace("{name}", name) }).click();
      await expect(page.getByText(a.deactivated)).toBeVisible();
      const [row] = await sql<{ is_active: boolean; version: number }>(`SELECT is_active, version FROM service_script WHERE name_zh = $1`, [name]);
      expect(row).toMatchObject({ is_active: false, version: 2 });
    });
  });
}

// Knowledge base (issue 24), in both languages: agent1 finds the broadband article in Chinese, in
// pinyin with a typo and in English with a typo, opens it from the results and says it helped;
// supervisor1 sees their overdue reviews, writes an article, edits it, compares and restores a
// revision, attaches a file, marks a review done and reads the gap report; admin1 adds a category
// and a synonym group that search then uses.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { login, sql } from "./helpers";

type Catalogue = {
  nav: Record<string, string>;
  knowledge: {
    title: string;
    list: Record<string, string>;
    article: Record<string, string>;
    form: Record<string, string>;
    revisions: Record<string, string>;
    reviews: Record<string, string>;
    gaps: Record<string, string>;
    admin: Record<string, string>;
  };
};
const CATALOGUES: Record<string, Catalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")),
  "zh-CN": JSON.parse(fs.readFileSync("messages/zh-CN.json", "utf8")),
};
const SCREENS = "/work/screens/knowledge";
const shot = async (page: import("@playwright/test").Page, name: string) => {
  if (!process.env.SHOTS) return;
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
};
const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k]));
const BROADBAND_ZH = "宽带无法上网故障排查与报修流程";
const BROADBAND_EN = "Broadband down: troubleshooting and repair booking";

for (const locale of ["en", "zh-CN"] as const) {
  const m = CATALOGUES[locale]!;
  const k = m.knowledge;
  const broadband = locale === "en" ? BROADBAND_EN : BROADBAND_ZH;
  test.describe(`knowledge (${locale})`, () => {
    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    });

    test("agent1 finds the broadband article in Chinese, pinyin and English — typos too — and votes", async ({ page }) => {
      await login(page, "agent1");
      await page.getByRole("link", { name: m.nav.knowledge, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: k.title, level: 1 })).toBeVisible();
      const box = page.getByRole("searchbox", { name: k.list.searchLabel });
      for (const q of ["宽带故障", "kuandia", "brodband troubleshooting"]) {
        await box.fill(q);
        await box.press("Enter");
        await expect(page.getByRole("heading", { name: fill(k.list.results, { q }) })).toBeVisible();
        await expect(
          page
            .getByRole("list", { name: fill(k.list.results, { q }) })
            .getByRole("link")
            .first(),
        ).toHaveText(broadband);
      }
      await shot(page, `search-${locale}`);
      await page.getByRole("link", { name: broadband }).first().click();
      await expect(page.getByRole("heading", { name: broadband, level: 1 })).toBeVisible();
      // Agents do not edit; the steps, the attachments panel and the related articles are there.
      await expect(page.getByRole("link", { name: k.article.edit })).toHaveCount(0);
      await expect(page.getByRole("heading", { name: k.article.related })).toBeVisible();
      await page.getByRole("group", { name: k.article.helpfulQuestion }).getByRole("button", { name: k.article.yes }).click();
      await expect(page.getByText(k.article.thanks)).toBeVisible();
      await expect(page.getByRole("button", { name: k.article.yes })).toHaveAttribute("aria-pressed", "true");
      await shot(page, `article-${locale}`);
      // The draft is not there for an agent.
      const [draft] = await sql<{ id: number }>(`SELECT id FROM kb_article WHERE status = 'DRAFT' ORDER BY id LIMIT 1`);
      const res = await page.goto(`/knowledge/${draft!.id}`);
      expect(res?.status()).toBe(404);
    });

    test("supervisor1 writes, edits, compares and restores an article, attaches a file and clears a review", async ({ page }) => {
      const title = `E2E 知识 ${locale} ${Date.now()}`;
      await login(page, "supervisor1");
      await page.goto("/knowledge");
      // The demo's overdue reviews (the broadband and apology articles among them).
      await expect(page.getByRole("link", { name: k.list.openReviews })).toBeVisible();
      await page.getByRole("link", { name: k.list.newArticle }).first().click();
      await expect(page.getByRole("heading", { name: k.form.newTitle, level: 1 })).toBeVisible();
      await page.getByLabel(k.form.titleZh).fill(title);
      await page.getByLabel(k.form.titleEn).fill("E2E refund guide");
      await page.getByRole("combobox", { name: k.form.category, exact: true }).selectOption({ label: locale === "en" ? "Tariffs and plans" : "资费与套餐" });
      await page.getByLabel(k.form.tags).fill("退费, E2E");
      await page.getByLabel(k.form.status).selectOption("PUBLISHED");
      await page.getByLabel(k.form.bodyZh, { exact: true }).fill("<p>第一步：核对账单。</p><script>alert(1)</script>");
      await page.getByRole("button", { name: k.form.create }).click();
      await expect(page.getByRole("heading", { name: locale === "en" ? "E2E refund guide" : title, level: 1 })).toBeVisible();
      // The Chinese text is in its tab (an English screen opens the English one first).
      const zhTab = () => page.getByRole("tab", { name: "中文" }).click();
      await zhTab();
      await expect(page.getByText("第一步：核对账单。")).toBeVisible();
      // Edit: a second revision.
      await page.getByRole("link", { name: k.article.edit }).click();
      await page.getByLabel(k.form.bodyZh, { exact: true }).fill("<p>第一步：核对账单。</p><p>第二步：原路退回。</p>");
      await page.getByLabel(k.form.note).fill("E2E 第二步");
      await page.getByRole("button", { name: k.form.save }).click();
      await expect(page.getByText(k.form.saved)).toBeVisible();
      await zhTab();
      await expect(page.getByText("第二步：原路退回。")).toBeVisible();
      // Attach a text file.
      await page.getByLabel(k.article.file, { exact: true }).setInputFiles({ name: "e2e-steps.txt", mimeType: "text/plain", buffer: Buffer.from("退费步骤") });
      await page.getByRole("button", { name: k.article.upload }).click();
      await expect(page.getByRole("link", { name: "e2e-steps.txt" })).toBeVisible();
      // Revisions: revision 2 against 1 shows the added step; restore revision 1.
      await page.getByRole("link", { name: k.article.revisions }).click();
      await expect(page.getByText("第二步：原路退回。")).toBeVisible();
      await shot(page, `revisions-${locale}`);
      // Revision 1 was saved without a note: its link says "show changes".
      await page.getByRole("link", { name: k.revisions.view }).click();
      await expect(page.getByRole("heading", { name: fill(k.revisions.firstRevision, { revision: 1 }) })).toBeVisible();
      await page.getByRole("button", { name: fill(k.revisions.restore, { revision: 1 }) }).click();
      await page
        .getByRole("dialog")
        .getByRole("button", { name: fill(k.revisions.restore, { revision: 1 }) })
        .click();
      await expect(page.getByText(k.revisions.restored)).toBeVisible();
      await page.getByRole("link", { name: k.revisions.back }).click();
      await zhTab();
      await expect(page.getByText("第一步：核对账单。")).toBeVisible();
      await expect(page.getByText("第二步：原路退回。")).toHaveCount(0);
      // My reviews: mark one reviewed.
      await page.getByRole("link", { name: m.nav.knowledgeReviews, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: k.reviews.title, level: 1 })).toBeVisible();
      await shot(page, `reviews-${locale}`);
      const [before, after] = k.reviews.markOf.split("{title}");
      const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const first = page.getByRole("button", { name: new RegExp(`^${esc(before)}.*${esc(after)}$`) }).first();
      const label = await first.getAttribute("aria-label");
      await first.click();
      await expect(page.getByText(k.reviews.reviewed)).toBeVisible();
      await expect(page.getByRole("button", { name: label! })).toHaveCount(0);
      // The gap report: the demo's searches nobody found anything for.
      await page.goto("/knowledge");
      await page.getByRole("link", { name: k.list.gaps }).click();
      await expect(page.getByRole("heading", { name: k.gaps.title, level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: "esim 开通" })).toBeVisible();
      await shot(page, `gaps-${locale}`);
    });

    test("admin1 adds a category and a synonym group search then uses", async ({ page }) => {
      const tag = `${locale === "en" ? "EN" : "ZH"}${Date.now() % 1_000_000}`;
      await login(page, "admin1");
      await page.getByRole("link", { name: m.nav.knowledgeAdmin, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: k.admin.title, level: 1 })).toBeVisible();
      const form = page.getByRole("form", { name: k.admin.addCategory });
      await form.getByLabel(k.admin.code).fill(`E2E_${tag}`);
      await form.getByLabel(k.admin.nameZh).fill(`测试分类${tag}`);
      await form.getByLabel(k.admin.nameEn).fill(`Test category ${tag}`);
      await form.getByRole("button", { name: k.admin.addCategory }).click();
      await expect(page.getByText(k.admin.categoryAdded)).toBeVisible();
      await expect(page.getByRole("cell", { name: locale === "en" ? `Test category ${tag}` : `测试分类${tag}`, exact: true })).toBeVisible();
      const syn = page.getByRole("form", { name: k.admin.addGroup });
      await syn.getByLabel(k.admin.terms).fill(`拨号上网${tag.toLowerCase()}, 宽带`);
      await syn.getByRole("button", { name: k.admin.addGroup }).click();
      await expect(page.getByText(k.admin.groupSaved)).toBeVisible();
      await shot(page, `admin-${locale}`);
      await page.goto(`/knowledge?q=${encodeURIComponent(`拨号上网${tag.toLowerCase()}`)}`);
      await expect(page.getByRole("link", { name: locale === "en" ? BROADBAND_EN : BROADBAND_ZH }).first()).toBeVisible();
    });
  });
}

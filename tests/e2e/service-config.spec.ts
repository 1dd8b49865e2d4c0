// Issue #21 as admin1 would try it, in both languages: create "5G 网速慢 / Slow 5G" under the
// network category with its script and SLA cells; an impossible matrix is refused with the
// offending fields marked; the revision viewer shows the diff and restores it.
import { randomBytes } from "node:crypto";
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";

const WORDS = {
  en: {
    hub: "Service standards",
    categoriesLink: "Complaint categories",
    network: "Network / signal",
    newChild: "Create subcategory",
    nameZh: "Name (Chinese)",
    nameEn: "Name (English)",
    code: "Code",
    created: "Category created.",
    details: "Category details",
    scriptZh: "Reply script (Chinese)",
    scriptEn: "Reply script (English)",
    defaultGrade: "Default grade",
    complex: "Complex",
    save: "Save",
    saved: "Saved.",
    slaCells: "SLA cells of this category",
    addCell: "Add cell",
    addTitle: "Add an SLA cell",
    grade: "Grade",
    tier: "Value tier",
    gold: "Gold",
    diamond: "Diamond",
    firstResponse: "First response (min)",
    resolution: "Resolution (min)",
    cycle: "Complaint cycle (min)",
    fixFields: "Nothing was saved: correct the marked fields.",
    tooLong: "At most 1,440 minutes (24 hours).",
    previewButton: "Preview",
    previewFrom: (name: string) => `From the cell ${name} · Gold`,
    history: "Change history",
    restore: "Restore this version",
    restored: "Restored as a new version.",
    scriptField: "Script (English)",
    isCurrent: "This is the current version.",
  },
  "zh-CN": {
    hub: "服务标准",
    categoriesLink: "投诉分类",
    network: "网络信号",
    newChild: "创建子分类",
    nameZh: "名称（中文）",
    nameEn: "名称（英文）",
    code: "编码",
    created: "分类已创建。",
    details: "分类详情",
    scriptZh: "标准话术（中文）",
    scriptEn: "标准话术（英文）",
    defaultGrade: "默认等级",
    complex: "复杂",
    save: "保存",
    saved: "已保存。",
    slaCells: "本分类的 SLA 单元格",
    addCell: "添加单元格",
    addTitle: "添加 SLA 单元格",
    grade: "等级",
    tier: "价值层级",
    gold: "金",
    diamond: "钻石",
    firstResponse: "首次响应（分钟）",
    resolution: "解决（分钟）",
    cycle: "投诉闭环（分钟）",
    fixFields: "未保存：请更正标出的字段。",
    tooLong: "最多 1440 分钟（24 小时）。",
    previewButton: "预览",
    previewFrom: (name: string) => `来自单元格 ${name} · 金`,
    history: "变更历史",
    restore: "恢复此版本",
    restored: "已作为新版本恢复。",
    scriptField: "话术（英文）",
    isCurrent: "这是当前版本。",
  },
} as const;

// Generous: under load a save can take a while before its toast.
const toast = (page: Page, text: string) =>
  expect(
    page
      .getByRole("region", { name: /^Notifications/ })
      .getByText(text)
      .last(),
  ).toBeVisible({ timeout: 30_000 });

for (const locale of ["en", "zh-CN"] as const) {
  const w = WORDS[locale];
  test(`admin builds "5G 网速慢 / Slow 5G" with its script and cells; an impossible cell is refused; history restores (${locale})`, async ({
    page,
    context,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    const code = `SLOW_5G_${randomBytes(3).toString("hex").toUpperCase()}`;
    const shown = locale === "en" ? "Slow 5G" : "5G 网速慢";
    await login(page, "admin1");

    // The hub leads to the category tree.
    await page.goto("/admin/service-standards");
    await expect(page.getByRole("heading", { name: w.hub, level: 1 })).toBeVisible();
    await page.getByRole("link", { name: w.categoriesLink }).click();
    await page.getByRole("link", { name: w.network, exact: true }).click();
    await page.waitForLoadState("networkidle");

    // A new leaf under the network category.
    const create = page.getByRole("form", { name: w.newChild });
    await create.getByLabel(w.nameZh).fill("5G 网速慢");
    await create.getByLabel(w.nameEn).fill("Slow 5G");
    await create.getByLabel(w.code).fill(code);
    await create.getByRole("button", { name: w.newChild }).click();
    await toast(page, w.created);
    await expect(page.getByRole("heading", { name: new RegExp(`^${shown}`) })).toBeVisible();
    await page.waitForLoadState("networkidle");

    // Its reply script (zh/en) and default grade.
    const details = page.getByRole("form", { name: w.details });
    await details.getByLabel(w.scriptZh).fill("您好，5G 网速慢的问题我已登记，网络部门会在24小时内处理。");
    await details.getByLabel(w.scriptEn).fill("I have logged the slow 5G speed; the network team will handle it within 24 hours.");
    await details.getByLabel(w.defaultGrade).selectOption("COMPLEX");
    await details.getByRole("button", { name: w.save }).click();
    await toast(page, w.saved);
    const [row] = await sql<{ default_grade: string; script_en: string; parent: string }>(
      `SELECT c.default_grade::text, c.script_en, p.code AS parent FROM complaint_category c JOIN complaint_category p ON p.id = c.parent_id WHERE c.code = $1`,
      [code],
    );
    expect(row).toMatchObject({ default_grade: "COMPLEX", parent: "NETWORK" });
    expect(row.script_en).toContain("slow 5G");

    // Its SLA cell for Gold customers.
    await page.getByRole("link", { name: w.slaCells }).click();
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: w.addCell }).click();
    let dialog = page.getByRole("dialog", { name: w.addTitle });
    await dialog.getByLabel(w.tier).selectOption("GOLD");
    await dialog.getByLabel(w.firstResponse).fill("10");
    await dialog.getByRole("button", { name: w.save }).click();
    await toast(page, w.saved);
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("table").getByRole("cell", { name: w.gold, exact: true })).toBeVisible();

    // The impossible Diamond cell: refused, the offending fields marked, nothing saved.
    await page.getByRole("button", { name: w.addCell }).click();
    dialog = page.getByRole("dialog", { name: w.addTitle });
    await dialog.getByLabel(w.tier).selectOption("DIAMOND");
    await dialog.getByLabel(w.firstResponse).fill("5000");
    await dialog.getByLabel(w.resolution).fill("720");
    await dialog.getByLabel(w.cycle).fill("1440");
    await dialog.getByRole("button", { name: w.save }).click();
    await expect(dialog.getByText(w.fixFields)).toBeVisible();
    await expect(dialog.getByLabel(w.firstResponse)).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText(w.tooLong)).toBeVisible();
    await dialog.getByLabel(w.firstResponse).fill("30");
    await dialog.getByLabel(w.resolution).fill("2000");
    await dialog.getByRole("button", { name: w.save }).click();
    await expect(dialog.getByLabel(w.resolution)).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByLabel(w.cycle)).toHaveAttribute("aria-invalid", "true");
    await page.keyboard.press("Escape");
    expect(await sql(`SELECT 1 FROM sla_target WHERE category_code = $1 AND value_tier = 'DIAMOND'`, [code])).toHaveLength(0);

    // The preview: a Gold complaint in the new leaf gets its own cell.
    const categoryId = (await sql<{ id: number }>(`SELECT id FROM complaint_category WHERE code = $1`, [code]))[0].id;
    const preview = page.getByRole("form", { name: w.previewButton });
    await preview.getByLabel(w.grade).selectOption("GENERAL");
    await preview.getByLabel(w.tier).selectOption("GOLD");
    await preview.getByRole("combobox").first().selectOption(String(categoryId));
    await preview.getByRole("button", { name: w.previewButton }).click();
    await expect(page.getByRole("status").getByText(w.previewFrom(shown))).toBeVisible();

    // The history: the script change as a diff, and version 1 restored as version 3.
    await page.goto(`/admin/history?entity=category&key=${code}`);
    await expect(page.getByRole("heading", { name: w.history, level: 1 })).toBeVisible();
    const list = page.getByRole("table").last();
    await list.getByRole("link").first().click();
    await expect(page.getByRole("table").first().getByRole("cell", { name: w.scriptField })).toBeVisible();
    await expect(page.getByText(w.isCurrent)).toBeVisible();
    await page.getByRole("table").last().getByRole("link").nth(2).click(); // the row of version 1 (its time link)
    await page.waitForLoadState("networkidle");
    // A click before hydration opens nothing (seen under load): click until the dialog is there.
    await expect(async () => {
      await page.getByRole("button", { name: w.restore }).first().click();
      await expect(page.getByRole("dialog")).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await page.getByRole("dialog").getByRole("button", { name: w.restore }).click();
    await toast(page, w.restored);
    const [after] = await sql<{ version: number; script_en: string; default_grade: string }>(
      `SELECT version, script_en, default_grade::text FROM complaint_category WHERE code = $1`,
      [code],
    );
    expect(after).toMatchObject({ version: 3, script_en: "", default_grade: "GENERAL" });
    expect(await sql(`SELECT 1 FROM audit_log WHERE action = 'revision.restored' AND entity_id = $1`, [code])).toHaveLength(1);
  });
}

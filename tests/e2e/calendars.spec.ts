import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";

// Issue 21, as admin1 in both languages: a calendar for a team working 08:00–20:00 with the 2027
// Spring Festival pasted from the State Council's notice; a make-up day on a holiday is refused
// with the date named. Each run makes its own calendar and its own team (assigning a seeded team
// would move other journeys' clocks).

const NOTICE = "春节：2月6日（周六）至12日（周五）放假调休，共7天。1月31日（周日）、2月20日（周六）上班。";

const TEXT = {
  en: {
    create: "New calendar",
    code: "Code",
    nameZh: "Name (Chinese)",
    nameEn: "Name (English)",
    monStart: "Monday interval 1 start",
    monEnd: "Monday interval 1 end",
    friEnd: "Friday interval 1 end",
    removeMon2: "Remove Monday interval 2",
    copyMonday: "Copy Monday to Tuesday–Friday",
    saveHours: "Save hours",
    saved: "Saved.",
    year: "Year",
    paste: "Paste the official notice",
    preview: "Preview",
    useDates: "Add these dates to the lists",
    holidays: "Holidays (dates or ranges, one per line)",
    makeups: "Make-up working days (调休, one date per line)",
    save2027: "Save 2027",
    yearSaved: "Saved: 7 holidays, 2 make-up days.",
    conflict: "2027-02-08 is a holiday: it cannot also be a make-up working day.",
    invalid: "The calendar was not saved: correct the dates and times marked below.",
    useFor: (team: string) => `Use this calendar for ${team}`,
    assigned: "Team calendar changed.",
    stopFor: (team: string) => `Stop using this calendar for ${team}`,
    teamName: (n: string) => `Calendar team ${n}`,
    version: (v: number) => new RegExp(`Version ${v} · time zone`),
  },
  "zh-CN": {
    create: "新建日历",
    code: "代码",
    nameZh: "名称（中文）",
    nameEn: "名称（英文）",
    monStart: "星期一 第 1 时段 开始",
    monEnd: "星期一 第 1 时段 结束",
    friEnd: "星期五 第 1 时段 结束",
    removeMon2: "删除：星期一第 2 时段",
    copyMonday: "将周一复制到周二至周五",
    saveHours: "保存工作时间",
    saved: "已保存。",
    year: "年份",
    paste: "粘贴放假通知",
    preview: "预览",
    useDates: "将这些日期加入列表",
    holidays: "节假日（每行一个日期或范围）",
    makeups: "调休上班日（每行一个日期）",
    save2027: "保存 2027 年",
    yearSaved: "已保存：7 天节假日，2 天调休上班。",
    conflict: "2027-02-08 是节假日，不能同时作为调休上班日。",
    invalid: "日历未保存：请更正下方标出的日期和时间。",
    useFor: (team: string) => `使用此日历：${team}`,
    assigned: "团队日历已更改。",
    stopFor: (team: string) => `停止使用：${team}`,
    teamName: (n: string) => `日历班组 ${n}`,
    version: (v: number) => new RegExp(`版本 ${v} · 时区`),
  },
} as const;

async function shoot(page: Page, name: string) {
  const dir = process.env.SCREENS_DIR;
  if (!dir) return;
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`admin builds a team calendar 08:00–20:00 with the 2027 Spring Festival (${locale})`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const x = TEXT[locale];
    const ctx = await browser.newContext({ locale: locale === "en" ? "en-US" : "zh-CN" });
    await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    const page = await ctx.newPage();
    const n = `${Date.now() % 1_000_000}`;
    const teamName = x.teamName(n);
    await sql(`INSERT INTO team (code, name_zh, name_en) VALUES ($1, $2, $3)`, [`E2E-CAL-${locale}-${n}`, teamName, teamName]);

    await login(page, "admin1");
    await page.goto("/admin/calendars");
    await page.waitForLoadState("networkidle");
    await shoot(page, `cal-list-${locale}`);
    const form = page.getByRole("form", { name: x.create });
    await form.getByLabel(x.code).fill(`E2E_${locale === "en" ? "EN" : "ZH"}_${n}`);
    await form.getByLabel(x.nameZh).fill(`客服班组 8-20 ${n}`);
    await form.getByLabel(x.nameEn).fill(`Care team 8–20 ${n}`);
    await form.getByRole("button", { name: x.create }).click();
    await expect(page).toHaveURL(/\/admin\/calendars\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(locale === "en" ? `Care team 8–20 ${n}` : `客服班组 8-20 ${n}`);
    await page.waitForLoadState("networkidle");

    // Weekly hours: Monday 08:00–20:00 without a lunch break, copied to Tuesday–Friday.
    await page.getByRole("button", { name: x.removeMon2 }).click();
    await page.getByRole("textbox", { name: x.monStart }).fill("08:00");
    await page.getByRole("textbox", { name: x.monEnd }).fill("20:00");
    await page.getByRole("button", { name: x.copyMonday }).click();
    await expect(page.getByRole("textbox", { name: x.friEnd })).toHaveValue("20:00");
    await page.getByRole("button", { name: x.saveHours }).click();
    await expect(page.getByRole("region", { name: /^Notifications/ }).getByText(x.saved)).toBeVisible();

    // The page has re-rendered with the saved version (a form filled before would be re-read).
    await expect(page.getByText(x.version(2))).toBeVisible();

    // 2027: the notice pasted, previewed, added to the lists, saved.
    await page.getByLabel(x.year).selectOption("2027");
    await page.getByLabel(x.paste).fill(NOTICE);
    await page.getByRole("button", { name: x.preview }).click();
    await expect(page.getByRole("cell", { name: "2027-02-06..2027-02-12" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "2027-01-31, 2027-02-20" })).toBeVisible();
    await page.getByRole("button", { name: x.useDates }).click();
    await expect(page.getByLabel(x.holidays)).toHaveValue("2027-02-06..2027-02-12");
    await expect(page.getByLabel(x.makeups)).toHaveValue("2027-01-31\n2027-02-20");
    await shoot(page, `cal-detail-${locale}`);
    await page.getByRole("button", { name: x.save2027 }).click();
    await expect(page.getByRole("region", { name: /^Notifications/ }).getByText(x.yearSaved)).toBeVisible();

    await expect(page.getByText(x.version(3))).toBeVisible();

    // A make-up day on a holiday: refused, the date named beside the field, nothing saved.
    const makeups = page.getByLabel(x.makeups);
    await makeups.fill("2027-01-31\n2027-02-08\n2027-02-20");
    await page.getByRole("button", { name: x.save2027 }).click();
    await expect(page.getByText(x.conflict)).toBeVisible();
    await expect(page.getByText(x.invalid)).toBeVisible();
    await expect(makeups).toHaveAttribute("aria-invalid", "true");
    await shoot(page, `cal-detail-error-${locale}`);
    const [saved] = await sql<{ makeups: string[] }>(`SELECT definition->'makeupWorkdays' AS makeups FROM business_calendar WHERE code = $1`, [
      `E2E_${locale === "en" ? "EN" : "ZH"}_${n}`,
    ]);
    expect(saved.makeups).toEqual(["2027-01-31", "2027-02-20"]);

    // The team works by it.
    await page.getByRole("button", { name: x.useFor(teamName) }).click();
    await expect(page.getByRole("region", { name: /^Notifications/ }).getByText(x.assigned)).toBeVisible();
    await expect(page.getByRole("button", { name: x.stopFor(teamName) })).toBeVisible();
    const [team] = await sql<{ code: string | null }>(`SELECT c.code FROM team t LEFT JOIN business_calendar c ON c.id = t.calendar_id WHERE t.name_en = $1`, [
      teamName,
    ]);
    expect(team.code).toBe(`E2E_${locale === "en" ? "EN" : "ZH"}_${n}`);
    await ctx.close();
  });
}

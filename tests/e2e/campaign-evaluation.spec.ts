// Issue 22, "Evaluation page": manager1 opens the demo's completed retention campaign's evaluation
// (found by SQL), sees the uplift against control with its 95 % interval and the funnel chart,
// exports the CSV, and compares two campaigns side by side — in both languages. Screenshots go to
// /work/screens/eval/ (or E2E_SCREENS).
import fs from "node:fs";
import path from "node:path";
import { test, expect } from "@playwright/test";
import { login, sql } from "./helpers";

const SCREENS = process.env.E2E_SCREENS ?? "/work/screens/eval";
const SECOND = "E2E 对比活动（春季挽留）";

interface Demo {
  id: number;
  name: string;
}

/** The demo's completed campaign, and a second evaluated campaign to compare it with (made once: a copy whose offer converted half as often). */
async function campaigns(): Promise<{ demo: Demo; second: Demo }> {
  const [demo] = await sql<Demo>(`SELECT id, name FROM campaign WHERE status = 'COMPLETED' AND launched_at IS NOT NULL AND name <> $1 ORDER BY id LIMIT 1`, [
    SECOND,
  ]);
  let [second] = await sql<Demo>(`SELECT id, name FROM campaign WHERE name = $1`, [SECOND]);
  if (!second) {
    [second] = await sql<Demo>(
      `INSERT INTO campaign (name, objective, segment_id, channels, starts_at, ends_at, budget, channel_costs, control_share, seed, success_kinds,
                             success_window_days, status, created_by_id, launched_at, ended_at, audience_size, control_size, updated_at)
       SELECT $2, objective, segment_id, channels, starts_at - interval '150 days', ends_at - interval '150 days', budget, channel_costs, control_share, seed + 1,
              success_kinds, success_window_days, 'COMPLETED', created_by_id, launched_at - interval '150 days', ended_at - interval '150 days',
              audience_size, control_size, now()
       FROM campaign WHERE id = $1 RETURNING id, name`,
      [demo!.id, SECOND],
    );
    await sql(
      `INSERT INTO campaign_rollup (campaign_id, value_tier, is_control, audience, contacted, reached, accepted, converted, cost, revenue, surveyed, satisfied,
                                    refreshed_at, launch_audience, launch_converted)
       SELECT $2, value_tier, is_control, audience, contacted, reached, accepted / 2, converted / 2, cost, revenue / 2, surveyed, satisfied, now(),
              launch_audience, launch_converted / 2
       FROM campaign_rollup WHERE campaign_id = $1`,
      [demo!.id, second!.id],
    );
    await sql(
      `INSERT INTO campaign_channel_rollup (campaign_id, channel, attempted, delivered, reached, accepted, converted, cost)
       SELECT $2, channel, attempted, delivered, reached, accepted / 2, converted / 2, cost FROM campaign_channel_rollup WHERE campaign_id = $1`,
      [demo!.id, second!.id],
    );
  }
  return { demo: demo!, second: second! };
}

const TEXT = {
  en: {
    uplift: "Uplift vs control",
    ci: /95 % CI [+−]\d+\.\d pp to [+−]\d+\.\d pp/,
    funnel: "Funnel",
    export: /Export CSV/,
    compare: "Compare",
    choose: /Campaigns to compare/,
    header: "Scope,Group,Audience",
    total: "All tiers,Treatment,",
  },
  "zh-CN": {
    uplift: "相对对照组提升",
    ci: /95% 置信区间 [+−]\d+\.\d pp 至 [+−]\d+\.\d pp/,
    funnel: "转化漏斗",
    export: /导出 CSV/,
    compare: "对比",
    choose: /要对比的活动/,
    header: "范围,分组,目标客户",
    total: "全部等级,实验组,",
  },
} as const;

for (const locale of ["en", "zh-CN"] as const) {
  test(`manager1 evaluates the completed retention campaign, exports it and compares two campaigns (${locale})`, async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    fs.mkdirSync(SCREENS, { recursive: true });
    const x = TEXT[locale];
    const { demo, second } = await campaigns();
    // What the page must show, recounted from the rollups: treatment converted more than control.
    const [r] = await sql<{ t: number; tc: number; c: number; cc: number; audience: number }>(
      `SELECT sum(launch_audience) FILTER (WHERE NOT is_control)::int AS t, sum(launch_converted) FILTER (WHERE NOT is_control)::int AS tc,
              sum(launch_audience) FILTER (WHERE is_control)::int AS c, sum(launch_converted) FILTER (WHERE is_control)::int AS cc,
              sum(audience) FILTER (WHERE NOT is_control)::int AS audience
       FROM campaign_rollup WHERE campaign_id = $1`,
      [demo.id],
    );
    const uplift = ((r!.tc / r!.t - r!.cc / r!.c) * 100).toFixed(1);
    expect(Number(uplift)).toBeGreaterThan(0);

    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await login(page, "manager1");
    await page.goto(`/campaigns/${demo.id}/evaluation`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(demo.name);
    const tile = page.locator("div", { has: page.getByText(x.uplift, { exact: true }) }).last();
    await expect(tile).toContainText(`+${uplift} pp`);
    await expect(tile).toContainText(x.ci);
    const funnel = page.getByRole("img", { name: x.funnel });
    await expect(funnel).toBeVisible();
    await expect(funnel.locator("svg")).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(SCREENS, `evaluation-${locale}.png`), fullPage: true });

    // The CSV: translated headers, the page's numbers.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: x.export }).click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]!.startsWith(x.header)).toBe(true);
    expect(lines[1]!.startsWith(`${x.total}${r!.audience},`)).toBe(true);
    expect(download.suggestedFilename()).toBe(`campaign-${demo.id}-evaluation.csv`);

    // Compare: from the evaluation's link, add the second campaign in the picker.
    await page.getByRole("link", { name: locale === "en" ? "Compare with other campaigns" : "与其他活动对比" }).click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/compare\\?ids=${demo.id}$`));
    await page.getByRole("button", { name: x.choose }).click();
    await page.getByRole("checkbox", { name: second.name }).check();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: x.compare, exact: true }).click();
    await expect(page).toHaveURL(/\/campaigns\/compare\?ids=\d+&ids=\d+/);
    const table = page.getByRole("table").first();
    await expect(table.getByRole("columnheader", { name: demo.name })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: second.name })).toBeVisible();
    await expect(table).toContainText(`+${uplift} pp`);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(SCREENS, `compare-${locale}.png`), fullPage: true });
  });
}

test("a campaign not yet launched shows what to expect instead of figures", async ({ page }) => {
  const [draft] = await sql<{ id: number }>(
    `INSERT INTO campaign (name, segment_id, channels, starts_at, ends_at, status, created_by_id, updated_at)
     SELECT 'E2E 草稿活动', segment_id, channels, now() + interval '3 days', now() + interval '30 days', 'DRAFT', created_by_id, now()
     FROM campaign ORDER BY id LIMIT 1 RETURNING id`,
  );
  await login(page, "supervisor1");
  await page.goto(`/campaigns/${draft!.id}/evaluation`);
  await expect(page.getByText(/has not been launched yet|尚未启动/)).toBeVisible();
  await expect(page.getByRole("link", { name: /Export CSV|导出 CSV/ })).toHaveCount(0);
  await page.screenshot({ path: path.join(SCREENS, "not-launched.png"), fullPage: true });
});

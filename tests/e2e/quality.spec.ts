// Quality inspection (issue 24), in both languages: supervisor1 samples and scores three of agent1's
// contacts from the QA queue with the keyboard (J/K, digits, Ctrl+Enter; a failed fatal item gives
// 0); agent1 reads the result in "My QA" and disputes it; manager1 decides the dispute (upheld, final);
// admin1 reads the norms, forms and rules.
import fs from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { login, sql } from "./helpers";

type Catalogue = {
  nav: Record<string, string>;
  quality: {
    queue: Record<string, string>;
    score: Record<string, string>;
    mine: Record<string, string>;
    dispute: Record<string, string>;
    decide: Record<string, string>;
    disputes: Record<string, string>;
    report: Record<string, string>;
    admin: Record<string, string>;
  };
};
const CATALOGUES: Record<string, Catalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")),
  "zh-CN": JSON.parse(fs.readFileSync("messages/zh-CN.json", "utf8")),
};
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k]));
const SCREENS = "/work/screens/quality";
const shot = async (page: Page, name: string) => {
  if (!process.env.SHOTS) return;
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
};

/** Three fresh contacts of agent1 sampled for QA with the demo's contact form (newest first in the queue). */
async function threeSamples(tag: string): Promise<number[]> {
  const [a] = await sql<{ id: number; team_id: number }>(`SELECT id, team_id FROM app_user WHERE username = 'agent1'`);
  const [form] = await sql<{ id: number }>(`SELECT id FROM qa_form WHERE target = 'CONTACT' AND is_active ORDER BY id LIMIT 1`);
  const [c] = await sql<{ id: number }>(`SELECT id FROM customer ORDER BY id LIMIT 1`);
  const ids: number[] = [];
  for (let n = 0; n < 3; n++) {
    const [i] = await sql<{ id: number }>(
      `INSERT INTO interaction (customer_id, agent_id, channel, direction, disposition, notes, duration_sec, occurred_at)
       VALUES ($1, $2, 'HOTLINE', 'INBOUND', 'RESOLVED', $3, 300, now() - interval '1 hour') RETURNING id`,
      [c!.id, a!.id, `E2E 质检 ${tag} ${n}`],
    );
    const [s] = await sql<{ id: number }>(
      `INSERT INTO qa_sample (target, ref_id, agent_id, team_id, form_id, reason, week, created_at)
       VALUES ('CONTACT', $1, $2, $3, $4, 'MANUAL', to_char(now() AT TIME ZONE 'Asia/Shanghai', 'IYYY-"W"IW'), now() + ($5 || ' seconds')::interval) RETURNING id`,
      [i!.id, a!.id, a!.team_id, form!.id, String(n)],
    );
    ids.push(s!.id);
  }
  return ids;
}

for (const locale of ["en", "zh-CN"] as const) {
  const m = CATALOGUES[locale]!;
  const q = m.quality;
  test.describe(`quality (${locale})`, () => {
    test.describe.configure({ mode: "serial" });
    let samples: number[] = [];
    let evaluationId = 0;

    test.beforeEach(async ({ context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    });

    test("supervisor1 scores three of agent1's contacts with the keyboard", async ({ page }) => {
      test.setTimeout(120_000);
      samples = await threeSamples(locale);
      const [agent] = await sql<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = 'agent1'`);
      await login(page, "supervisor1");
      await page.getByRole("link", { name: m.nav.quality, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: q.queue.title, level: 1 })).toBeVisible();
      await shot(page, `queue-${locale}`);
      for (const [n, id] of samples.entries()) {
        await page.getByRole("link", { name: fill(q.queue.scoreOf, { name: agent!.display_name, id }) }).click();
        await expect(page.getByRole("heading", { name: fill(q.score.titleOf, { name: agent!.display_name }), level: 1 })).toBeVisible();
        // The first item is current: 3 points; J moves to the second: 4 points.
        await page.keyboard.press("3");
        await page.keyboard.press("j");
        await page.keyboard.press("4");
        await expect(page.getByRole("radiogroup").first().getByRole("radio", { name: "3", exact: true })).toBeChecked();
        if (n === 1) {
          // The fatal item failed: the score is 0.
          await page.getByRole("radio", { name: q.score.fail }).check();
          await expect(page.getByText(q.score.fatalFailed)).toBeVisible();
        }
        if (n === 0) await shot(page, `score-${locale}`);
        await page.getByLabel(q.score.comment).fill(`E2E ${locale} ${n}`);
        await page.keyboard.press("Control+Enter");
        await expect(page).toHaveURL(/\/quality$/);
      }
      const rows = await sql<{ sample_id: number; score: string; fatal: boolean }>(
        `SELECT sample_id, score::text, fatal FROM qa_evaluation WHERE sample_id = ANY($1::int[]) ORDER BY sample_id`,
        [samples],
      );
      expect(rows).toHaveLength(3);
      expect(rows[1]).toMatchObject({ score: "0.00", fatal: true });
      expect(Number(rows[0]!.score)).toBeLessThan(100);
      expect(Number(rows[0]!.score)).toBeGreaterThan(80);
      const [e] = await sql<{ id: number }>(`SELECT id FROM qa_evaluation WHERE sample_id = $1`, [samples[0]]);
      evaluationId = e!.id;
    });

    test("agent1 reads the result in My QA and disputes it", async ({ page }) => {
      await login(page, "agent1");
      await page.getByRole("link", { name: m.nav.myQa, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: q.mine.title, level: 1 })).toBeVisible();
      await expect(page.getByText(q.mine.new).first()).toBeVisible();
      await shot(page, `mine-${locale}`);
      await page.goto(`/quality/evaluations/${evaluationId}`);
      await expect(page.getByText(`E2E ${locale} 0`)).toBeVisible();
      await page.getByLabel(q.dispute.reason).fill(`E2E ${locale}: 客户问题已一次解决`);
      await page.keyboard.press("Control+Enter");
      await expect(page.getByText(q.dispute.sent)).toBeVisible();
      await expect(page.getByRole("button", { name: q.dispute.send })).toHaveCount(0);
      const [d] = await sql<{ status: string; seen: boolean }>(
        `SELECT d.status::text AS status, e.seen_at IS NOT NULL AS seen FROM qa_dispute d JOIN qa_evaluation e ON e.id = d.evaluation_id WHERE d.evaluation_id = $1`,
        [evaluationId],
      );
      expect(d).toMatchObject({ status: "OPEN", seen: true });
    });

    test("manager1 upholds the dispute with a new score; the decision is final", async ({ page }) => {
      const [d] = await sql<{ id: number }>(`SELECT id FROM qa_dispute WHERE evaluation_id = $1`, [evaluationId]);
      const [agent] = await sql<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = 'agent1'`);
      await login(page, "manager1");
      await page.getByRole("link", { name: m.nav.qaDisputes, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: q.disputes.title, level: 1 })).toBeVisible();
      await shot(page, `disputes-${locale}`);
      await page.getByRole("link", { name: fill(q.disputes.openOf, { name: agent!.display_name, id: d!.id }) }).click();
      await expect(page).toHaveURL(/\/quality\/evaluations\/\d+$/);
      await page.getByRole("combobox", { name: q.decide.decision }).selectOption("UPHELD");
      await page.getByLabel(q.decide.newScore).fill("96.5");
      await page.getByLabel(q.decide.note).fill(`E2E ${locale}: 属实`);
      await page.getByRole("button", { name: q.decide.submit }).click();
      await expect(page.getByText(q.decide.decided)).toBeVisible();
      await expect(page.getByRole("button", { name: q.decide.submit })).toHaveCount(0);
      const [e] = await sql<{ final: string; score: string }>(`SELECT final_score::text AS final, score::text FROM qa_evaluation WHERE id = $1`, [
        evaluationId,
      ]);
      expect(e!.final).toBe("96.50");
      expect(e!.score).not.toBe("96.50");
      await page.goto("/quality/report");
      await expect(page.getByRole("heading", { name: q.report.teamAverages })).toBeVisible();
      await shot(page, `report-${locale}`);
    });

    test("admin1 reads the norms, the forms and the sampling rules", async ({ page }) => {
      await login(page, "admin1");
      await page.getByRole("link", { name: m.nav.qualityAdmin, exact: true }).first().click();
      await expect(page.getByRole("heading", { name: q.admin.title, level: 1 })).toBeVisible();
      await expect(page.getByRole("table", { name: q.admin.norms })).toBeVisible();
      await shot(page, `admin-${locale}`);
      await page.getByRole("table", { name: q.admin.forms }).getByRole("link").first().click();
      await expect(page.getByRole("table", { name: q.admin.items })).toBeVisible();
      await shot(page, `form-${locale}`);
    });
  });
}

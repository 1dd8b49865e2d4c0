// Member grades in the demo seed and the generator (issue 23, docs/membership.md): the SLA matrix's
// GOLD cells (tighter than STANDARD, looser than DIAMOND), the DIAMOND grade's dedicated hotline
// team, two monthly re-gradings (last month and this one: joins, then upgrades and grace periods),
// their job rows, and a goodwill credit on the first Gold member's account for a manager to reverse.
// Everything through the app's own statements (the grading statement, the ledger's posting
// function) on the seed's connection; idempotent (a rerun adds only what is missing).
import type pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { gradingSql } from "@/lib/membership/grading-sql";
import { postAccountEntry } from "@/lib/accounts/ledger";

/** The Asia/Shanghai month of `now` and the one before, as YYYY-MM. */
function periods(now: Date): [string, string] {
  const sh = new Date(now.getTime() + 8 * 3600_000);
  const y = sh.getUTCFullYear();
  const m = sh.getUTCMonth();
  const p = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  return [p(new Date(Date.UTC(y, m - 1, 1))), p(new Date(Date.UTC(y, m, 1)))];
}

/** A pg connection as the one method of a transaction client the posting function uses. */
function pgTx(client: pg.ClientBase): Tx {
  return {
    $queryRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => {
      const sql = Prisma.sql(strings, ...values);
      return (await client.query(sql.text, sql.values as unknown[])).rows;
    },
  } as unknown as Tx;
}

export interface DemoMembership {
  graded: number;
  grades: Record<string, number>;
  /** The demo's Gold member (the active one who spends least: its value tier stays low): its complaints get the GOLD cell's clock. */
  goldCustomerNo: string | null;
}

export async function seedDemoMembership(client: pg.ClientBase, now = new Date(), opts: { credit?: boolean; hotline?: boolean } = {}): Promise<DemoMembership> {
  // The SLA matrix's GOLD row for general and complex complaints, between STANDARD and DIAMOND (major ones as STANDARD).
  await client.query(`
    INSERT INTO sla_target (category_code, grade, value_tier, is_appeal, first_response_min, feedback_min, resolution_min, cycle_min, calendar_id, warn_ratio, effective_from)
    SELECT '*', g.grade::"ComplaintGrade", 'GOLD', false, g.fr, g.fb, g.res, g.cyc, (SELECT id FROM business_calendar WHERE code = 'HOTLINE_24X7'), g.warn, '2020-01-01'
    FROM (VALUES ('GENERAL', 12, 1080, 1080, 2160, 0.8), ('COMPLEX', 20, 1080, 1080, 2160, 0.8)) AS g(grade, fr, fb, res, cyc, warn)
    WHERE NOT EXISTS (SELECT 1 FROM sla_target s WHERE s.category_code = '*' AND s.grade::text = g.grade AND s.value_tier = 'GOLD' AND NOT s.is_appeal)`);
  // Diamond members' complaints go to Hotline Team 1 (agent1's team): taken by agent2 of Team 2,
  // a Diamond member's complaint crosses over, and the timeline says why.
  if (opts.hotline !== false) {
    await client.query(
      `UPDATE member_grade_def SET hotline_team_id = (SELECT id FROM team WHERE code = 'HOTLINE-1') WHERE grade = 'DIAMOND' AND hotline_team_id IS NULL`,
    );
  }
  const graceMonths = 3;
  let last = { customers: 0, grades: {} as Record<string, number> };
  for (const period of periods(now)) {
    const done = await client.query(`SELECT 1 FROM loyalty_job WHERE kind = 'GRADE' AND period = $1`, [period]);
    if (done.rowCount) continue;
    // Each run as if on the 1st at 03:00 (Asia/Shanghai), as the monthly job runs.
    const at = new Date(`${period}-01T03:00:00+08:00`);
    const t0 = Date.now();
    const sql = gradingSql(`${period}-01`, graceMonths, at);
    const { rows } = await client.query<{ customers: number; reasons: Record<string, number> | null; grades: Record<string, number> | null }>(
      sql.text,
      sql.values as unknown[],
    );
    const r = rows[0];
    const reasons = r.reasons ?? {};
    const stats = {
      period,
      ms: Date.now() - t0,
      customers: r.customers,
      joined: reasons.JOINED ?? 0,
      upgraded: reasons.UPGRADE ?? 0,
      downgraded: reasons.DOWNGRADE ?? 0,
      graceStarted: reasons.GRACE_STARTED ?? 0,
      graceCleared: reasons.GRACE_CLEARED ?? 0,
      grades: r.grades ?? {},
    };
    await client.query(
      `INSERT INTO loyalty_job (kind, period, status, stats, created_at, started_at, finished_at) VALUES ('GRADE', $1, 'SUCCEEDED', $2, $3, $3, $3)`,
      [period, JSON.stringify(stats), at],
    );
    last = { customers: r.customers, grades: stats.grades };
  }
  const gold = await client.query<{ id: number; customer_no: string }>(
    `SELECT c.id, c.customer_no FROM customer_membership m JOIN customer c ON c.id = m.customer_id
     WHERE m.grade = 'GOLD' AND m.grace_until IS NULL AND c.status = 'ACTIVE' ORDER BY m.spend_12m, c.id LIMIT 1`,
  );
  const member = gold.rows[0];
  if (member && opts.credit !== false) {
    // A goodwill credit on the Gold member's account (a manager can reverse it on the 360).
    const account = await client.query<{ id: number }>(`SELECT id FROM account WHERE customer_id = $1 ORDER BY id LIMIT 1`, [member.id]);
    const manager = await client.query<{ id: number }>(`SELECT id FROM app_user WHERE username = 'manager1'`);
    if (account.rows[0]) {
      await postAccountEntry(
        pgTx(client),
        {
          accountId: account.rows[0].id,
          kind: "COMPENSATION_CREDIT",
          amount: "20.00",
          ref: "goodwill:demo",
          reason: "话费补偿（演示）/ Goodwill credit (demo)",
          createdById: manager.rows[0]?.id ?? null,
        },
        new Date(now.getTime() - 2 * 86_400_000),
      );
    }
  }
  return { graded: last.customers, grades: last.grades, goldCustomerNo: member?.customer_no ?? null };
}

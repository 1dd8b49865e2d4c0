import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { retentionRate, retentionRatesPeriod, type RetentionRatesPeriod } from "@/lib/retention/winback-schemas";

// Reads of win-back (issue 23): the owners an actor may assign, each listed customer's win-back,
// and the retention rates per owner and per offer over a period (the value page). All set-based.

export interface WinBackOwner {
  id: number;
  name: string;
  teamId: number;
  teamNameZh: string;
  teamNameEn: string;
}

/** Active agents the actor may make owners: a supervisor's own team, any team for a manager. */
export async function listWinBackOwners(actor: Actor): Promise<WinBackOwner[]> {
  assertCan(actor, "care:assign");
  const anyTeam = actor.role === "MANAGER";
  return db.$queryRaw<WinBackOwner[]>`
    SELECT u.id, u.display_name AS name, u.team_id AS "teamId", t.name_zh AS "teamNameZh", t.name_en AS "teamNameEn"
    FROM app_user u JOIN team t ON t.id = u.team_id
    WHERE u.role = 'AGENT' AND u.is_active AND (${anyTeam} OR u.team_id = ${actor.teamId ?? -1}::int)
    ORDER BY t.code, u.display_name, u.id
    LIMIT 1000`;
}

export interface WinBackStatus {
  customerId: number;
  taskId: number;
  ownerName: string | null;
  status: "OPEN" | "DONE" | "CANCELLED";
  outcome: string | null;
  dueOn: string;
  offerNameZh: string | null;
  offerNameEn: string | null;
}

/**
 * Each listed customer's win-back: the open one, else the latest (one index range per customer
 * on care_task (customer_id)). Customers without one are absent.
 */
export async function getWinBackStatus(actor: Actor, customerIds: number[]): Promise<Map<number, WinBackStatus>> {
  assertCan(actor, "retention:read");
  if (!customerIds.length) return new Map();
  const rows = await db.$queryRaw<Array<WinBackStatus & { taskId: bigint }>>`
    SELECT x.id AS "customerId", w.id AS "taskId", u.display_name AS "ownerName", w.status::text AS status, w.outcome::text AS outcome,
           to_char(w.due_on, 'YYYY-MM-DD') AS "dueOn", o.name_zh AS "offerNameZh", o.name_en AS "offerNameEn"
    FROM unnest(${customerIds}::int[]) AS x(id)
    JOIN LATERAL (
      SELECT t.id, t.status, t.outcome, t.due_on, t.assignee_id, t.offer_rule_id FROM care_task t
      WHERE t.customer_id = x.id AND t.kind = 'WIN_BACK'
      ORDER BY (t.status = 'OPEN') DESC, t.created_at DESC, t.id DESC LIMIT 1) w ON true
    LEFT JOIN app_user u ON u.id = w.assignee_id
    LEFT JOIN offer_rule o ON o.id = w.offer_rule_id`;
  return new Map(rows.map((r) => [r.customerId, { ...r, taskId: Number(r.taskId) }]));
}

export interface RetentionRateRow {
  /** Owner (agent) id or offer rule id; null = no offer. */
  key: number | null;
  nameZh: string;
  nameEn: string;
  done: number;
  retained: number;
  lost: number;
  notReachable: number;
  /** retained ÷ (retained + lost + not reachable); null when none of those. */
  rate: number | null;
}

export interface RetentionRates {
  period: RetentionRatesPeriod;
  total: RetentionRateRow;
  byOwner: RetentionRateRow[];
  byOffer: RetentionRateRow[];
}

/**
 * Win-backs finished (status DONE) in the period — days from and to inclusive, Asia/Shanghai —
 * per owner and per offer (the offer proposed, or the one taken when retained), with the totals:
 * one pass over the partial index care_task_winback_done_idx, grouped three ways at once.
 */
export async function getRetentionRates(actor: Actor, raw: RetentionRatesPeriod): Promise<RetentionRates> {
  assertCan(actor, "dashboard:read");
  const period = retentionRatesPeriod.parse(raw);
  const rows = await db.$queryRaw<
    Array<{ by: "owner" | "offer" | "total"; key: number | null; name_zh: string | null; name_en: string | null; done: number; retained: number; lost: number; nr: number }>
  >`
    WITH g AS (
      SELECT CASE WHEN grouping(t.assignee_id) = 0 THEN 'owner' WHEN grouping(t.offer_rule_id) = 0 THEN 'offer' ELSE 'total' END AS by,
             COALESCE(CASE WHEN grouping(t.assignee_id) = 0 THEN t.assignee_id END, CASE WHEN grouping(t.offer_rule_id) = 0 THEN t.offer_rule_id END) AS key,
             count(*)::int AS done,
             count(*) FILTER (WHERE t.outcome = 'RETAINED')::int AS retained,
             count(*) FILTER (WHERE t.outcome = 'LOST')::int AS lost,
             count(*) FILTER (WHERE t.outcome = 'NOT_REACHABLE')::int AS nr
      FROM care_task t
      WHERE t.kind = 'WIN_BACK' AND t.status = 'DONE'
        AND t.done_at >= (${period.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND t.done_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
      GROUP BY GROUPING SETS ((t.assignee_id), (t.offer_rule_id), ())
    )
    SELECT g.by, g.key, COALESCE(u.display_name, o.name_zh) AS name_zh, COALESCE(u.display_name, o.name_en) AS name_en, g.done, g.retained, g.lost, g.nr
    FROM g
    LEFT JOIN app_user u ON g.by = 'owner' AND u.id = g.key
    LEFT JOIN offer_rule o ON g.by = 'offer' AND o.id = g.key
    ORDER BY g.by, g.done DESC, g.key`;
  const toRow = (r: (typeof rows)[number]): RetentionRateRow => ({
    key: r.key,
    nameZh: r.name_zh ?? "",
    nameEn: r.name_en ?? "",
    done: r.done,
    retained: r.retained,
    lost: r.lost,
    notReachable: r.nr,
    rate: retentionRate({ retained: r.retained, lost: r.lost, notReachable: r.nr }),
  });
  const total = rows.find((r) => r.by === "total");
  return {
    period,
    total: total ? toRow(total) : { key: null, nameZh: "", nameEn: "", done: 0, retained: 0, lost: 0, notReachable: 0, rate: null },
    byOwner: rows.filter((r) => r.by === "owner").map(toRow),
    byOffer: rows.filter((r) => r.by === "offer").map(toRow),
  };
}

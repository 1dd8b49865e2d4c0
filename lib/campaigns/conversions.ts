import "server-only";
import { allowLongStatements, db } from "@/lib/db";
import { CAMPAIGN_ROLLUP_STATEMENTS, EVALUATED_CAMPAIGNS_SQL, type JobStatement } from "@/lib/campaigns/rollups";

// The conversion job (issue 22, docs/campaigns.md "Conversion, attribution and evaluation"):
// pg-boss every 5 minutes and after a campaign completes; the demo seed and the generator run the
// same statements through their own client. Every statement is set-based over the campaigns being
// evaluated ($2) at `now` ($1), and the whole pass recomputes from the members, the plan changes,
// the bills, the touches and the surveys: idempotent, a second pass changes nothing.
//
// A member's window: (first contact, first contact + success_window_days] for treatment, (launch,
// launch + success_window_days] for control (never contacted); cut at now. In it, the first of:
//   OFFER_ACCEPTED  accepted_at (treatment only: control members are never offered anything);
//   PLAN_CHANGE     a plan_change of the customer to one of success_plan_ids, or to a plan with a
//                   higher monthly fee when the list is empty;
//   SPEND_INCREASE  a bill month after the window's start whose total (all lines) ≥
//                   baseline_spend × (1 + spend_increase_pct);
// as far as the campaign's success_kinds count them.
// Attribution: a plan change or a spend month is one event of the customer and counts for ONE
// treatment membership: among the customer's treatment memberships (any running, paused or
// completed campaign) whose window contains it, the one with the latest touch of that campaign
// (marketing_touch, else contacted_at) at or before the event; ties go to the newer campaign.
// An accepted offer belongs to its campaign. Control memberships record their own outcome.

// Memberships that compete for the events of the evaluated campaigns' customers.
const MEMBERSHIPS = `
  mem AS (
    SELECT m.campaign_id, m.customer_id, m.is_control, m.accepted_at, m.baseline_spend, c.success_kinds, c.success_plan_ids,
           c.spend_increase_pct, w.ws AS w_start, LEAST(w.ws + make_interval(days => c.success_window_days), $1::timestamptz) AS w_end
    FROM campaign_member m
    JOIN campaign c ON c.id = m.campaign_id
    CROSS JOIN LATERAL (SELECT CASE WHEN m.is_control THEN c.launched_at ELSE m.contacted_at END AS ws) w
    WHERE c.status IN ('RUNNING', 'PAUSED', 'COMPLETED') AND w.ws IS NOT NULL AND w.ws < $1::timestamptz
      AND m.customer_id IN (SELECT e.customer_id FROM campaign_member e WHERE e.campaign_id = ANY($2::int[]))
  )`;

const CONVERSIONS = `
  WITH ${MEMBERSHIPS},
  plan_events AS (
    SELECT mem.*, 'PLAN_CHANGE'::"ConversionKind" AS kind, pc.id AS event_id, pc.at
    FROM mem
    JOIN plan_change pc ON pc.customer_id = mem.customer_id AND pc.at > mem.w_start AND pc.at <= mem.w_end
    JOIN plan fp ON fp.id = pc.from_plan_id
    JOIN plan tp ON tp.id = pc.to_plan_id
    WHERE 'PLAN_CHANGE' = ANY(mem.success_kinds)
      AND CASE WHEN cardinality(mem.success_plan_ids) > 0 THEN pc.to_plan_id = ANY(mem.success_plan_ids) ELSE tp.monthly_fee > fp.monthly_fee END
  ),
  spend_events AS (
    SELECT mem.*, 'SPEND_INCREASE'::"ConversionKind" AS kind, (bm.month - DATE '2000-01-01')::bigint AS event_id,
           (bm.month::timestamp AT TIME ZONE 'Asia/Shanghai') AS at
    FROM mem
    CROSS JOIN LATERAL (
      SELECT b.month, sum(b.total_charge) AS total FROM bill b
      WHERE b.customer_id = mem.customer_id
        AND b.month > (mem.w_start AT TIME ZONE 'Asia/Shanghai')::date AND b.month <= (mem.w_end AT TIME ZONE 'Asia/Shanghai')::date
      GROUP BY b.month
    ) bm
    WHERE 'SPEND_INCREASE' = ANY(mem.success_kinds) AND mem.baseline_spend > 0 AND bm.total >= mem.baseline_spend * (1 + mem.spend_increase_pct)::numeric
  ),
  events AS (SELECT * FROM plan_events UNION ALL SELECT * FROM spend_events),
  attributed AS (
    SELECT e.campaign_id, e.customer_id, e.kind, e.at,
           row_number() OVER (PARTITION BY e.customer_id, e.kind, e.event_id ORDER BY COALESCE(lt.at, e.w_start) DESC, e.campaign_id DESC) AS rk
    FROM events e
    LEFT JOIN LATERAL (
      SELECT max(t.at) AS at FROM marketing_touch t WHERE t.customer_id = e.customer_id AND t.campaign_id = e.campaign_id AND t.at <= e.at
    ) lt ON true
    WHERE NOT e.is_control
  ),
  won AS (
    SELECT campaign_id, customer_id, kind, at FROM attributed WHERE rk = 1
    UNION ALL
    SELECT campaign_id, customer_id, kind, at FROM events WHERE is_control
    UNION ALL
    SELECT campaign_id, customer_id, 'OFFER_ACCEPTED'::"ConversionKind", accepted_at FROM mem
    WHERE NOT is_control AND 'OFFER_ACCEPTED' = ANY(success_kinds) AND accepted_at >= w_start AND accepted_at <= w_end
  ),
  firsts AS (
    SELECT DISTINCT ON (campaign_id, customer_id) campaign_id, customer_id, kind, at FROM won
    WHERE campaign_id = ANY($2::int[])
    ORDER BY campaign_id, customer_id, at, kind
  ),
  target AS (
    SELECT s.campaign_id, s.customer_id, f.at, f.kind
    FROM campaign_member s LEFT JOIN firsts f ON f.campaign_id = s.campaign_id AND f.customer_id = s.customer_id
    WHERE s.campaign_id = ANY($2::int[])
  )
  UPDATE campaign_member m SET converted_at = target.at, conversion_kind = target.kind
  FROM target
  WHERE m.campaign_id = target.campaign_id AND m.customer_id = target.customer_id
    AND (m.converted_at IS DISTINCT FROM target.at OR m.conversion_kind IS DISTINCT FROM target.kind)`;

// Revenue: the customer's bill totals of the months after the conversion's month, up to now.
const REVENUE = `
  UPDATE campaign_member m SET revenue = x.revenue
  FROM (
    SELECT s.campaign_id, s.customer_id, COALESCE(r.total, 0) AS revenue
    FROM campaign_member s
    LEFT JOIN LATERAL (
      SELECT sum(b.total_charge) AS total FROM bill b
      WHERE s.converted_at IS NOT NULL AND b.customer_id = s.customer_id
        AND b.month > (s.converted_at AT TIME ZONE 'Asia/Shanghai')::date AND b.month <= ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
    ) r ON true
    WHERE s.campaign_id = ANY($2::int[]) AND (s.converted_at IS NOT NULL OR s.revenue <> 0)
  ) x
  WHERE m.campaign_id = x.campaign_id AND m.customer_id = x.customer_id AND m.revenue <> x.revenue`;

// Cost: the member's touches by this campaign × the campaign's cost per contact on the channel.
const COST = `
  UPDATE campaign_member m SET cost = x.cost
  FROM (
    SELECT t.campaign_id, t.customer_id,
           round(sum(CASE WHEN jsonb_typeof(c.channel_costs -> t.channel::text) = 'number' THEN (c.channel_costs ->> t.channel::text)::numeric ELSE 0 END), 2) AS cost
    FROM marketing_touch t JOIN campaign c ON c.id = t.campaign_id
    WHERE t.campaign_id = ANY($2::int[]) AND t.at <= $1::timestamptz
    GROUP BY t.campaign_id, t.customer_id
  ) x
  WHERE m.campaign_id = x.campaign_id AND m.customer_id = x.customer_id AND m.cost <> x.cost`;

/** The job's statements, in order: conversions, revenue, cost, then the rollups (lib/campaigns/rollups.ts). */
export const CONVERSION_STATEMENTS: JobStatement[] = [
  { name: "conversions", text: CONVERSIONS },
  { name: "revenue", text: REVENUE },
  { name: "cost", text: COST },
  ...CAMPAIGN_ROLLUP_STATEMENTS,
];

const LOCK = 2202;

export interface ConversionRefresh {
  campaigns: number;
  converted: number;
  skipped?: boolean;
}

/**
 * Recomputes conversions, attribution, revenue and cost of the campaigns being evaluated (or of
 * `campaignIds`), then their rollups, in one transaction (readers see the old rollups or the new).
 * One pass at a time (an advisory lock; a second pass meanwhile returns `skipped`).
 */
export async function refreshCampaignConversions(now: Date = new Date(), opts: { campaignIds?: number[]; timeoutMs?: number } = {}): Promise<ConversionRefresh> {
  return db.$transaction(
    async (tx) => {
      await allowLongStatements(tx, "job");
      const [{ locked }] = await tx.$queryRaw<[{ locked: boolean }]>`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`;
      if (!locked) return { campaigns: 0, converted: 0, skipped: true };
      const ids = opts.campaignIds ?? (await tx.$queryRawUnsafe<Array<{ id: number }>>(EVALUATED_CAMPAIGNS_SQL, now)).map((r) => r.id);
      if (!ids.length) return { campaigns: 0, converted: 0 };
      for (const s of CONVERSION_STATEMENTS) await tx.$executeRawUnsafe(s.text, now, ids);
      const [{ n }] = await tx.$queryRawUnsafe<[{ n: number }]>(`SELECT COALESCE(sum(converted), 0)::int AS n FROM campaign_rollup WHERE campaign_id = ANY($1::int[]) AND NOT is_control`, ids);
      return { campaigns: ids.length, converted: n };
    },
    { timeout: opts.timeoutMs ?? 600_000, maxWait: 30_000 },
  );
}

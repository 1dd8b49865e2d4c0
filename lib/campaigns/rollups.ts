// The conversion pass's SQL (issue 22): conversions and attribution, revenue and cost on the
// members, then the evaluation's rollups, campaign_rollup (campaign × value tier ×
// treatment/control) and campaign_channel_rollup (campaign × channel). Plain SQL text, so the job
// (lib/campaigns/conversions.ts, Prisma) and the demo seed and the generator (a pg client) run
// exactly the same statements. No I/O here, and no "server-only": the scripts import it as is.

/** One statement for either driver: `text` with $1 = now (timestamptz), $2 = the campaign ids (int[]). */
export interface JobStatement {
  name: string;
  text: string;
}

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

/**
 * The campaigns a pass evaluates at $1: launched and running, paused or completed, until 90 days
 * after their last member's window can have closed (revenue keeps coming in after a conversion),
 * and any launched campaign that has no rollup yet.
 */
export const EVALUATED_CAMPAIGNS_SQL = `
  SELECT c.id FROM campaign c
  WHERE c.status IN ('RUNNING', 'PAUSED', 'COMPLETED') AND c.launched_at IS NOT NULL
    AND (COALESCE(c.ended_at, $1::timestamptz) + make_interval(days => c.success_window_days + 90) > $1::timestamptz
         OR NOT EXISTS (SELECT 1 FROM campaign_rollup r WHERE r.campaign_id = c.id))
  ORDER BY c.id`;

// Satisfaction: a contacted member's first CSAT answer after the first contact, within the
// window; CSAT 4–5 is satisfied. One rollup row per campaign × tier × group present.
const ROLLUP = `
  INSERT INTO campaign_rollup (campaign_id, value_tier, is_control, audience, contacted, reached, accepted, converted, cost, revenue,
                               surveyed, satisfied, refreshed_at, launch_audience, launch_converted)
  SELECT m.campaign_id, m.value_tier, m.is_control, count(*), count(m.contacted_at), count(m.reached_at), count(m.accepted_at), count(m.converted_at),
         COALESCE(sum(m.cost), 0), COALESCE(sum(m.revenue), 0), count(sv.score), count(*) FILTER (WHERE sv.score >= 4), $1::timestamptz,
         count(*) FILTER (WHERE m.from_launch), count(m.converted_at) FILTER (WHERE m.from_launch)
  FROM campaign_member m
  JOIN campaign c ON c.id = m.campaign_id
  LEFT JOIN LATERAL (
    SELECT r.score FROM survey_response r
    WHERE m.contacted_at IS NOT NULL AND r.customer_id = m.customer_id AND r.kind = 'CSAT' AND r.score IS NOT NULL
      AND r.answered_at > m.contacted_at AND r.answered_at <= m.contacted_at + make_interval(days => c.success_window_days)
    ORDER BY r.answered_at LIMIT 1
  ) sv ON true
  WHERE m.campaign_id = ANY($2::int[])
  GROUP BY m.campaign_id, m.value_tier, m.is_control`;

// A campaign whose launch kept nobody still gets its "refreshed at" (an empty control row), so
// the page can tell "evaluated, nobody" from "never evaluated".
const EMPTY_ROLLUP = `
  INSERT INTO campaign_rollup (campaign_id, value_tier, is_control, refreshed_at)
  SELECT c.id, 'STANDARD', true, $1::timestamptz FROM campaign c
  WHERE c.id = ANY($2::int[]) AND NOT EXISTS (SELECT 1 FROM campaign_member m WHERE m.campaign_id = c.id)
  ON CONFLICT DO NOTHING`;

// Per channel: attempted and delivered from the outbox (a message tried at least once; a delivery
// receipt) and the call list (a task called at least once; someone answered); reached, accepted
// and converted of the treatment members contacted on the channel; cost = touches × cost per contact.
const CHANNEL_ROLLUP = `
  WITH msg AS (
    SELECT campaign_id, channel::text AS channel,
           count(*) FILTER (WHERE attempts > 0 OR status IN ('SENT', 'DELIVERED', 'FAILED'))::int AS attempted,
           count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered
    FROM outbound_message WHERE campaign_id = ANY($2::int[]) GROUP BY 1, 2
  ),
  calls AS (
    SELECT campaign_id, 'OUTBOUND_CALL'::text AS channel, count(*) FILTER (WHERE attempts > 0)::int AS attempted,
           count(*) FILTER (WHERE last_outcome IN ('REACHED', 'ACCEPTED', 'DECLINED', 'CALL_BACK'))::int AS delivered
    FROM call_task WHERE campaign_id = ANY($2::int[]) GROUP BY 1
  ),
  mem AS (
    SELECT m.campaign_id, x.channel::text AS channel, count(m.reached_at)::int AS reached, count(m.accepted_at)::int AS accepted,
           count(m.converted_at)::int AS converted
    FROM campaign_member m CROSS JOIN LATERAL unnest(m.channels) AS x(channel)
    WHERE m.campaign_id = ANY($2::int[]) AND NOT m.is_control GROUP BY 1, 2
  ),
  touches AS (
    SELECT campaign_id, channel::text AS channel, count(*)::int AS n FROM marketing_touch
    WHERE campaign_id = ANY($2::int[]) AND at <= $1::timestamptz GROUP BY 1, 2
  )
  INSERT INTO campaign_channel_rollup (campaign_id, channel, attempted, delivered, reached, accepted, converted, cost)
  SELECT c.id, ch.channel, COALESCE(msg.attempted, calls.attempted, 0), COALESCE(msg.delivered, calls.delivered, 0),
         COALESCE(mem.reached, 0), COALESCE(mem.accepted, 0), COALESCE(mem.converted, 0),
         round(COALESCE(touches.n, 0) * CASE WHEN jsonb_typeof(c.channel_costs -> ch.channel::text) = 'number' THEN (c.channel_costs ->> ch.channel::text)::numeric ELSE 0 END, 2)
  FROM campaign c
  CROSS JOIN LATERAL unnest(c.channels) AS ch(channel)
  LEFT JOIN msg ON msg.campaign_id = c.id AND msg.channel = ch.channel::text
  LEFT JOIN calls ON calls.campaign_id = c.id AND calls.channel = ch.channel::text
  LEFT JOIN mem ON mem.campaign_id = c.id AND mem.channel = ch.channel::text
  LEFT JOIN touches ON touches.campaign_id = c.id AND touches.channel = ch.channel::text
  WHERE c.id = ANY($2::int[])`;

const CAMPAIGN_ROLLUP_STATEMENTS: JobStatement[] = [
  // $1 is unused by the deletes; both drivers send the same two parameters to every statement.
  { name: "clear rollups", text: `DELETE FROM campaign_rollup WHERE campaign_id = ANY($2::int[]) AND $1::timestamptz IS NOT NULL` },
  { name: "clear channel rollups", text: `DELETE FROM campaign_channel_rollup WHERE campaign_id = ANY($2::int[]) AND $1::timestamptz IS NOT NULL` },
  { name: "rollup", text: ROLLUP },
  { name: "empty rollup", text: EMPTY_ROLLUP },
  { name: "channel rollup", text: CHANNEL_ROLLUP },
];

/** The pass's statements, in order: conversions, revenue, cost, then the rollups. */
export const CONVERSION_STATEMENTS: JobStatement[] = [
  { name: "conversions", text: CONVERSIONS },
  { name: "revenue", text: REVENUE },
  { name: "cost", text: COST },
  ...CAMPAIGN_ROLLUP_STATEMENTS,
];

// The evaluation's rollups (issue 22): campaign_rollup (campaign × value tier × treatment/control)
// and campaign_channel_rollup (campaign × channel), rebuilt from the members, the outbox, the call
// list, the touches and the surveys for the campaigns being evaluated, in one pass of the
// conversion job (lib/campaigns/conversions.ts). Plain SQL text, so the demo seed and the
// generator (a pg client) run exactly what the job runs (Prisma, $executeRawUnsafe).
// No "server-only": scripts import it without the react-server condition too; it holds no secrets.

/** One statement for either driver: `text` with $1 = now (timestamptz), $2 = the campaign ids (int[]). */
export interface JobStatement {
  name: string;
  text: string;
}

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

export const CAMPAIGN_ROLLUP_STATEMENTS: JobStatement[] = [
  // $1 is unused by the deletes; both drivers send the same two parameters to every statement.
  { name: "clear rollups", text: `DELETE FROM campaign_rollup WHERE campaign_id = ANY($2::int[]) AND $1::timestamptz IS NOT NULL` },
  { name: "clear channel rollups", text: `DELETE FROM campaign_channel_rollup WHERE campaign_id = ANY($2::int[]) AND $1::timestamptz IS NOT NULL` },
  { name: "rollup", text: ROLLUP },
  { name: "empty rollup", text: EMPTY_ROLLUP },
  { name: "channel rollup", text: CHANNEL_ROLLUP },
];

import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";

export interface AgentActivity {
  today: number;
  week: number;
  avgDurationSec: number | null;
}

/** The acting agent's own contact counts (today in the operator's time zone, and 7 days). */
export async function getMyActivity(actor: Actor, now = new Date()): Promise<AgentActivity> {
  assertCan(actor, "interaction:create");
  const [r] = await db.$queryRaw<Array<{ today: number; week: number; avg: number | null }>>`
    SELECT count(*) FILTER (WHERE occurred_at >= date_trunc('day', ${now}::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')::int AS today,
           count(*)::int AS week,
           avg(duration_sec)::float8 AS avg
    FROM interaction
    WHERE agent_id = ${actor.id} AND occurred_at >= ${now}::timestamptz - interval '7 days' AND occurred_at <= ${now}::timestamptz`;
  return { today: r?.today ?? 0, week: r?.week ?? 0, avgDurationSec: r?.avg == null ? null : Math.round(r.avg) };
}

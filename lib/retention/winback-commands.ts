import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { nextBestOfferLateral } from "@/lib/scoring/offers";
import {
  assignWinBackInput,
  WINBACK_DUE_MAX_DAYS,
  type AssignWinBackInput,
  type AssignWinBackResult,
  type WinBackLeftOut,
} from "@/lib/retention/winback-schemas";

// Win-back (issue 23, docs/care.md "Win-back"): customers ticked on the retention list get an
// owner — an agent — and a care_task of kind WIN_BACK due on a day, with a note. The owner works it
// from /care (lib/care, the care engineer's) and records the outcome there: RETAINED with the offer
// picked, LOST or NOT_REACHABLE; the value page reads the rates (winback-queries.ts).
//
// Who: care:assign on the retention list (retention:read) — supervisors for their own team's
// agents, managers for any agent; an owner outside the actor's reach is "not found".
// One INSERT … SELECT for the whole selection. A customer has at most one OPEN win-back (the
// partial unique index care_task_open_winback_key): ticking one again, or two people assigning at
// once, leaves the existing task alone (ON CONFLICT DO NOTHING) and says so. The task carries the
// customer's next-best offer at assignment (offer_rule_id: the offer to make; the outcome replaces
// it with the one the customer took), so rates per offer count every proposal, kept or lost.

const DAY = 86_400_000;

/** Today in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function assignWinBack(actor: Actor, raw: AssignWinBackInput, now = new Date()): Promise<AssignWinBackResult> {
  assertCan(actor, "retention:read");
  assertCan(actor, "care:assign");
  const input = assignWinBackInput.parse(raw);
  const today = shanghaiDay(now);
  if (input.dueOn < today) throw new ValidationError({ dueOn: "winbackDueInPast" });
  if (input.dueOn > shanghaiDay(new Date(now.getTime() + WINBACK_DUE_MAX_DAYS * DAY))) throw new ValidationError({ dueOn: "winbackDueTooFar" });
  const ids = [...new Set(input.customerIds)];
  const anyTeam = actor.role === "MANAGER";
  return db.$transaction(async (tx) => {
    // The owner: an active agent with a team, within the actor's reach (another team's: not found).
    const [owner] = await tx.$queryRaw<Array<{ id: number; team_id: number }>>`
      SELECT u.id, u.team_id FROM app_user u
      WHERE u.id = ${input.ownerId} AND u.role = 'AGENT' AND u.is_active AND u.team_id IS NOT NULL
        AND (${anyTeam} OR u.team_id = ${actor.teamId ?? -1}::int)`;
    if (!owner) throw new NotFoundError("owner");
    const reasons = await tx.$queryRaw<Array<{ id: number; reason: WinBackLeftOut | null }>>`
      SELECT x.id, CASE WHEN c.id IS NULL THEN 'notFound' WHEN c.status = 'CHURNED' THEN 'churned'
        WHEN EXISTS (SELECT 1 FROM care_task t WHERE t.customer_id = c.id AND t.kind = 'WIN_BACK' AND t.status = 'OPEN') THEN 'alreadyOpen' END AS reason
      FROM unnest(${ids}::int[]) AS x(id) LEFT JOIN customer c ON c.id = x.id`;
    const created = await tx.$queryRaw<Array<{ id: bigint; customer_id: number }>>`
      INSERT INTO care_task (customer_id, kind, team_id, assignee_id, due_on, note, offer_rule_id, created_by_id, created_at)
      SELECT c.id, 'WIN_BACK', ${owner.team_id}::int, ${owner.id}::int, ${input.dueOn}::date, ${input.note},
             (SELECT o.id FROM offer_rule o WHERE o.code = nbo.offer_code), ${actor.id > 0 ? actor.id : null}::int, ${now}::timestamptz
      FROM customer c
      LEFT JOIN customer_score s ON s.customer_id = c.id
      ${nextBestOfferLateral(now)}
      WHERE c.id = ANY (${ids}::int[]) AND c.status <> 'CHURNED'
      ORDER BY c.id
      ON CONFLICT (customer_id) WHERE kind = 'WIN_BACK' AND status = 'OPEN' DO NOTHING
      RETURNING id, customer_id`;
    const done = new Set(created.map((r) => r.customer_id));
    const leftOut: AssignWinBackResult["leftOut"] = {};
    for (const r of reasons) {
      if (done.has(r.id)) continue;
      // Qualified a moment ago but not taken: someone else's assignment came first.
      const why = r.reason ?? "alreadyOpen";
      leftOut[why] = (leftOut[why] ?? 0) + 1;
    }
    await recordAudit(tx, actor, {
      action: "winBack.assigned",
      entity: "user",
      entityId: owner.id,
      data: {
        ownerId: owner.id,
        teamId: owner.team_id,
        dueOn: input.dueOn,
        note: input.note,
        assigned: created.length,
        customerIds: created.map((r) => r.customer_id),
        taskIds: created.map((r) => Number(r.id)),
        leftOut,
      } satisfies Prisma.InputJsonValue,
    });
    return { assigned: created.length, leftOut };
  });
}

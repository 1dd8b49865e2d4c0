// The supervisor's day (issue #20): the landing queue and its counts, a member's queue from the
// team page (team scope), the team's load figures, notifications read on viewing and grouped.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { countComplaintQueues, listComplaintQueue } from "@/lib/complaints/queries";
import { markComplaintNotificationsRead, markNotificationsRead, viewNotifications } from "@/lib/complaints/notifications";
import { defaultQueue, type QueueName } from "@/lib/complaints/schemas";
import { runSlaScan } from "@/lib/complaints/sla-scan";
import { getTeamMember, getTeamOverview } from "@/lib/teams/queries";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { createComplaint } from "@/tests/factories/complaints";
import { createCustomer } from "@/tests/factories/customers";
import { createAgent, createTeam, createUser } from "@/tests/factories/staff";
import { actorFor } from "./helpers";

let sup: Actor, a1: Actor, a2: Actor, otherAgent: Actor, otherSup: Actor, manager: Actor;
let teamId: number;
/** a1: one breached, one fresh (due within the hour: at risk); one owned by a1 and handed to a2. */
let breachedId: number, freshId: number, delegatedId: number, otherTeamComplaintId: number;

beforeAll(async () => {
  teamId = (await createTeam()).id;
  const otherTeam = (await createTeam()).id;
  [sup, a1, a2, otherAgent, otherSup] = (
    await Promise.all([
      createUser({ role: "SUPERVISOR", teamId }),
      createAgent({ teamId }),
      createAgent({ teamId }),
      createAgent({ teamId: otherTeam }),
      createUser({ role: "SUPERVISOR", teamId: otherTeam }),
    ])
  ).map((u) => u.actor);
  manager = await actorFor("manager1");
  const hourAgo = new Date(Date.now() - 60 * 60_000);
  breachedId = (await createComplaint({ actor: a1, now: hourAgo })).id;
  await runSlaScan(new Date());
  freshId = (await createComplaint({ actor: a1 })).id;
  const delegated = await createComplaint({ actor: a1 });
  await db.complaint.update({ where: { id: delegated.id }, data: { assigneeId: a2.id } });
  delegatedId = delegated.id;
  otherTeamComplaintId = (await createComplaint({ actor: otherAgent })).id;
  // Contacts: two by a1 today, one by a1 eight days ago (outside the week), one by a2 today.
  const { customer } = await createCustomer();
  const contact = (agentId: number, occurredAt: Date) =>
    db.interaction.create({
      data: { customerId: customer.id, channel: "HOTLINE", direction: "INBOUND", disposition: "RESOLVED", agentId, durationSec: 120, occurredAt },
    });
  await Promise.all([
    contact(a1.id, new Date()),
    contact(a1.id, new Date()),
    contact(a1.id, new Date(Date.now() - 8 * 86_400_000)),
    contact(a2.id, new Date()),
  ]);
});

async function walk(actor: Actor, input: { queue: QueueName; agentId?: number }): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await listComplaintQueue(actor, { ...input, cursor, limit: 100 });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe("landing queue and counts", () => {
  test("a supervisor lands on the team's queue, an agent on their own, a manager on the breached", () => {
    expect(defaultQueue("SUPERVISOR")).toBe("team");
    expect(defaultQueue("AGENT")).toBe("mine");
    expect(defaultQueue("MANAGER")).toBe("breached");
  });

  test("each tab's count is the size of its queue, in the actor's scope", async () => {
    for (const actor of [sup, a1, a2]) {
      const counts = await countComplaintQueues(actor);
      for (const q of ["mine", "team", "unassigned", "breachingSoon", "breached"] as const) {
        expect.soft(counts[q], `${actor.username} ${q}`).toBe((await walk(actor, { queue: q })).length);
      }
    }
    const s = await countComplaintQueues(sup);
    expect(s.team).toBe(3);
    expect(s.mine).toBe(0);
    expect(s.breached).toBe(1);
    const a = await countComplaintQueues(a1);
    expect(a.mine).toBe(3); // two handled, one owned and delegated
    expect((await countComplaintQueues(otherSup)).team).toBe(1);
  });
});

describe("a member's queue from the team page", () => {
  test("the supervisor sees what the agent handles and what they own and delegated", async () => {
    expect((await walk(sup, { queue: "mine", agentId: a1.id })).sort()).toEqual([breachedId, freshId, delegatedId].sort());
    expect(await walk(sup, { queue: "mine", agentId: a2.id })).toEqual([delegatedId]);
    // A manager may open anyone's queue.
    expect(await walk(manager, { queue: "mine", agentId: otherAgent.id })).toEqual([otherTeamComplaintId]);
  });

  test("an agent of another team is not found for the supervisor; an agent may not open a colleague's queue", async () => {
    await expect(listComplaintQueue(sup, { queue: "mine", agentId: otherAgent.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTeamMember(sup, otherAgent.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTeamMember(sup, 2_000_000_000)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listComplaintQueue(otherSup, { queue: "mine", agentId: a1.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listComplaintQueue(a2, { queue: "mine", agentId: a1.id })).rejects.toBeInstanceOf(ForbiddenError);
    // Their own id is their own queue.
    expect(await walk(a2, { queue: "mine", agentId: a2.id })).toEqual([delegatedId]);
  });
});

describe("team figures", () => {
  test("open load, at risk, breached and contacts per member, in one read", async () => {
    const team = await getTeamOverview(sup, teamId);
    const row = (id: number) => team.members.find((m) => m.id === id)!;
    expect(row(a1.id)).toMatchObject({ open: 3, breached: 1, today: 2, week: 2 });
    // The fresh and the delegated complaints are due within the hour (15-minute first response).
    expect(row(a1.id).atRisk).toBe(2);
    expect(row(a2.id)).toMatchObject({ open: 1, atRisk: 1, breached: 0, today: 1, week: 1, avgDurationSec: 120 });
    expect(row(sup.id)).toMatchObject({ open: 0, atRisk: 0, breached: 0, today: 0 });
    // A member's figures equal what their queue shows.
    expect(row(a1.id).open).toBe((await walk(sup, { queue: "mine", agentId: a1.id })).length);
    // The manager sees the same figures; another team's supervisor gets not-found.
    expect((await getTeamOverview(manager, teamId)).members.find((m) => m.id === a1.id)).toMatchObject({ open: 3, breached: 1 });
    await expect(getTeamOverview(otherSup, teamId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTeamOverview(a1, teamId)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("notifications", () => {
  test("viewing marks what is shown read, grouped by complaint, newest first; older pages by keyset", async () => {
    const at = (min: number) => new Date(Date.now() - min * 60_000);
    await db.notification.deleteMany({ where: { userId: sup.id } });
    await db.notification.createMany({
      data: [
        { userId: sup.id, kind: "complaint.atRisk", complaintId: freshId, createdAt: at(50) },
        { userId: sup.id, kind: "complaint.escalated", complaintId: breachedId, data: { level: 2 }, createdAt: at(40) },
        { userId: sup.id, kind: "complaint.atRisk", complaintId: breachedId, createdAt: at(30) },
        { userId: sup.id, kind: "complaint.assigned", complaintId: freshId, createdAt: at(20) },
        { userId: sup.id, kind: "complaint.major", complaintId: breachedId, createdAt: at(10) },
        // Someone else's: never read by the supervisor's viewing.
        { userId: a1.id, kind: "complaint.atRisk", complaintId: freshId, createdAt: at(10) },
      ],
    });
    const first = await viewNotifications(sup, { limit: 3 });
    expect(first.groups.map((g) => [g.complaintId, g.items.map((i) => i.kind)])).toEqual([
      [breachedId, ["complaint.major", "complaint.atRisk"]],
      [freshId, ["complaint.assigned"]],
    ]);
    expect(first.groups.flatMap((g) => g.items).every((i) => i.isNew)).toBe(true);
    expect(first.unreadLeft).toBe(2); // the two older ones, not shown yet
    // Seen now: shown again, they are no longer new.
    const again = await viewNotifications(sup, { limit: 3 });
    expect(again.groups.flatMap((g) => g.items).some((i) => i.isNew)).toBe(false);
    const older = await viewNotifications(sup, { limit: 3, cursor: first.nextCursor });
    expect(older.groups.map((g) => g.complaintId)).toEqual([breachedId, freshId]);
    expect(older.groups.flatMap((g) => g.items).every((i) => i.isNew)).toBe(true);
    expect(older.nextCursor).toBeNull();
    expect(older.unreadLeft).toBe(0);
    expect(await db.notification.count({ where: { userId: a1.id, readAt: null } })).toBeGreaterThan(0);
  });

  test("opening a complaint reads its notifications only; mark all reads only the actor's", async () => {
    await db.notification.createMany({
      data: [
        { userId: sup.id, kind: "complaint.atRisk", complaintId: freshId },
        { userId: sup.id, kind: "complaint.atRisk", complaintId: breachedId },
        { userId: a1.id, kind: "complaint.assigned", complaintId: freshId },
      ],
    });
    expect(await markComplaintNotificationsRead(sup, freshId)).toBe(1);
    expect(await db.notification.count({ where: { userId: sup.id, readAt: null } })).toBe(1);
    expect(await db.notification.count({ where: { userId: a1.id, complaintId: freshId, readAt: null } })).toBeGreaterThanOrEqual(1);
    expect(await markComplaintNotificationsRead(sup, -1)).toBe(0);
    const before = await db.notification.count({ where: { userId: a1.id, readAt: null } });
    expect(await markNotificationsRead(sup, "all")).toBe(1);
    expect(await db.notification.count({ where: { userId: sup.id, readAt: null } })).toBe(0);
    expect(await db.notification.count({ where: { userId: a1.id, readAt: null } })).toBe(before);
  });
});

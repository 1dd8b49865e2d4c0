import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { assignWinBack, shanghaiDay } from "@/lib/retention/winback-commands";
import { getRetentionRates, getWinBackStatus, listWinBackOwners } from "@/lib/retention/winback-queries";
import { z } from "zod";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { createCustomer } from "@/tests/factories/customers";
import { createAgent, createTeam } from "@/tests/factories/staff";
import { actorFor } from "./helpers";
import { fingerprint, lastAuditId, auditRowsSince } from "./security/db-fingerprint";

// Win-back (issue 23): assignWinBack from the retention list, each customer's win-back on the list,
// and the retention rates per owner and per offer on the value page. Outcomes are recorded by the
// care list (lib/care, another module): here they are set in SQL, as that command leaves them.

const DAY = 86_400_000;
let manager: Actor, supervisor1: Actor, agent1: Actor, admin: Actor;
let ownAgent: number, otherAgent: number, otherTeam: number;
const today = shanghaiDay(new Date());
const inDays = (k: number) => shanghaiDay(new Date(Date.now() + k * DAY));

beforeAll(async () => {
  [manager, supervisor1, agent1, admin] = await Promise.all(["manager1", "supervisor1", "agent1", "admin1"].map(actorFor));
  ownAgent = (await createAgent({ teamId: supervisor1.teamId! })).user.id;
  otherTeam = (await createTeam()).id;
  otherAgent = (await createAgent({ teamId: otherTeam })).user.id;
});

async function customers(n: number, status: "ACTIVE" | "CHURNED" = "ACTIVE") {
  return Promise.all(
    Array.from({ length: n }, async () => (await createCustomer({ status, churnedAt: status === "CHURNED" ? new Date() : null })).customer.id),
  );
}

describe("assignWinBack", () => {
  test("a supervisor gives their team's agent a win-back per customer: one task each, the owner's team, the due day, the note, audited", async () => {
    const ids = await customers(3);
    const [churned] = await customers(1, "CHURNED");
    const before = await lastAuditId();
    const r = await assignWinBack(supervisor1, {
      ownerId: ownAgent,
      dueOn: inDays(2),
      note: "合约到期，先了解续约意向",
      customerIds: [...ids, churned, 2_000_000_000],
    });
    expect(r).toEqual({ assigned: 3, leftOut: { churned: 1, notFound: 1 } });
    const tasks = await db.careTask.findMany({ where: { customerId: { in: ids } }, orderBy: { customerId: "asc" } });
    expect(tasks).toHaveLength(3);
    for (const t of tasks)
      expect(t).toMatchObject({
        kind: "WIN_BACK",
        status: "OPEN",
        assigneeId: ownAgent,
        teamId: supervisor1.teamId,
        createdById: supervisor1.id,
        note: "合约到期，先了解续约意向",
        outcome: null,
      });
    expect(tasks[0].dueOn.toISOString().slice(0, 10)).toBe(inDays(2));
    expect(await db.careTask.count({ where: { customerId: churned } })).toBe(0);
    const audit = await db.auditLog.findMany({ where: { id: { gt: before } } });
    expect(audit.map((a) => a.action)).toEqual(["winBack.assigned"]);
    expect(audit[0]).toMatchObject({ entity: "user", entityId: String(ownAgent), actorId: supervisor1.id });
    expect((audit[0].data as { customerIds: number[] }).customerIds.sort()).toEqual([...ids].sort());

    // Ticked again while open: no duplicate, said so.
    expect(await assignWinBack(manager, { ownerId: otherAgent, dueOn: today, customerIds: ids })).toEqual({ assigned: 0, leftOut: { alreadyOpen: 3 } });
    expect(await db.careTask.count({ where: { customerId: { in: ids }, kind: "WIN_BACK" } })).toBe(3);
  });

  test("once the win-back is done, the customer can get a new one", async () => {
    const [id] = await customers(1);
    await assignWinBack(supervisor1, { ownerId: ownAgent, dueOn: today, customerIds: [id] });
    await db.$executeRaw`UPDATE care_task SET status = 'DONE', outcome = 'LOST', done_at = now(), done_by_id = ${ownAgent} WHERE customer_id = ${id}`;
    expect((await assignWinBack(supervisor1, { ownerId: ownAgent, dueOn: today, customerIds: [id] })).assigned).toBe(1);
    expect(await db.careTask.count({ where: { customerId: id, kind: "WIN_BACK" } })).toBe(2);
  });

  test("two people assigning the same customers at once make one task each", async () => {
    const ids = await customers(4);
    const [a, b] = await Promise.all([
      assignWinBack(supervisor1, { ownerId: ownAgent, dueOn: today, customerIds: ids }),
      assignWinBack(manager, { ownerId: otherAgent, dueOn: today, customerIds: ids }),
    ]);
    expect(a.assigned + b.assigned).toBe(4);
    expect((a.leftOut.alreadyOpen ?? 0) + (b.leftOut.alreadyOpen ?? 0)).toBe(4);
    expect(await db.careTask.count({ where: { customerId: { in: ids }, kind: "WIN_BACK", status: "OPEN" } })).toBe(4);
  });

  test("a manager may give any team's agent a win-back; the task joins that agent's team", async () => {
    const [id] = await customers(1);
    expect((await assignWinBack(manager, { ownerId: otherAgent, dueOn: inDays(5), customerIds: [id] })).assigned).toBe(1);
    expect(await db.careTask.findFirstOrThrow({ where: { customerId: id } })).toMatchObject({
      assigneeId: otherAgent,
      teamId: otherTeam,
      createdById: manager.id,
    });
  });

  test("who may not: another team's agent is not found, agents and admins are forbidden — nothing changed, no audit row", async () => {
    const [id] = await customers(1);
    const fp = await fingerprint();
    const audit = await lastAuditId();
    await expect(assignWinBack(supervisor1, { ownerId: otherAgent, dueOn: today, customerIds: [id] })).rejects.toBeInstanceOf(NotFoundError);
    // Not an agent (a supervisor), or no such user: not found either.
    await expect(assignWinBack(manager, { ownerId: supervisor1.id, dueOn: today, customerIds: [id] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(assignWinBack(manager, { ownerId: 2_000_000_000, dueOn: today, customerIds: [id] })).rejects.toBeInstanceOf(NotFoundError);
    for (const who of [agent1, admin])
      await expect(assignWinBack(who, { ownerId: ownAgent, dueOn: today, customerIds: [id] })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await fingerprint()).toEqual(fp);
    expect(await auditRowsSince(audit)).toEqual([]);
  });

  test.each([
    [{ dueOn: shanghaiDay(new Date(Date.now() - DAY)) }, "dueOn", "winbackDueInPast"],
    [{ dueOn: inDays(120) }, "dueOn", "winbackDueTooFar"],
    [{ dueOn: "2026-02-30" }, "dueOn", undefined],
    [{ note: "字".repeat(501) }, "note", undefined],
    [{ customerIds: [] }, "customerIds", undefined],
    [{ ownerId: "" }, "ownerId", undefined],
  ])("bad input %j → a validation error on %s", async (patch, field, key) => {
    const [id] = await customers(1);
    const thrown = await assignWinBack(supervisor1, { ownerId: ownAgent, dueOn: today, customerIds: [id], ...patch } as never).catch((x) => x);
    // A lib function's own schema throws a ZodError; the action pipeline reads it as this ValidationError.
    const e = thrown instanceof z.ZodError ? validationErrorFromZod(thrown) : thrown;
    expect(e).toBeInstanceOf(ValidationError);
    expect(Object.keys((e as ValidationError).fields ?? {})).toContain(field);
    if (key) expect((e as ValidationError).fields?.[field]).toBe(key);
    expect(await db.careTask.count({ where: { customerId: id } })).toBe(0);
  });

  test("owners: a supervisor's own team's active agents; a manager's, every team's", async () => {
    const sup = await listWinBackOwners(supervisor1);
    expect(sup.map((o) => o.id)).toContain(ownAgent);
    expect(sup.map((o) => o.id)).not.toContain(otherAgent);
    expect(sup.every((o) => o.teamId === supervisor1.teamId)).toBe(true);
    expect((await listWinBackOwners(manager)).map((o) => o.id)).toEqual(expect.arrayContaining([ownAgent, otherAgent]));
    await expect(listWinBackOwners(agent1)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the retention list's win-back column and the retention rates", () => {
  test("each customer's win-back: the open one, else the latest with its outcome", async () => {
    const [a, b, none] = await customers(3);
    await assignWinBack(supervisor1, { ownerId: ownAgent, dueOn: inDays(1), customerIds: [a, b] });
    await db.$executeRaw`UPDATE care_task SET status = 'DONE', outcome = 'RETAINED', done_at = now(), done_by_id = ${ownAgent} WHERE customer_id = ${b}`;
    const m = await getWinBackStatus(supervisor1, [a, b, none]);
    expect(m.get(a)).toMatchObject({ status: "OPEN", outcome: null, dueOn: inDays(1) });
    expect(m.get(b)).toMatchObject({ status: "DONE", outcome: "RETAINED" });
    expect(m.get(a)?.ownerName).toBeTruthy();
    expect(m.has(none)).toBe(false);
    await expect(getWinBackStatus(agent1, [a])).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("rates per owner and per offer over the period: retained ÷ (retained + lost + not reachable)", async () => {
    const owner1 = (await createAgent({ teamId: otherTeam })).user.id;
    const owner2 = (await createAgent({ teamId: otherTeam })).user.id;
    const [offerA, offerB] = await db.offerRule.findMany({ orderBy: { id: "asc" }, take: 2 });
    const ids = await customers(8);
    // Far in the past (a period of its own, so the seeded history does not count): 2026-01-10.
    const at = new Date("2026-01-10T04:00:00Z");
    const rows: Array<[number, number, string, number | null]> = [
      [ids[0], owner1, "RETAINED", offerA.id],
      [ids[1], owner1, "RETAINED", offerB.id],
      [ids[2], owner1, "LOST", offerA.id],
      [ids[3], owner1, "NOT_REACHABLE", offerA.id],
      [ids[4], owner2, "RETAINED", offerA.id],
      [ids[5], owner2, "LOST", null],
    ];
    for (const [c, o, outcome, offer] of rows)
      await db.$executeRaw`INSERT INTO care_task (customer_id, kind, team_id, assignee_id, due_on, status, outcome, offer_rule_id, done_by_id, done_at, created_at)
        VALUES (${c}, 'WIN_BACK', ${otherTeam}, ${o}, '2026-01-08', 'DONE', ${outcome}::"CareOutcome", ${offer}, ${o}, ${at}, ${at})`;
    // Outside the period (done the day after) and still open: not counted.
    await db.$executeRaw`INSERT INTO care_task (customer_id, kind, team_id, assignee_id, due_on, status, outcome, done_at, created_at)
      VALUES (${ids[6]}, 'WIN_BACK', ${otherTeam}, ${owner1}, '2026-01-08', 'DONE', 'RETAINED', '2026-01-11T01:00:00Z', ${at})`;
    await db.$executeRaw`INSERT INTO care_task (customer_id, kind, team_id, assignee_id, due_on, created_at) VALUES (${ids[7]}, 'WIN_BACK', ${otherTeam}, ${owner1}, '2026-01-08', ${at})`;

    const r = await getRetentionRates(manager, { from: "2026-01-10", to: "2026-01-10" });
    expect(r.total).toMatchObject({ done: 6, retained: 3, lost: 2, notReachable: 1, rate: 0.5 });
    const o1 = r.byOwner.find((x) => x.key === owner1)!;
    expect(o1).toMatchObject({ done: 4, retained: 2, lost: 1, notReachable: 1, rate: 0.5 });
    expect(o1.nameZh).toMatch(/测试用户/);
    expect(r.byOwner.find((x) => x.key === owner2)).toMatchObject({ done: 2, retained: 1, lost: 1, rate: 0.5 });
    expect(r.byOffer.find((x) => x.key === offerA.id)).toMatchObject({ done: 4, retained: 2, lost: 1, notReachable: 1, rate: 0.5, nameEn: offerA.nameEn });
    expect(r.byOffer.find((x) => x.key === offerB.id)).toMatchObject({ done: 1, retained: 1, rate: 1 });
    expect(r.byOffer.find((x) => x.key === null)).toMatchObject({ done: 1, lost: 1, rate: 0 });
    // The next day holds the late one only.
    expect((await getRetentionRates(manager, { from: "2026-01-11", to: "2026-01-11" })).total).toMatchObject({ done: 1, retained: 1, rate: 1 });

    for (const who of [supervisor1, agent1])
      await expect(getRetentionRates(who, { from: "2026-01-10", to: "2026-01-10" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getRetentionRates(manager, { from: "2026-01-11", to: "2026-01-10" })).rejects.toBeInstanceOf(z.ZodError);
  });
});

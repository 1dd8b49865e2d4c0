// Issue 21: routing. Intake routes complex and major complaints (and general ones where the category
// says so) round-robin to an on-shift agent with the category's skills and free capacity, else to
// the team queue, with the reason on the timeline; supervisors set their own team's agents, admins
// everyone's; the escalation ladder is edited as a whole and the SLA scan climbs any number of levels.
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { openComplaint } from "@/lib/complaints/intake";
import { runSlaScan } from "@/lib/complaints/sla-scan";
import { restoreAgentProfile, restoreCategoryRouting, updateAgentProfile, updateCategoryRouting } from "@/lib/routing/commands";
import { getEscalationLadder, restoreEscalationLadder, updateEscalationLadder } from "@/lib/routing/escalation";
import { getTeamRouting } from "@/lib/routing/queries";
import { toActionError } from "@/lib/shared/action-result";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";
import { createAgent, createTeam, createUser } from "@/tests/factories/staff";
import { uniqueNumber } from "@/tests/factories/db";

let admin1: Actor;
let customerId: number;
let officeCalendarId: number;

beforeAll(async () => {
  admin1 = await actorFor("admin1");
  customerId = (await createCustomer()).customer.id;
  officeCalendarId = (await db.businessCalendarDef.findUniqueOrThrow({ where: { code: "OFFICE" } })).id;
});

/** A category of its own with a skill nobody else has, so the demo agents never compete. */
async function skilledCategory(extra: { autoRouteGeneral?: boolean } = {}) {
  const n = uniqueNumber();
  const skill = `sk${n}`;
  const category = await db.complaintCategory.create({
    data: { code: `RT_${n}`, nameZh: `派单测试${n}`, nameEn: `Routing test ${n}`, skillTags: [skill], ...extra },
  });
  return { skill, categoryId: category.id };
}

const open = (actor: Actor, categoryId: number, grade: "GENERAL" | "COMPLEX" | "MAJOR" = "COMPLEX", now?: Date) =>
  openComplaint(actor, { customerId, channel: "HOTLINE", categoryId, grade, summary: "派单", details: "", idempotencyKey: randomUUID() }, null, now);

const complaint = (id: number) => db.complaint.findUniqueOrThrow({ where: { id } });
async function routedEvent(id: number) {
  const c = await db.complaintComment.findFirst({ where: { complaintId: id, kind: "SYSTEM", body: { contains: '"event":"routed"' } } });
  return c ? (JSON.parse(c.body) as { outcome: string; to: number | null; toName: string | null; skills: string[] }) : null;
}

describe("intake routing", () => {
  test("a complex complaint goes to the skilled on-shift agent with room — the intake team first — with the reason, a notice and an audit row", async () => {
    const { skill, categoryId } = await skilledCategory();
    const teamA = await createTeam();
    const teamB = await createTeam();
    const intake = await createAgent({ teamId: teamA.id, profile: { skills: [skill] } });
    const other = await createAgent({ teamId: teamB.id, profile: { skills: [skill] } });
    // Only another team has the skill (the intake agent never routes to themselves): it crosses over.
    const r = await open(intake.actor, categoryId);
    const c = await complaint(r.id);
    expect(c).toMatchObject({ ownerId: intake.user.id, assigneeId: other.user.id, teamId: teamB.id });
    expect(await routedEvent(r.id)).toMatchObject({ outcome: "assigned", to: other.user.id, skills: [skill] });
    expect(await db.notification.count({ where: { complaintId: r.id, userId: other.user.id, kind: "complaint.assigned" } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "complaint.routed", entityId: String(r.id) } })).toBe(1);
    expect((await db.agentProfile.findUniqueOrThrow({ where: { userId: other.user.id } })).lastAssignedAt).not.toBeNull();
    // A colleague in the intake team with the skill is preferred to the other team.
    const mate = await createAgent({ teamId: teamA.id, profile: { skills: [skill, "extra"] } });
    const r2 = await open(intake.actor, categoryId);
    expect(await complaint(r2.id)).toMatchObject({ assigneeId: mate.user.id, teamId: teamA.id });
  });

  test("round-robin: the agent assigned longest ago goes first", async () => {
    const { skill, categoryId } = await skilledCategory();
    const team = await createTeam();
    const intake = await createAgent({ teamId: team.id });
    const a = await createAgent({ teamId: team.id, profile: { skills: [skill] } });
    const b = await createAgent({ teamId: team.id, profile: { skills: [skill] } });
    const picks = [];
    for (let i = 0; i < 4; i++) picks.push((await complaint((await open(intake.actor, categoryId, "MAJOR")).id)).assigneeId);
    expect(picks).toEqual([a.user.id, b.user.id, a.user.id, b.user.id]);
  });

  test("nobody with room → the team queue, 'all at capacity'; nobody skilled, unavailable or off shift → the team queue, 'none on shift'", async () => {
    const { skill, categoryId } = await skilledCategory();
    const team = await createTeam();
    const intake = await createAgent({ teamId: team.id });
    const full = await createAgent({ teamId: team.id, profile: { skills: [skill], capacity: 0 } });
    const r = await open(intake.actor, categoryId);
    expect(await complaint(r.id)).toMatchObject({ assigneeId: null, teamId: team.id });
    expect(await routedEvent(r.id)).toMatchObject({ outcome: "allAtCapacity", to: null });
    expect(await db.auditLog.count({ where: { action: "complaint.routed", entityId: String(r.id) } })).toBe(1);

    await db.agentProfile.update({ where: { userId: full.user.id }, data: { capacity: 5, isAvailable: false } });
    const r2 = await open(intake.actor, categoryId);
    expect(await complaint(r2.id)).toMatchObject({ assigneeId: null });
    expect(await routedEvent(r2.id)).toMatchObject({ outcome: "noneOnShift" });

    // Available again, but the team works office hours and it is Sunday noon in Shanghai.
    await db.agentProfile.update({ where: { userId: full.user.id }, data: { isAvailable: true } });
    await db.team.update({ where: { id: team.id }, data: { calendarId: officeCalendarId } });
    const sunday = new Date("2026-11-22T04:00:00Z");
    const r3 = await open(intake.actor, categoryId, "COMPLEX", sunday);
    expect(await complaint(r3.id)).toMatchObject({ assigneeId: null });
    expect(await routedEvent(r3.id)).toMatchObject({ outcome: "noneOnShift" });
    // Monday 10:00 in Shanghai: on shift, routed; the clocks count in the team's calendar.
    const monday = new Date("2026-11-23T02:00:00Z");
    const r4 = await open(intake.actor, categoryId, "COMPLEX", monday);
    expect(await complaint(r4.id)).toMatchObject({ assigneeId: full.user.id, calendarId: officeCalendarId });
  });

  test("a team's own calendar sets the clocks: a complaint left with a team on office hours counts office time", async () => {
    const { categoryId } = await skilledCategory();
    const team = await createTeam({ calendarId: officeCalendarId });
    const intake = await createAgent({ teamId: team.id });
    // Friday 17:50 Shanghai: 10 office minutes left today, then Monday 09:00 (the seeded general row: 15 min first response).
    const r = await open(intake.actor, categoryId, "GENERAL", new Date("2026-11-20T09:50:00Z"));
    const c = await complaint(r.id);
    expect(c).toMatchObject({ assigneeId: intake.user.id, calendarId: officeCalendarId, firstResponseMin: 15 });
    expect(c.firstResponseDueAt?.toISOString()).toBe("2026-11-23T01:05:00.000Z");
  });

  test("general complaints stay with the intake agent unless the category routes them", async () => {
    const { skill, categoryId } = await skilledCategory();
    const team = await createTeam();
    const intake = await createAgent({ teamId: team.id });
    const skilled = await createAgent({ teamId: team.id, profile: { skills: [skill] } });
    const kept = await open(intake.actor, categoryId, "GENERAL");
    expect(await complaint(kept.id)).toMatchObject({ assigneeId: intake.user.id });
    expect(await routedEvent(kept.id)).toBeNull();
    const cat = await db.complaintCategory.findUniqueOrThrow({ where: { id: categoryId } });
    await updateCategoryRouting(admin1, { categoryId, routingVersion: cat.routingVersion, autoRouteGeneral: "on" });
    const routed = await open(intake.actor, categoryId, "GENERAL");
    expect(await complaint(routed.id)).toMatchObject({ assigneeId: skilled.user.id });
    expect(await routedEvent(routed.id)).toMatchObject({ outcome: "assigned" });
  });

  test("concurrency: parallel intakes at one free slot — exactly one takes it, the rest go to the queue", async () => {
    const { skill, categoryId } = await skilledCategory();
    const team = await createTeam();
    const intakes = await Promise.all(Array.from({ length: 3 }, () => createAgent({ teamId: team.id })));
    const target = await createAgent({ teamId: team.id, profile: { skills: [skill], capacity: 2 } });
    // One slot of two is taken already.
    await open(intakes[0].actor, categoryId);
    expect(await db.complaint.count({ where: { assigneeId: target.user.id } })).toBe(1);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => open(intakes[i % 3].actor, categoryId)));
    const rows = await db.complaint.findMany({ where: { id: { in: results.map((r) => r.id) } }, select: { assigneeId: true } });
    expect(rows.filter((r) => r.assigneeId === target.user.id)).toHaveLength(1);
    expect(rows.filter((r) => r.assigneeId === null)).toHaveLength(7);
    expect(await db.complaint.count({ where: { assigneeId: target.user.id } })).toBe(2);
  });
});

describe("skills and capacity", () => {
  test("a supervisor sets their own team's agent; revision and audit rows; a stale version conflicts", async () => {
    const team = await createTeam();
    const sup = await createUser({ role: "SUPERVISOR", teamId: team.id });
    const agent = await createAgent({ teamId: team.id });
    const before = await db.agentProfile.findUniqueOrThrow({ where: { userId: agent.user.id } });
    await updateAgentProfile(sup.actor, { userId: agent.user.id, version: before.version, "skill:billing": "on", "skill:network": "on", capacity: "7" });
    const after = await db.agentProfile.findUniqueOrThrow({ where: { userId: agent.user.id } });
    expect(after).toMatchObject({ skills: ["billing", "network"], capacity: 7, isAvailable: false, version: before.version + 1 });
    const revisions = await db.serviceStandardRevision.findMany({
      where: { entity: "agentProfile", entityKey: String(agent.user.id) },
      orderBy: { version: "asc" },
    });
    expect(revisions.map((r) => [r.version, r.data])).toEqual([
      [before.version, { skills: [], capacity: 20, isAvailable: true }],
      [before.version + 1, { skills: ["billing", "network"], capacity: 7, isAvailable: false }],
    ]);
    expect(await db.auditLog.count({ where: { action: "agentProfile.updated", entityId: String(agent.user.id), actorId: sup.user.id } })).toBe(1);
    await expect(
      updateAgentProfile(sup.actor, { userId: agent.user.id, version: before.version, skills: [], capacity: 1, isAvailable: true }),
    ).rejects.toBeInstanceOf(ConflictError);
    // The team page shows it.
    const view = await getTeamRouting(sup.actor, team.id);
    expect(view.agents.find((a) => a.userId === agent.user.id)).toMatchObject({
      skills: ["billing", "network"],
      capacity: 7,
      isAvailable: false,
      isOnShift: false,
    });
  });

  test("who may not: a supervisor of another team (not found), an agent and a manager (forbidden) — nothing changes, no audit", async () => {
    const team = await createTeam();
    const agent = await createAgent({ teamId: team.id });
    const otherSup = await createUser({ role: "SUPERVISOR", teamId: (await createTeam()).id });
    const manager = await actorFor("manager1");
    const row = await db.agentProfile.findUniqueOrThrow({ where: { userId: agent.user.id } });
    const input = { userId: agent.user.id, version: row.version, skills: ["billing"], capacity: 3, isAvailable: true };
    await expect(updateAgentProfile(otherSup.actor, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateAgentProfile(agent.actor, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateAgentProfile(manager, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getTeamRouting(otherSup.actor, team.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.agentProfile.findUniqueOrThrow({ where: { userId: agent.user.id } })).toEqual(row);
    expect(await db.auditLog.count({ where: { entity: "agentProfile", entityId: String(agent.user.id) } })).toBe(0);
  });

  test("admins set anyone; skills come from the categories' tags; the restorer puts a revision back as a new version", async () => {
    const agent = await createAgent({ teamId: (await createTeam()).id });
    const row = await db.agentProfile.findUniqueOrThrow({ where: { userId: agent.user.id } });
    const e = await updateAgentProfile(admin1, {
      userId: agent.user.id,
      version: row.version,
      skills: ["no-such-skill"],
      capacity: 3,
      isAvailable: true,
    }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields).toEqual({ skills: "unknownSkill" });
    await updateAgentProfile(admin1, { userId: agent.user.id, version: row.version, skills: ["porting"], capacity: 3, isAvailable: true });
    await db.$transaction((tx) => restoreAgentProfile(tx, admin1, String(agent.user.id), { skills: [], capacity: 20, isAvailable: true }));
    expect(await db.agentProfile.findUniqueOrThrow({ where: { userId: agent.user.id } })).toMatchObject({ skills: [], capacity: 20, version: row.version + 2 });
    expect(await db.serviceStandardRevision.count({ where: { entity: "agentProfile", entityKey: String(agent.user.id) } })).toBe(3);
    expect(await db.auditLog.count({ where: { action: "agentProfile.restored", entityId: String(agent.user.id) } })).toBe(1);
  });
});

describe("category routing setting", () => {
  test("admins only; version-checked; revisions; restorable", async () => {
    const { categoryId } = await skilledCategory();
    const sup = await actorFor("supervisor1");
    const cat = await db.complaintCategory.findUniqueOrThrow({ where: { id: categoryId } });
    await expect(updateCategoryRouting(sup, { categoryId, routingVersion: cat.routingVersion, autoRouteGeneral: true })).rejects.toBeInstanceOf(ForbiddenError);
    await updateCategoryRouting(admin1, { categoryId, routingVersion: cat.routingVersion, autoRouteGeneral: true });
    await expect(updateCategoryRouting(admin1, { categoryId, routingVersion: cat.routingVersion, autoRouteGeneral: false })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await db.serviceStandardRevision.count({ where: { entity: "categoryRouting", entityKey: cat.code } })).toBe(2);
    await db.$transaction((tx) => restoreCategoryRouting(tx, admin1, cat.code, { autoRouteGeneral: false }));
    expect(await db.complaintCategory.findUniqueOrThrow({ where: { id: categoryId } })).toMatchObject({
      autoRouteGeneral: false,
      routingVersion: cat.routingVersion + 2,
    });
  });
});

describe("escalation ladder", () => {
  let original: Awaited<ReturnType<typeof getEscalationLadder>>;
  beforeAll(async () => {
    original = await getEscalationLadder(admin1);
  });
  afterAll(async () => {
    const now = await getEscalationLadder(admin1);
    await updateEscalationLadder(admin1, { version: now.version, steps: original.steps });
  });

  test("admins add levels with their roles and delays; the SLA scan climbs all of them; order, version and role are checked", async () => {
    const sup = await actorFor("supervisor1");
    const ladder = await getEscalationLadder(admin1);
    const steps = [
      { notifyRole: "AGENT", delayMin: 0 },
      { notifyRole: "SUPERVISOR", delayMin: 10 },
      { notifyRole: "SUPERVISOR", delayMin: 30 },
      { notifyRole: "MANAGER", delayMin: 45 },
    ];
    await expect(updateEscalationLadder(sup, { version: ladder.version, steps })).rejects.toBeInstanceOf(ForbiddenError);
    const bad = await updateEscalationLadder(admin1, {
      version: ladder.version,
      steps: [steps[0], { notifyRole: "MANAGER", delayMin: 5 }, { notifyRole: "MANAGER", delayMin: 2 }],
    }).catch((x) => x);
    // What the form shows: the offending level's delay field, translated (errors.field.ladderOrder).
    expect(toActionError(bad)).toEqual({ ok: false, error: "validation", fields: { "steps.2.delayMin": "ladderOrder" } });
    const { version } = await updateEscalationLadder(admin1, { version: ladder.version, steps });
    expect(version).toBe(ladder.version + 1);
    await expect(updateEscalationLadder(admin1, { version: ladder.version, steps })).rejects.toBeInstanceOf(ConflictError);
    expect((await getEscalationLadder(admin1)).steps.map((s) => s.level)).toEqual([1, 2, 3, 4]);
    expect(await db.serviceStandardRevision.count({ where: { entity: "escalationLadder", entityKey: "ladder", version } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "escalationLadder.updated" } })).toBeGreaterThanOrEqual(1);

    // A breached complaint climbs the four levels as their delays pass.
    const team = await createTeam();
    const intake = await createAgent({ teamId: team.id });
    const { categoryId } = await skilledCategory();
    const opened = new Date("2030-01-07T02:00:00Z");
    const r = await open(intake.actor, categoryId, "GENERAL", opened);
    const due = (await complaint(r.id)).nextDueAt!;
    const at = (min: number) => new Date(due.getTime() + min * 60_000 + 1_000);
    await runSlaScan(at(0));
    expect((await complaint(r.id)).escalationLevel).toBe(1);
    await runSlaScan(at(31));
    expect((await complaint(r.id)).escalationLevel).toBe(3);
    await runSlaScan(at(46));
    expect((await complaint(r.id)).escalationLevel).toBe(4);

    // Restoring the earlier ladder is a new version.
    await db.$transaction((tx) => restoreEscalationLadder(tx, admin1, "ladder", { steps: ladder.steps }));
    const restored = await getEscalationLadder(admin1);
    expect(restored).toMatchObject({ version: version + 1, steps: ladder.steps });
  });
});

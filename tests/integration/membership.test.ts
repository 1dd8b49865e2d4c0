// Member grades (issue 23, docs/membership.md): the admin's ladder (validated, versioned, audited,
// in the configuration history), the monthly re-grading with its grace period (set-based over every
// customer: upgrade, grace started, grace cleared, downgrade after grace, churn, an idempotent
// re-run), the "Run now" job, and the benefits that act at intake: the better of value tier and
// grade picks the SLA cell, and a grade's hotline team takes the member's complaints.
import { describe, test, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { gradeMembers, requestGrading, getGradingJob } from "@/lib/membership/grading";
import { updateGradeDef, updateMembershipSettings } from "@/lib/membership/commands";
import { getCustomerMembership, listGradeLadder } from "@/lib/membership/queries";
import { restoreRevision } from "@/lib/config/restore";
import { openComplaint } from "@/lib/complaints/intake";
import { ConflictError, ForbiddenError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";
import { createAgent, createTeam } from "@/tests/factories/staff";
import { uniqueNumber } from "@/tests/factories/db";

let admin1: Actor, manager1: Actor, agent1: Actor;

beforeAll(async () => {
  [admin1, manager1, agent1] = await Promise.all(["admin1", "manager1", "agent1"].map(actorFor));
});

const month = (ym: string) => new Date(`${ym}-01T00:00:00Z`);
const membership = (customerId: number) => db.customerMembership.findUnique({ where: { customerId } });
const changes = (customerId: number) =>
  db.memberGradeChange.findMany({ where: { customerId }, orderBy: { id: "asc" }, select: { fromGrade: true, toGrade: true, reason: true } });
const gradeDef = (grade: "STANDARD" | "SILVER" | "GOLD" | "DIAMOND") => db.memberGradeDef.findUniqueOrThrow({ where: { grade } });
async function addBill(customerId: number, lineId: number, ym: string, total: number) {
  await db.bill.create({
    data: {
      lineId,
      customerId,
      month: month(ym),
      voiceCharge: 0,
      dataCharge: total,
      vasCharge: 0,
      otherCharge: 0,
      totalCharge: total,
      dataMb: 0,
      voiceMinutes: 0,
      smsCount: 0,
      paidOnTime: true,
    },
  });
}

// Periods after the demo seed's gradings (the job never re-grades a customer backwards). The default
// ladder: SILVER 600 ¥ / 6 months, GOLD 1,800 / 12, DIAMOND 4,800 / 24; grace 3 months.
describe("monthly re-grading", () => {
  test("joined, grace started, grace cleared, grace again, still in grace, downgraded; upgrade at once; churn drops at once; a re-run changes nothing", async () => {
    const joinedAt = new Date("2020-01-01T00:00:00Z");
    const x = await createCustomer({ joinedAt, bills: [{ month: month("2026-12"), total: 2000 }] });
    const y = await createCustomer({ joinedAt });
    const z = await createCustomer({ joinedAt, bills: [{ month: month("2026-12"), total: 1900 }] });
    const young = await createCustomer({ joinedAt: new Date("2027-01-15T00:00:00Z"), bills: [{ month: month("2027-01"), total: 9000 }] });

    const first = await gradeMembers("2027-02");
    expect(first.customers).toBeGreaterThanOrEqual(4);
    expect(await membership(x.customer.id)).toMatchObject({ grade: "GOLD", computedGrade: "GOLD", graceUntil: null, since: month("2027-02") });
    expect(Number((await membership(x.customer.id))!.spend12m)).toBe(2000);
    expect(await membership(y.customer.id)).toMatchObject({ grade: "STANDARD" });
    // 9,000 ¥ but no tenure yet (0 whole months): tenure is a threshold too.
    expect(await membership(young.customer.id)).toMatchObject({ grade: "STANDARD" });
    expect(await changes(x.customer.id)).toEqual([{ fromGrade: null, toGrade: "GOLD", reason: "JOINED" }]);

    // Y spends 5,000 ¥: DIAMOND at the next grading (36+ months of tenure). Z churns.
    await addBill(y.customer.id, y.line.id, "2027-05", 5000);
    await db.customer.update({ where: { id: z.customer.id }, data: { status: "CHURNED", churnedAt: month("2027-06") } });
    // 2028-01: X's 12-month window (2027-01..2027-12) no longer holds the 2026-12 bill → grace.
    await gradeMembers("2028-01");
    expect(await membership(x.customer.id)).toMatchObject({ grade: "GOLD", computedGrade: "STANDARD", graceUntil: month("2028-04") });
    expect(await membership(y.customer.id)).toMatchObject({ grade: "DIAMOND", since: month("2028-01"), graceUntil: null });
    expect(await membership(z.customer.id)).toMatchObject({ grade: "STANDARD", graceUntil: null });
    expect((await changes(y.customer.id)).at(-1)).toEqual({ fromGrade: "STANDARD", toGrade: "DIAMOND", reason: "UPGRADE" });
    expect((await changes(z.customer.id)).at(-1)).toEqual({ fromGrade: "GOLD", toGrade: "STANDARD", reason: "DOWNGRADE" });
    // The 360 reads it.
    expect(await getCustomerMembership(agent1, y.customer.id)).toMatchObject({ grade: "DIAMOND", graceUntil: null, since: "2028-01-01", spend12m: "5000.00" });

    // A re-run of the same month changes nothing.
    const before = await db.memberGradeChange.count();
    const again = await gradeMembers("2028-01");
    expect(again).toMatchObject({ joined: 0, upgraded: 0, downgraded: 0, graceStarted: 0, graceCleared: 0 });
    expect(await db.memberGradeChange.count()).toBe(before);
    expect(await membership(x.customer.id)).toMatchObject({ grade: "GOLD", graceUntil: month("2028-04") });

    // Back at GOLD during grace: cleared.
    await addBill(x.customer.id, x.line.id, "2028-01", 1900);
    await gradeMembers("2028-02");
    expect(await membership(x.customer.id)).toMatchObject({ grade: "GOLD", graceUntil: null });
    // Down again (2029-02: nothing billed in 2028-02..2029-01): a new grace period; still lower before it ends: kept.
    await gradeMembers("2029-02");
    expect(await membership(x.customer.id)).toMatchObject({ grade: "GOLD", graceUntil: month("2029-05") });
    await gradeMembers("2029-03");
    expect(await membership(x.customer.id)).toMatchObject({ grade: "GOLD", graceUntil: month("2029-05") });
    // The first re-grading on or after grace_until: dropped.
    await gradeMembers("2029-05");
    expect(await membership(x.customer.id)).toMatchObject({ grade: "STANDARD", computedGrade: "STANDARD", graceUntil: null, since: month("2029-05") });
    expect(await changes(x.customer.id)).toEqual([
      { fromGrade: null, toGrade: "GOLD", reason: "JOINED" },
      { fromGrade: "GOLD", toGrade: "STANDARD", reason: "GRACE_STARTED" },
      { fromGrade: "GOLD", toGrade: "GOLD", reason: "GRACE_CLEARED" },
      { fromGrade: "GOLD", toGrade: "STANDARD", reason: "GRACE_STARTED" },
      { fromGrade: "GOLD", toGrade: "STANDARD", reason: "DOWNGRADE" },
    ]);
    // An older month than a customer's last grading leaves them alone.
    await gradeMembers("2028-06");
    expect(await membership(x.customer.id)).toMatchObject({ grade: "STANDARD", gradedMonth: month("2029-05") });
  });

  test("a grace period of 0 months drops a lower grade at once", async () => {
    const c = await createCustomer({ joinedAt: new Date("2020-01-01T00:00:00Z"), bills: [{ month: month("2029-05"), total: 700 }] });
    await gradeMembers("2029-06");
    expect(await membership(c.customer.id)).toMatchObject({ grade: "SILVER" });
    const s = await db.appSetting.findUniqueOrThrow({ where: { key: "membership" } });
    const version = (s.value as { version: number }).version;
    await updateMembershipSettings(admin1, { expectedVersion: version, graceMonths: 0 });
    try {
      await gradeMembers("2030-07");
      expect(await membership(c.customer.id)).toMatchObject({ grade: "STANDARD", graceUntil: null });
      expect((await changes(c.customer.id)).at(-1)).toEqual({ fromGrade: "SILVER", toGrade: "STANDARD", reason: "DOWNGRADE" });
    } finally {
      await updateMembershipSettings(admin1, { expectedVersion: version + 1, graceMonths: 3 });
    }
  });

  test("Run now: a job row per month, re-queued when run again (same row); admins only", async () => {
    const { job, done } = await requestGrading(admin1, { period: "2031-01" });
    expect(job).toMatchObject({ period: "2031-01", status: "QUEUED" });
    await done;
    const finished = await getGradingJob(admin1, job.id);
    expect(finished.status).toBe("SUCCEEDED");
    expect(finished.stats).toMatchObject({ period: "2031-01", customers: expect.any(Number) });
    const rerun = await requestGrading(admin1, { period: "2031-01" });
    await rerun.done;
    expect(rerun.job.id).toBe(job.id);
    expect((await getGradingJob(admin1, job.id)).stats).toMatchObject({ joined: 0, upgraded: 0 });
    expect(await db.auditLog.count({ where: { action: "membership.gradingRequested", entityId: String(job.id) } })).toBe(2);
    const audits = await db.auditLog.count();
    await expect(requestGrading(manager1, { period: "2031-02" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requestGrading(agent1, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requestGrading(admin1, { period: "2031-13" })).rejects.toThrow();
    expect(await db.auditLog.count()).toBe(audits);
    expect(await db.loyaltyJob.count({ where: { period: "2031-02" } })).toBe(0);
  });
});

describe("the grade ladder", () => {
  test("a grade is saved with its version, audited and kept in the history; restoring a revision puts it back", async () => {
    const gold = await gradeDef("GOLD");
    const team = await createTeam();
    const { version } = await updateGradeDef(admin1, {
      grade: "GOLD",
      expectedVersion: gold.version,
      minSpend12m: 2000,
      minTenureMonths: 12,
      pointsMultiplier: 1.6,
      birthdayPoints: 350,
      hotlineTeamId: team.id,
    });
    expect(version).toBe(gold.version + 1);
    expect(await gradeDef("GOLD")).toMatchObject({ minTenureMonths: 12, birthdayPoints: 350, hotlineTeamId: team.id, version });
    expect(await db.auditLog.count({ where: { action: "memberGrade.updated", entityId: "GOLD" } })).toBe(1);
    const revisions = await db.serviceStandardRevision.findMany({ where: { entity: "memberGrade", entityKey: "GOLD" }, orderBy: { version: "asc" } });
    expect(revisions.map((r) => r.version)).toEqual([gold.version, version]);
    expect((await listGradeLadder(admin1)).find((g) => g.grade === "GOLD")).toMatchObject({
      minSpend12m: 2000,
      pointsMultiplier: 1.6,
      hotlineTeam: { en: team.nameEn },
    });
    // Restore the first revision: the seeded values, as a new version.
    await restoreRevision(admin1, { revisionId: String(revisions[0].id) });
    expect(await gradeDef("GOLD")).toMatchObject({ birthdayPoints: gold.birthdayPoints, hotlineTeamId: null, version: version + 1 });
    expect(Number((await gradeDef("GOLD")).minSpend12m)).toBe(Number(gold.minSpend12m));
  });

  test("refused: thresholds out of order, a multiplier outside 1–10, an unknown team, a stale version, a non-admin — nothing changed, no audit row", async () => {
    const gold = await gradeDef("GOLD");
    const valid = {
      grade: "GOLD" as const,
      expectedVersion: gold.version,
      minSpend12m: 1800,
      minTenureMonths: 12,
      pointsMultiplier: 1.5,
      birthdayPoints: 300,
      hotlineTeamId: null,
    };
    const audits = await db.auditLog.count();
    // Above DIAMOND's 4,800 ¥ / below SILVER's 6 months.
    await expect(updateGradeDef(admin1, { ...valid, minSpend12m: 5000 })).rejects.toMatchObject({
      code: "membership.ladderInvalid",
      fields: { minSpend12m: "gradeOrder" },
    });
    await expect(updateGradeDef(admin1, { ...valid, minTenureMonths: 3 })).rejects.toMatchObject({ fields: { minTenureMonths: "gradeOrder" } });
    await expect(updateGradeDef(admin1, { ...valid, pointsMultiplier: 11 })).rejects.toThrow();
    await expect(updateGradeDef(admin1, { ...valid, pointsMultiplier: 1.1 })).rejects.toMatchObject({ fields: { pointsMultiplier: "gradeOrder" } });
    await expect(
      updateGradeDef(admin1, { ...valid, grade: "STANDARD", expectedVersion: (await gradeDef("STANDARD")).version, minSpend12m: 10, pointsMultiplier: 1 }),
    ).rejects.toMatchObject({
      fields: { minSpend12m: "standardReachedByAll" },
    });
    await expect(updateGradeDef(admin1, { ...valid, hotlineTeamId: 999_999 })).rejects.toMatchObject({ fields: { hotlineTeamId: "unknownTeam" } });
    await expect(updateGradeDef(admin1, { ...valid, expectedVersion: gold.version - 1 })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateGradeDef(manager1, valid)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateGradeDef(agent1, valid)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await gradeDef("GOLD")).toEqual(gold);
    expect(await db.auditLog.count()).toBe(audits);
  });

  test("the grace period setting: versioned, audited; a stale version is a conflict", async () => {
    const s = (await db.appSetting.findUniqueOrThrow({ where: { key: "membership" } })).value as { version: number; graceMonths: number };
    await expect(updateMembershipSettings(admin1, { expectedVersion: s.version + 5, graceMonths: 2 })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateMembershipSettings(manager1, { expectedVersion: s.version, graceMonths: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateMembershipSettings(admin1, { expectedVersion: s.version, graceMonths: 25 })).rejects.toThrow();
    const next = await updateMembershipSettings(admin1, { expectedVersion: s.version, graceMonths: s.graceMonths });
    expect(next.version).toBe(s.version + 1);
    expect(await db.auditLog.count({ where: { action: "membership.settingsUpdated" } })).toBeGreaterThanOrEqual(1);
  });
});

describe("benefits at intake", () => {
  /** A category with its own SLA rows: STANDARD 30 min first response, GOLD 11 min (and nothing for DIAMOND). */
  async function categoryWithCells() {
    const n = uniqueNumber();
    const category = await db.complaintCategory.create({ data: { code: `MB_${n}`, nameZh: `会员${n}`, nameEn: `Member ${n}`, skillTags: [`mb${n}`] } });
    const calendarId = (await db.businessCalendarDef.findUniqueOrThrow({ where: { code: "HOTLINE_24X7" } })).id;
    const cell = {
      categoryCode: category.code,
      grade: "GENERAL" as const,
      isAppeal: false,
      feedbackMin: 1440,
      cycleMin: 2880,
      calendarId,
      warnRatio: 0.8,
      effectiveFrom: new Date("2020-01-01"),
    };
    await db.slaTarget.createMany({
      data: [
        { ...cell, valueTier: "STANDARD", firstResponseMin: 30, resolutionMin: 1440 },
        { ...cell, valueTier: "GOLD", firstResponseMin: 11, resolutionMin: 900 },
      ],
    });
    return { categoryId: category.id, skill: `mb${n}` };
  }
  const open = (actor: Actor, customerId: number, categoryId: number) =>
    openComplaint(actor, { customerId, channel: "HOTLINE", categoryId, grade: "GENERAL", summary: "会员投诉", details: "", idempotencyKey: randomUUID() });
  async function member(grade: "SILVER" | "GOLD" | "DIAMOND", score?: "STANDARD" | "DIAMOND") {
    const { customer } = await createCustomer(score ? { score: { tier: score } } : {});
    await db.customerMembership.create({
      data: { customerId: customer.id, grade, computedGrade: grade, since: month("2026-12"), gradedMonth: month("2026-12") },
    });
    return customer.id;
  }

  test("a Gold member with a Standard value score gets the GOLD cell's tighter clock; the complaint records the tier used", async () => {
    const { categoryId } = await categoryWithCells();
    const gold = await member("GOLD", "STANDARD");
    const { customer: plain } = await createCustomer({ score: { tier: "STANDARD" } });
    const a = await db.complaint.findUniqueOrThrow({ where: { id: (await open(agent1, gold, categoryId)).id } });
    const b = await db.complaint.findUniqueOrThrow({ where: { id: (await open(agent1, plain.id, categoryId)).id } });
    expect(a).toMatchObject({ valueTier: "GOLD", firstResponseMin: 11, resolutionMin: 900 });
    expect(b).toMatchObject({ valueTier: "STANDARD", firstResponseMin: 30, resolutionMin: 1440 });
    // The better of the two: a Diamond value score beats a Silver grade (no DIAMOND row here: STANDARD's).
    const diamond = await member("SILVER", "DIAMOND");
    expect(await db.complaint.findUniqueOrThrow({ where: { id: (await open(agent1, diamond, categoryId)).id } })).toMatchObject({
      valueTier: "DIAMOND",
      firstResponseMin: 30,
    });
  });

  test("a grade's hotline team takes the member's complaint (its agent, else its queue) and the timeline says why; others route as before", async () => {
    const { categoryId } = await categoryWithCells();
    const hotline = await createTeam();
    const intakeTeam = await createTeam();
    const intake = await createAgent({ teamId: intakeTeam.id });
    const gold = await db.memberGradeDef.findUniqueOrThrow({ where: { grade: "GOLD" } });
    await db.memberGradeDef.update({ where: { grade: "GOLD" }, data: { hotlineTeamId: hotline.id } });
    try {
      const memberId = await member("GOLD");
      // No agent in the hotline team yet: its queue.
      const queued = await db.complaint.findUniqueOrThrow({ where: { id: (await open(intake.actor, memberId, categoryId)).id } });
      expect(queued).toMatchObject({ teamId: hotline.id, assigneeId: null, ownerId: intake.user.id });
      const hotAgent = await createAgent({ teamId: hotline.id });
      const r = await open(intake.actor, memberId, categoryId);
      expect(await db.complaint.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ teamId: hotline.id, assigneeId: hotAgent.user.id });
      const routed = await db.complaintComment.findFirstOrThrow({ where: { complaintId: r.id, kind: "SYSTEM", body: { contains: '"event":"routed"' } } });
      expect(JSON.parse(routed.body)).toMatchObject({ outcome: "assigned", to: hotAgent.user.id, hotline: { memberGrade: "GOLD", teamId: hotline.id } });
      expect(await db.auditLog.count({ where: { action: "complaint.routed", entityId: String(r.id) } })).toBe(1);
      // An agent of the hotline team keeps a general complaint, as anyone does (首问负责制).
      const own = await db.complaint.findUniqueOrThrow({ where: { id: (await open(hotAgent.actor, memberId, categoryId)).id } });
      expect(own).toMatchObject({ assigneeId: hotAgent.user.id, teamId: hotline.id });
      // A customer without the grade: the intake agent keeps the general complaint, as before.
      const { customer: plain } = await createCustomer();
      expect(await db.complaint.findUniqueOrThrow({ where: { id: (await open(intake.actor, plain.id, categoryId)).id } })).toMatchObject({
        assigneeId: intake.user.id,
        teamId: intakeTeam.id,
      });
    } finally {
      await db.memberGradeDef.update({ where: { grade: "GOLD" }, data: { hotlineTeamId: gold.hotlineTeamId } });
    }
  });
});

// The monthly assessment (issue 24): the job computes each agent's month from the rollups, QA
// evaluations and training attendance, renormalises the weights over the components present,
// scores handling time against the team's median and ranks the team; it is idempotent; the admin's
// weights are versioned and must sum to 100; reads are scoped (own / team / all) — and who may not, may not.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { runAssessmentNow, saveAssessmentWeights, scheduledMonths } from "@/lib/assessment/job-commands";
import { agentTrend, assessmentAdmin, teamRanking } from "@/lib/assessment/queries";
import { DEFAULT_WEIGHTS } from "@/lib/assessment/schemas";
import { createAgent, createTeam, createUser } from "@/tests/factories/staff";
import { createQaEvaluation, createTrainingSession, putAgentMonthRollups } from "@/tests/factories/training";
import { actorFor, auditCount } from "./helpers";

const MONTH = "2026-10";
const NOW = new Date("2026-11-20T02:00:00Z");
let admin: Actor;
let manager: Actor;

beforeAll(async () => {
  admin = await actorFor("admin1");
  manager = await actorFor("manager1");
});

async function setUpTeam() {
  const team = await createTeam();
  const supervisor = await createUser({ role: "SUPERVISOR", teamId: team.id });
  const [a, b, c] = [await createAgent({ teamId: team.id }), await createAgent({ teamId: team.id }), await createAgent({ teamId: team.id })];
  const at = new Date("2026-10-10T04:00:00Z");
  // a: QA 90, SLA 90 %, AHT 30 (the median), FCR 80 %, CSAT 90 %, attended its training.
  await createQaEvaluation({ agentId: a.user.id, teamId: team.id, evaluatorId: supervisor.user.id, finalScore: 90, scoredAt: at });
  // A calibration scoring never counts.
  await createQaEvaluation({ agentId: a.user.id, teamId: team.id, evaluatorId: supervisor.user.id, finalScore: 10, scoredAt: at, calibration: true });
  await putAgentMonthRollups(a.user.id, MONTH, {
    slaMet: 9,
    slaDecided: 10,
    handlingMinutes: 300,
    handled: 10,
    fcrYes: 8,
    fcrDecided: 10,
    satisfied: 9,
    answered: 10,
  });
  // b: QA 70, AHT 60 (twice the median: 50), no surveys, absent from training.
  await createQaEvaluation({ agentId: b.user.id, teamId: team.id, evaluatorId: supervisor.user.id, finalScore: 70, scoredAt: at });
  await putAgentMonthRollups(b.user.id, MONTH, { slaMet: 5, slaDecided: 10, handlingMinutes: 600, handled: 10, fcrYes: 5, fcrDecided: 10 });
  // c: QA only (everything else missing): the rating is the QA average.
  await createQaEvaluation({ agentId: c.user.id, teamId: team.id, evaluatorId: supervisor.user.id, finalScore: 80, scoredAt: at });
  // c's AHT is the third for the median: 30, 60 → with c at 15 the median is 30.
  await putAgentMonthRollups(c.user.id, MONTH, { handlingMinutes: 150, handled: 10 });
  const session = await createTrainingSession({ trainerId: supervisor.user.id, teamId: team.id, startsAt: new Date("2026-10-15T06:00:00Z"), status: "HELD" });
  await db.trainingAttendee.createMany({
    data: [
      { sessionId: session.id, userId: a.user.id, attendance: "ATTENDED" },
      { sessionId: session.id, userId: b.user.id, attendance: "ABSENT" },
    ],
  });
  return { team, supervisor, a, b, c };
}

describe("the monthly assessment job", () => {
  test("rates and ranks the team from every component, renormalising missing ones", async () => {
    const { team, a, b, c } = await setUpTeam();
    const run = await runAssessmentNow(admin, { month: MONTH }, NOW);
    expect(run.rows).toBeGreaterThanOrEqual(3);
    const rows = await teamRanking(manager, { month: MONTH, teamId: team.id });
    expect(rows.map((r) => r.userId)).toEqual([a.user.id, c.user.id, b.user.id]);
    const [ra, rc, rb] = rows as [(typeof rows)[number], (typeof rows)[number], (typeof rows)[number]];
    expect(ra.qaAverage).toBe(90);
    expect(ra.qaCount).toBe(1);
    expect(ra.slaRate).toBe(0.9);
    expect(ra.ahtMinutes).toBe(30);
    expect(ra.trainingRate).toBe(1);
    // a: every component: (30·90 + 20·90 + 10·100 + 15·80 + 15·90 + 10·100) / 100 = 90.5
    expect(ra.rating).toBe(90.5);
    // c: QA 80, AHT 15 (faster than the median 30 → 100): (30·80 + 10·100) / 40 = 85
    expect(rc.rating).toBe(85);
    // b: QA 70, SLA 50, AHT 60 → 50, FCR 50, training 0, no CSAT: (2100 + 1000 + 500 + 750 + 0) / 85
    expect(rb.rating).toBeCloseTo(4350 / 85, 2);
    expect(rb.csatRate).toBeNull();
    expect(rows.map((r) => [r.rankInTeam, r.teamSize])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(await auditCount({ action: "assessment.ran" })).toBeGreaterThan(0);
  });

  test("is idempotent, and drops an agent who no longer qualifies", async () => {
    const { team, c } = await setUpTeam();
    await runAssessmentNow(admin, { month: MONTH }, NOW);
    await runAssessmentNow(admin, { month: MONTH }, NOW);
    expect((await teamRanking(manager, { month: MONTH, teamId: team.id })).length).toBe(3);
    await db.user.update({ where: { id: c.user.id }, data: { isActive: false } });
    await runAssessmentNow(admin, { month: MONTH }, NOW);
    const rows = await teamRanking(manager, { month: MONTH, teamId: team.id });
    expect(rows.map((r) => r.userId)).not.toContain(c.user.id);
    expect(rows.every((r) => r.teamSize === 2)).toBe(true);
  });

  test("runs the current month nightly and the month before on the 1st (Beijing time)", () => {
    expect(scheduledMonths(new Date("2026-11-20T18:30:00Z"))).toEqual(["2026-11"]);
    // 1 December 02:30 in Shanghai is 30 November 18:30 UTC.
    expect(scheduledMonths(new Date("2026-11-30T18:30:00Z"))).toEqual(["2026-11", "2026-12"]);
  });

  test("only admins run it, and not for a future month", async () => {
    await expect(runAssessmentNow(manager, { month: MONTH }, NOW)).rejects.toMatchObject({ code: "forbidden" });
    await expect(runAssessmentNow(admin, { month: "2027-01" }, NOW)).rejects.toMatchObject({ code: "validation", fields: { month: "assessment.futureMonth" } });
    await expect(runAssessmentNow(admin, { month: "2026-13" }, NOW)).rejects.toMatchObject({ code: "validation" });
  });
});

describe("reading the assessment", () => {
  test("an agent sees their own row, a supervisor their team, a manager any team; others read as not found", async () => {
    const { team, supervisor, a, b } = await setUpTeam();
    await runAssessmentNow(admin, { month: MONTH }, NOW);
    const own = await teamRanking(a.actor, { month: MONTH, teamId: team.id });
    expect(own.map((r) => r.userId)).toEqual([a.user.id]);
    expect((await teamRanking(supervisor.actor, { month: MONTH, teamId: team.id })).length).toBe(3);
    const other = await actorFor("supervisor1");
    await expect(teamRanking(other, { month: MONTH, teamId: team.id })).rejects.toMatchObject({ code: "notFound" });
    await expect(agentTrend(other, { userId: a.user.id, month: MONTH })).rejects.toMatchObject({ code: "notFound" });
    await expect(agentTrend(a.actor, { userId: b.user.id, month: MONTH })).rejects.toMatchObject({ code: "notFound" });
    const trend = await agentTrend(supervisor.actor, { userId: b.user.id, month: "2026-11" });
    expect(trend.map((r) => r.month)).toEqual([MONTH]);
    await expect(teamRanking(admin, { month: MONTH, teamId: team.id })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("the weights", () => {
  test("sum to 100, are version-checked and audited; the next run uses them", async () => {
    const { settings } = await assessmentAdmin(admin);
    await expect(
      saveAssessmentWeights(admin, { ...settings.weights, qa: settings.weights.qa + 1, lowQaThreshold: 60, version: settings.version }),
    ).rejects.toMatchObject({
      code: "validation",
      fields: { qa: "assessment.weightsSum" },
    });
    await expect(saveAssessmentWeights(manager, { ...DEFAULT_WEIGHTS, lowQaThreshold: 60, version: settings.version })).rejects.toMatchObject({
      code: "forbidden",
    });
    const before = await auditCount({ action: "assessment.weightsSaved" });
    const saved = await saveAssessmentWeights(admin, { qa: 100, sla: 0, aht: 0, fcr: 0, csat: 0, training: 0, lowQaThreshold: 55, version: settings.version });
    expect(saved.version).toBe(settings.version + 1);
    expect(await auditCount({ action: "assessment.weightsSaved" })).toBe(before + 1);
    await expect(saveAssessmentWeights(admin, { ...DEFAULT_WEIGHTS, lowQaThreshold: 60, version: settings.version })).rejects.toMatchObject({
      code: "conflict",
    });
    const { team, a } = await setUpTeam();
    await runAssessmentNow(admin, { month: MONTH }, NOW);
    const rows = await teamRanking(manager, { month: MONTH, teamId: team.id });
    expect(rows.find((r) => r.userId === a.user.id)?.rating).toBe(90);
    // Back to the defaults for the other tests of this file.
    await saveAssessmentWeights(admin, { ...DEFAULT_WEIGHTS, lowQaThreshold: 60, version: saved.version });
  });
});

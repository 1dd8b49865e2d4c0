// Quality inspection (issue 24): the admin's norms, forms (items replaced, never rewritten) and
// rules; the sampling job (set-based, idempotent per agent and week); scoring in scope with fatal
// items; calibration (blind, never counted) and its agreement report; "My QA"; the dispute (the
// judged agent, once, within the window) and the manager's final decision — and who may not, may not.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import {
  deactivateFormItem,
  loadQualitySettings,
  saveForm,
  saveFormItem,
  saveNorm,
  saveQualitySettings,
  saveSamplingRule,
} from "@/lib/quality/config-commands";
import { drawSamplesNow, markCalibration, runQaSampling } from "@/lib/quality/sampling-commands";
import { decideDispute, disputeEvaluation, markEvaluationSeen, scoreSample } from "@/lib/quality/evaluation-commands";
import {
  agentAverages,
  calibrationReport,
  getEvaluation,
  getSampleForScoring,
  listDisputes,
  listMyEvaluations,
  listSampleQueue,
  listTeamEvaluations,
  teamAverages,
} from "@/lib/quality/queries";
import { computeScore, isoWeek } from "@/lib/quality/scoring";
import { createContactSample, createQaForm, scoringOf } from "@/tests/factories/quality";
import { createAgent, createTeam, createUser, actorOf } from "@/tests/factories/staff";
import { actorFor, auditCount } from "./helpers";

let admin: Actor;
let manager: Actor;
let supervisor: Actor;
let supervisor2: Actor;
let agent: Actor;
let agent2: Actor;
let form: Awaited<ReturnType<typeof createQaForm>>;

beforeAll(async () => {
  admin = await actorFor("admin1");
  manager = await actorFor("manager1");
  supervisor = await actorFor("supervisor1");
  supervisor2 = await actorFor("supervisor2");
  agent = await actorFor("agent1");
  agent2 = await actorFor("agent2");
  form = await createQaForm();
});

const sampleOf = (a: Actor, extra: Partial<Parameters<typeof createContactSample>[0]> = {}) =>
  createContactSample({ agentId: a.id, teamId: a.teamId, formId: form.id, ...extra });

async function scored(a: Actor = agent, opts: { by?: Actor; deduct?: Record<number, number>; at?: Date } = {}) {
  const s = await sampleOf(a);
  const r = await scoreSample(opts.by ?? supervisor, { sampleId: s.id, version: s.version, items: scoringOf(form.items, opts.deduct ?? { 0: 3 }) }, opts.at);
  return db.qaEvaluation.findUniqueOrThrow({ where: { id: r.evaluationId } });
}

describe("configuration (admins)", () => {
  test("norms: created, edited with its version, a duplicate code refused; not for others", async () => {
    const code = `N-${Date.now()}`;
    const n = await saveNorm(admin, { kind: "LANGUAGE", code, titleZh: "规范", titleEn: "Norm", descriptionZh: "", descriptionEn: "", isActive: true });
    const before = await auditCount({ action: "quality.normUpdated" });
    const e = await saveNorm(admin, { id: n.id, version: n.version, kind: "CONDUCT", code, titleZh: "规范二", titleEn: "Norm 2", isActive: false });
    expect(e.version).toBe(n.version + 1);
    expect(await auditCount({ action: "quality.normUpdated" })).toBe(before + 1);
    await expect(saveNorm(admin, { id: n.id, version: n.version, kind: "CONDUCT", code, titleZh: "x", titleEn: "x", isActive: true })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(saveNorm(admin, { kind: "LANGUAGE", code, titleZh: "重复", titleEn: "Dup", isActive: true })).rejects.toMatchObject({
      code: "validation",
      fields: { code: "qaCodeExists" },
    });
    for (const a of [supervisor, manager, agent])
      await expect(saveNorm(a, { kind: "LANGUAGE", code: `X-${a.id}`, titleZh: "x", titleEn: "x", isActive: true })).rejects.toMatchObject({
        code: "forbidden",
      });
  });

  test("an item already scored with is replaced (old one deactivated), an unused one changes in place", async () => {
    const f = await createQaForm();
    const fresh = await db.qaForm.findUniqueOrThrow({ where: { id: f.id } });
    const unused = await saveFormItem(admin, {
      formId: f.id,
      formVersion: fresh.version,
      itemId: f.items[0].id,
      section: "ATTITUDE",
      labelZh: "改",
      labelEn: "Changed",
      maxPoints: 5,
      weight: 9,
      isFatal: false,
      normId: null,
    });
    expect(unused).toMatchObject({ itemId: f.items[0].id, replaced: false });
    // Score a sample with the form, then edit an item: the evaluation keeps the old item.
    const s = await createContactSample({ agentId: agent.id, teamId: agent.teamId, formId: f.id });
    const items = await db.qaFormItem.findMany({ where: { formId: f.id, isActive: true }, orderBy: { sortOrder: "asc" } });
    const ev = await scoreSample(supervisor, { sampleId: s.id, version: s.version, items: scoringOf(items) });
    const r = await saveFormItem(admin, {
      formId: f.id,
      formVersion: unused.formVersion,
      itemId: items[1].id,
      section: "ATTITUDE",
      labelZh: "新",
      labelEn: "New",
      maxPoints: 10,
      weight: 5,
      isFatal: false,
      normId: null,
    });
    expect(r.replaced).toBe(true);
    expect(r.itemId).not.toBe(items[1].id);
    expect((await db.qaFormItem.findUniqueOrThrow({ where: { id: items[1].id } })).isActive).toBe(false);
    const detail = await getEvaluation(supervisor, ev.evaluationId);
    expect(detail.items.map((i) => i.id)).toContain(items[1].id);
    expect(detail.items.find((i) => i.id === items[1].id)).toMatchObject({ labelEn: items[1].labelEn, maxPoints: items[1].maxPoints });
    // A stale form version conflicts and changes nothing; deactivating never deletes.
    await expect(deactivateFormItem(admin, { formId: f.id, formVersion: unused.formVersion, itemId: items[2].id })).rejects.toMatchObject({ code: "conflict" });
    await deactivateFormItem(admin, { formId: f.id, formVersion: r.formVersion, itemId: items[2].id });
    expect(await db.qaFormItem.findUnique({ where: { id: items[2].id } })).toMatchObject({ isActive: false });
    await expect(deactivateFormItem(supervisor, { formId: f.id, formVersion: r.formVersion + 1, itemId: items[3].id })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  test("forms keep their target; rules take a form of their kind's target; settings", async () => {
    const f = await saveForm(admin, { nameZh: "表", nameEn: "Form", target: "CONTACT", passScore: 80, isActive: true });
    await expect(
      saveForm(admin, { id: f.id, version: f.version, nameZh: "表", nameEn: "Form", target: "COMPLAINT", passScore: 80, isActive: true }),
    ).rejects.toMatchObject({ fields: { target: "qaTargetFixed" } });
    await expect(saveSamplingRule(admin, { kind: "ESCALATION", formId: f.id, isActive: false })).rejects.toMatchObject({ fields: { formId: "qaFormTarget" } });
    const rule = await saveSamplingRule(admin, { kind: "LONG_CALL", param: 30, formId: f.id, isActive: false });
    expect(await db.qaSamplingRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({ kind: "LONG_CALL", param: 30, isActive: false });
    const before = await loadQualitySettings();
    await saveQualitySettings(admin, { disputeWindowDays: 9 });
    expect(await loadQualitySettings()).toEqual({ disputeWindowDays: 9 });
    await saveQualitySettings(admin, before);
    await expect(saveQualitySettings(manager, { disputeWindowDays: 3 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(saveQualitySettings(admin, { disputeWindowDays: 0 })).rejects.toMatchObject({ code: "validation" });
  });
});

describe("sampling", () => {
  test("the random draw takes N contacts per agent and week, tops up, and a second run adds nothing", async () => {
    const team = await createTeam({ code: `QA-${Date.now()}`, nameZh: "质检组", nameEn: "QA team" });
    const a = actorOf((await createAgent({ teamId: team.id })).user);
    const b = actorOf((await createAgent({ teamId: team.id })).user);
    const lead = actorOf((await createUser({ role: "SUPERVISOR", teamId: team.id })).user);
    const now = new Date();
    const customerId = (await db.customer.findFirstOrThrow({ select: { id: true } })).id;
    for (const x of [a, a, a, a, a, b])
      await db.interaction.create({
        data: {
          customerId,
          agentId: x.id,
          channel: "HOTLINE",
          direction: "INBOUND",
          disposition: "RESOLVED",
          occurredAt: new Date(now.getTime() - 60_000),
          durationSec: 60,
        },
      });
    const count = (x: Actor) => db.qaSample.count({ where: { agentId: x.id, week: isoWeek(now), reason: "RANDOM" } });
    const first = await drawSamplesNow(lead, {}, now);
    const per = (await db.qaSamplingRule.findFirstOrThrow({ where: { kind: "RANDOM_PER_AGENT_WEEK", isActive: true } })).param;
    expect(await count(a)).toBe(Math.min(5, per));
    expect(await count(b)).toBe(1);
    expect(first.samples).toBeGreaterThanOrEqual(Math.min(5, per) + 1);
    expect((await drawSamplesNow(lead, {}, now)).samples).toBe(0);
    await runQaSampling(now);
    expect(await count(a)).toBe(Math.min(5, per));
    // A sample snapshots the agent's team, and "Draw now" stays within the supervisor's team.
    expect((await db.qaSample.findFirstOrThrow({ where: { agentId: a.id } })).teamId).toBe(team.id);
    await expect(drawSamplesNow(agent, {}, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(drawSamplesNow(manager, {}, now)).rejects.toMatchObject({ code: "forbidden" });
  });

  test("a long call is sampled by the LONG_CALL rule once", async () => {
    const rule = await db.qaSamplingRule.findFirst({ where: { kind: "LONG_CALL", isActive: true } });
    expect(rule).not.toBeNull();
    const customerId = (await db.customer.findFirstOrThrow({ select: { id: true } })).id;
    const call = await db.interaction.create({
      data: {
        customerId,
        agentId: agent2.id,
        channel: "HOTLINE",
        direction: "INBOUND",
        disposition: "RESOLVED",
        occurredAt: new Date(Date.now() - 3_600_000),
        durationSec: rule!.param * 60 + 30,
      },
    });
    await runQaSampling();
    await runQaSampling();
    expect(await db.qaSample.findMany({ where: { target: "CONTACT", refId: call.id } })).toHaveLength(1);
  });
});

describe("scoring", () => {
  test("a supervisor scores their team's sample: the score is the pure math's, audited, the sample closed", async () => {
    const s = await sampleOf(agent);
    const items = scoringOf(form.items, { 0: 2, 3: 4 });
    const before = await auditCount({ action: "quality.evaluationScored" });
    const r = await scoreSample(supervisor, { sampleId: s.id, version: s.version, items, comment: "好" });
    expect(r.score).toBe(computeScore(form.items, items).score);
    expect(r.score).toBeLessThan(100);
    const e = await db.qaEvaluation.findUniqueOrThrow({ where: { id: r.evaluationId } });
    expect(e).toMatchObject({ agentId: agent.id, teamId: agent.teamId, evaluatorId: supervisor.id, calibration: false, fatal: false });
    expect(Number(e.finalScore)).toBe(r.score);
    expect(await db.qaSample.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: "SCORED", version: s.version + 1 });
    expect(await auditCount({ action: "quality.evaluationScored" })).toBe(before + 1);
    await expect(scoreSample(supervisor, { sampleId: s.id, version: s.version + 1, items })).rejects.toMatchObject({ code: "quality.notOpen" });
  });

  test("a failed fatal item scores 0", async () => {
    const s = await sampleOf(agent);
    const fatalIndex = form.items.findIndex((i) => i.isFatal);
    const r = await scoreSample(supervisor, { sampleId: s.id, version: s.version, items: scoringOf(form.items, {}, [fatalIndex]) });
    expect(r).toMatchObject({ score: 0, fatal: true });
  });

  test("who may not score: another team's supervisor (not found), agents and managers (forbidden); stale versions and missing items change nothing", async () => {
    const s = await sampleOf(agent);
    const items = scoringOf(form.items);
    await expect(scoreSample(supervisor2, { sampleId: s.id, version: s.version, items })).rejects.toMatchObject({ code: "notFound" });
    await expect(getSampleForScoring(supervisor2, s.id)).rejects.toMatchObject({ code: "notFound" });
    for (const a of [agent, manager, admin])
      await expect(scoreSample(a, { sampleId: s.id, version: s.version, items })).rejects.toMatchObject({ code: "forbidden" });
    await expect(scoreSample(supervisor, { sampleId: s.id, version: s.version + 5, items })).rejects.toMatchObject({ code: "conflict" });
    await expect(scoreSample(supervisor, { sampleId: s.id, version: s.version, items: items.slice(1) })).rejects.toMatchObject({
      code: "validation",
      fields: { "items.0.points": "required" },
    });
    await expect(
      scoreSample(supervisor, { sampleId: s.id, version: s.version, items: items.map((i, n) => (n === 0 ? { ...i, points: 99 } : i)) }),
    ).rejects.toMatchObject({
      fields: { "items.0.points": "tooBig" },
    });
    expect(await db.qaEvaluation.count({ where: { sampleId: s.id } })).toBe(0);
    // A supervisor's own contact is not theirs to score.
    const own = await sampleOf(supervisor);
    await expect(scoreSample(supervisor, { sampleId: own.id, version: own.version, items })).rejects.toMatchObject({ code: "notFound" });
  });

  test("the queue: the team's open samples, not another team's", async () => {
    const mine = await sampleOf(agent);
    const other = await sampleOf(agent2);
    const q = await listSampleQueue(supervisor);
    const ids = new Set<number>();
    let page = q;
    for (;;) {
      page.rows.forEach((r) => ids.add(r.id));
      if (!page.next) break;
      page = await listSampleQueue(supervisor, { after: page.next });
    }
    expect(ids.has(mine.id)).toBe(true);
    expect(ids.has(other.id)).toBe(false);
    await expect(listSampleQueue(agent)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("calibration", () => {
  test("marked by the team's supervisor, scored blind by a second one (compared, not counted), reported per pair", async () => {
    const s = await sampleOf(agent);
    await expect(markCalibration(supervisor2, { sampleId: s.id, version: s.version })).rejects.toMatchObject({ code: "notFound" });
    const { version } = await markCalibration(supervisor, { sampleId: s.id, version: s.version });
    const first = await scoreSample(supervisor, { sampleId: s.id, version, items: scoringOf(form.items) });
    expect(first.calibration).toBe(false);
    await expect(scoreSample(supervisor, { sampleId: s.id, version: version + 1, items: scoringOf(form.items) })).rejects.toMatchObject({
      code: "quality.alreadyScored",
    });
    // The second supervisor (another team) sees it in their queue and scores it.
    expect((await listSampleQueue(supervisor2)).rows.some((r) => r.id === s.id)).toBe(true);
    const second = await scoreSample(supervisor2, { sampleId: s.id, version: version + 1, items: scoringOf(form.items, { 0: 3, 1: 4 }) });
    expect(second.calibration).toBe(true);
    expect((await db.qaSample.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("SCORED");
    const pairs = await calibrationReport(manager);
    const pair = pairs.find((p) => [p.evaluatorA, p.evaluatorB].sort().join() === [supervisor.name, supervisor2.name].sort().join());
    expect(pair).toBeDefined();
    expect(pair!.samples).toBeGreaterThanOrEqual(1);
    expect(pair!.itemAgreement).toBeLessThan(100);
    // The calibration scoring is never in the agent's results nor the averages, and is not disputable.
    expect((await listMyEvaluations(agent)).rows.some((r) => r.id === second.evaluationId)).toBe(false);
    const ev = await db.qaEvaluation.findUniqueOrThrow({ where: { id: second.evaluationId } });
    await expect(disputeEvaluation(agent, { evaluationId: ev.id, version: ev.version, reason: "x" })).rejects.toMatchObject({ code: "notFound" });
    // The report is not the agent's: refused in lib (the page answers 403).
    await expect(calibrationReport(agent)).rejects.toMatchObject({ code: "forbidden" });
    await expect(agentAverages(agent)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getEvaluation(agent, second.evaluationId)).rejects.toMatchObject({ code: "notFound" });
  });

  test("blind: while the sample is open, the team's supervisor does not see another supervisor's first scoring", async () => {
    const s = await sampleOf(agent);
    const { version } = await markCalibration(supervisor, { sampleId: s.id, version: s.version });
    const first = await scoreSample(supervisor2, { sampleId: s.id, version, items: scoringOf(form.items) });
    expect((await listTeamEvaluations(supervisor)).rows.some((r) => r.id === first.evaluationId)).toBe(false);
    await expect(getEvaluation(supervisor, first.evaluationId)).rejects.toMatchObject({ code: "notFound" });
    expect((await getEvaluation(supervisor2, first.evaluationId)).evaluation.id).toBe(first.evaluationId);
    const second = await scoreSample(supervisor, { sampleId: s.id, version: version + 1, items: scoringOf(form.items) });
    expect(second.calibration).toBe(true);
    expect((await listTeamEvaluations(supervisor)).rows.some((r) => r.id === first.evaluationId)).toBe(true);
  });
});

describe("My QA, disputes and decisions", () => {
  test("the agent sees only their own results, marks them seen (audited)", async () => {
    const e = await scored(agent);
    const other = await scored(agent2, { by: supervisor2 });
    const mine = await listMyEvaluations(agent);
    expect(mine.rows.some((r) => r.id === e.id)).toBe(true);
    expect(mine.rows.some((r) => r.id === other.id)).toBe(false);
    expect(mine.rows.find((r) => r.id === e.id)).toMatchObject({ disputable: true });
    await expect(getEvaluation(agent, other.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(getEvaluation(supervisor, other.id)).rejects.toMatchObject({ code: "notFound" });
    expect((await getEvaluation(manager, other.id)).evaluation.id).toBe(other.id);
    expect(await markEvaluationSeen(agent, { evaluationId: e.id })).toEqual({ seen: true });
    expect(await markEvaluationSeen(agent, { evaluationId: e.id })).toEqual({ seen: false });
    await expect(markEvaluationSeen(agent2, { evaluationId: e.id })).rejects.toMatchObject({ code: "notFound" });
    expect((await db.qaEvaluation.findUniqueOrThrow({ where: { id: e.id } })).seenAt).not.toBeNull();
  });

  test("only the judged agent disputes, once, within the window", async () => {
    const e = await scored(agent);
    // Another agent, the supervisor (who holds quality:dispute too), a manager: not theirs.
    await expect(disputeEvaluation(agent2, { evaluationId: e.id, version: e.version, reason: "不是我的" })).rejects.toMatchObject({ code: "notFound" });
    await expect(disputeEvaluation(supervisor, { evaluationId: e.id, version: e.version, reason: "x" })).rejects.toMatchObject({ code: "notFound" });
    await expect(disputeEvaluation(manager, { evaluationId: e.id, version: e.version, reason: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(disputeEvaluation(agent, { evaluationId: e.id, version: e.version, reason: "  " })).rejects.toMatchObject({
      code: "validation",
      fields: { reason: "required" },
    });
    await expect(disputeEvaluation(agent, { evaluationId: e.id, version: e.version + 1, reason: "x" })).rejects.toMatchObject({ code: "conflict" });
    const before = await auditCount({ action: "quality.disputeOpened" });
    const d = await disputeEvaluation(agent, { evaluationId: e.id, version: e.version, reason: "我按流程处理了" });
    expect(await auditCount({ action: "quality.disputeOpened" })).toBe(before + 1);
    expect(await db.qaDispute.findUniqueOrThrow({ where: { id: d.disputeId } })).toMatchObject({ status: "OPEN", agentId: agent.id });
    await expect(disputeEvaluation(agent, { evaluationId: e.id, version: e.version + 1, reason: "再来一次" })).rejects.toMatchObject({
      code: "quality.alreadyDisputed",
    });
    // Past the window (7 days by default): closed.
    const old = await scored(agent, { at: new Date(Date.now() - 30 * 86_400_000) });
    await expect(disputeEvaluation(agent, { evaluationId: old.id, version: old.version, reason: "太晚了" })).rejects.toMatchObject({
      code: "quality.windowClosed",
    });
    expect(await db.qaDispute.count({ where: { evaluationId: old.id } })).toBe(0);
  });

  test("a manager decides, finally: upheld sets the final score (the original kept), rejected keeps it; nobody else may", async () => {
    const e = await scored(agent);
    const d = await disputeEvaluation(agent, { evaluationId: e.id, version: e.version, reason: "有误" });
    expect((await listDisputes(manager, { status: "OPEN" })).some((x) => x.id === d.disputeId)).toBe(true);
    for (const a of [agent, supervisor, admin])
      await expect(decideDispute(a, { disputeId: d.disputeId, version: 1, decision: "UPHELD", newScore: 95, note: "x" })).rejects.toMatchObject({
        code: "forbidden",
      });
    await expect(decideDispute(manager, { disputeId: d.disputeId, version: 1, decision: "UPHELD", note: "x" })).rejects.toMatchObject({
      fields: { newScore: "required" },
    });
    await expect(decideDispute(manager, { disputeId: d.disputeId, version: 2, decision: "REJECTED", note: "x" })).rejects.toMatchObject({ code: "conflict" });
    const before = await auditCount({ action: "quality.disputeDecided" });
    const r = await decideDispute(manager, { disputeId: d.disputeId, version: 1, decision: "UPHELD", newScore: 97.5, note: "属实" });
    expect(r).toEqual({ status: "UPHELD", finalScore: 97.5 });
    const after = await db.qaEvaluation.findUniqueOrThrow({ where: { id: e.id } });
    expect(Number(after.finalScore)).toBe(97.5);
    expect(Number(after.score)).toBe(Number(e.score));
    expect(await auditCount({ action: "quality.disputeDecided" })).toBe(before + 1);
    await expect(decideDispute(manager, { disputeId: d.disputeId, version: 2, decision: "REJECTED", note: "改主意" })).rejects.toMatchObject({
      code: "quality.decided",
    });

    const e2 = await scored(agent);
    const d2 = await disputeEvaluation(agent, { evaluationId: e2.id, version: e2.version, reason: "有误" });
    expect(await decideDispute(manager, { disputeId: d2.disputeId, version: 1, decision: "REJECTED", note: "评分无误" })).toEqual({
      status: "REJECTED",
      finalScore: Number(e2.finalScore),
    });
    expect((await getEvaluation(agent, e2.id)).dispute).toMatchObject({ status: "REJECTED", decisionNote: "评分无误" });
  });

  test("a manager never decides a dispute on their own scoring", async () => {
    const s = await sampleOf(agent);
    const ev = await db.qaEvaluation.create({
      data: { sampleId: s.id, evaluatorId: manager.id, agentId: agent.id, teamId: agent.teamId, formId: form.id, score: 70, finalScore: 70 },
    });
    const d = await disputeEvaluation(agent, { evaluationId: ev.id, version: ev.version, reason: "x" });
    await expect(decideDispute(manager, { disputeId: d.disputeId, version: 1, decision: "REJECTED", note: "x" })).rejects.toMatchObject({
      code: "quality.ownScoring",
    });
    expect((await getEvaluation(manager, ev.id)).mayDecide).toBe(false);
  });
});

describe("reports", () => {
  test("averages read final scores, exclude calibration, and follow the scope", async () => {
    await scored(agent);
    const all = await teamAverages(manager, 3);
    expect(all.some((r) => r.teamId === agent.teamId)).toBe(true);
    expect(all.some((r) => r.teamId === agent2.teamId)).toBe(true);
    const own = await teamAverages(supervisor, 3);
    expect(own.every((r) => r.teamId === supervisor.teamId)).toBe(true);
    const byAgent = await agentAverages(supervisor);
    expect(byAgent.some((r) => r.agentId === agent.id)).toBe(true);
    expect(byAgent.some((r) => r.agentId === agent2.id)).toBe(false);
    const [{ avg }] = await db.$queryRaw<Array<{ avg: number }>>`
      SELECT round(avg(final_score), 2)::float8 AS avg FROM qa_evaluation
      WHERE agent_id = ${agent.id} AND NOT calibration AND scored_at >= now() - interval '30 days'`;
    expect(byAgent.find((r) => r.agentId === agent.id)!.average).toBe(avg);
    expect((await listTeamEvaluations(agent)).rows.every((r) => r.agentName === agent.name)).toBe(true);
    await expect(listDisputes(supervisor, { status: "OPEN" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { staffScopeSql } from "@/lib/quality/staff-scope";
import { computeScore, disputeOpenUntil } from "@/lib/quality/scoring";
import { loadQualitySettings } from "@/lib/quality/config-commands";
import {
  decideDisputeInput,
  disputeEvaluationInput,
  markSeenInput,
  scoreSampleInput,
  type DecideDisputeInput,
  type DisputeEvaluationInput,
  type MarkSeenInput,
  type ScoreSampleInput,
} from "@/lib/quality/schemas";

// Scoring, disputes and decisions (issue 24, docs/quality.md "Scoring", "Disputes"). A supervisor
// scores a sample of their team (any supervisor may score a calibration sample: blind, never
// counted); the judged agent sees it and may dispute it once within the window; a manager who did
// not score it decides, finally. Each step version-checked and audited in its transaction; the
// comments and the reason stay out of the audit (they may quote the customer).

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationErrorFromZod(r.error);
  return r.data;
}

/** Who may score a sample: a supervisor of its team, or any supervisor when it is a calibration sample; never the judged person. */
export function sampleScoringScope(actor: Actor): Prisma.Sql {
  return Prisma.sql`(s.agent_id <> ${actor.id} AND (${staffScopeSql(actor, Prisma.sql`s.agent_id`, Prisma.sql`s.team_id`)} OR s.calibration))`;
}

export async function scoreSample(actor: Actor, raw: ScoreSampleInput, now = new Date()): Promise<{ evaluationId: number; score: number; fatal: boolean; calibration: boolean }> {
  assertCan(actor, "quality:score");
  const input = parse(scoreSampleInput, raw);
  return db.$transaction(async (tx) => {
    const [s] = await tx.$queryRaw<
      Array<{ id: number; version: number; status: string; calibration: boolean; agent_id: number; team_id: number | null; form_id: number; scored: number; mine: number }>
    >`
      SELECT s.id, s.version, s.status::text AS status, s.calibration, s.agent_id, s.team_id, s.form_id,
             (SELECT count(*)::int FROM qa_evaluation e WHERE e.sample_id = s.id) AS scored,
             (SELECT count(*)::int FROM qa_evaluation e WHERE e.sample_id = s.id AND e.evaluator_id = ${actor.id}) AS mine
      FROM qa_sample s WHERE s.id = ${input.sampleId} AND ${sampleScoringScope(actor)}
      FOR UPDATE OF s`;
    if (!s) throw new NotFoundError("qa_sample");
    if (s.version !== input.version) throw new ConflictError();
    if (s.status !== "OPEN") throw new ValidationError({ sampleId: "qaNotOpen" }, "quality.notOpen");
    if (s.mine > 0) throw new ValidationError({ sampleId: "qaAlreadyScored" }, "quality.alreadyScored");
    const items = await tx.qaFormItem.findMany({ where: { formId: s.form_id, isActive: true }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
    const sent = new Map(input.items.map((i) => [i.itemId, i]));
    const fields: Record<string, string> = {};
    for (const [n, item] of items.entries()) {
      const v = sent.get(item.id);
      // The error sits on the row the form sent (its order is by section), else on the item's own place.
      const at = v ? input.items.indexOf(v) : n;
      if (!v) fields[`items.${at}.points`] = "required";
      else if (!item.isFatal && v.points > item.maxPoints) fields[`items.${at}.points`] = "tooBig";
    }
    if (input.items.some((i) => !items.some((it) => it.id === i.itemId))) fields.items = "invalidOption";
    if (Object.keys(fields).length) throw new ValidationError(fields);
    const scored = items.map((item) => {
      const v = sent.get(item.id)!;
      return { itemId: item.id, points: item.isFatal ? 0 : v.points, passed: item.isFatal ? v.passed : true, comment: v.comment };
    });
    const result = computeScore(items, scored);
    // A calibration sample's first scoring counts like any other; the second is compared only.
    const calibration = s.calibration && s.scored > 0;
    const evaluation = await tx.qaEvaluation.create({
      data: {
        sampleId: s.id,
        evaluatorId: actor.id,
        agentId: s.agent_id,
        teamId: s.team_id,
        formId: s.form_id,
        score: result.score,
        finalScore: result.score,
        fatal: result.fatal,
        comment: input.comment,
        calibration,
        scoredAt: now,
      },
    });
    await tx.qaEvaluationItem.createMany({ data: scored.map((i) => ({ evaluationId: evaluation.id, ...i })) });
    const done = !s.calibration || s.scored + 1 >= 2;
    await tx.qaSample.update({ where: { id: s.id }, data: { ...(done ? { status: "SCORED" } : {}), version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: "quality.evaluationScored",
      entity: "qa_evaluation",
      entityId: evaluation.id,
      data: { sampleId: s.id, agentId: s.agent_id, score: result.score, fatal: result.fatal, calibration },
    });
    return { evaluationId: evaluation.id, score: result.score, fatal: result.fatal, calibration };
  });
}

/** The judged agent has read their result (the first time counts). */
export async function markEvaluationSeen(actor: Actor, raw: MarkSeenInput, now = new Date()): Promise<{ seen: boolean }> {
  assertCan(actor, "quality:read");
  const input = parse(markSeenInput, raw);
  return db.$transaction(async (tx) => {
    const e = await tx.qaEvaluation.findFirst({ where: { id: input.evaluationId, agentId: actor.id, calibration: false }, select: { id: true, seenAt: true } });
    if (!e) throw new NotFoundError("qa_evaluation");
    if (e.seenAt) return { seen: false };
    await tx.qaEvaluation.update({ where: { id: e.id }, data: { seenAt: now } });
    await recordAudit(tx, actor, { action: "quality.evaluationSeen", entity: "qa_evaluation", entityId: e.id });
    return { seen: true };
  });
}

/** The judged agent disputes their evaluation: once, within the window (app_setting "quality"), with a reason. */
export async function disputeEvaluation(actor: Actor, raw: DisputeEvaluationInput, now = new Date()): Promise<{ disputeId: number }> {
  assertCan(actor, "quality:dispute");
  const input = parse(disputeEvaluationInput, raw);
  const settings = await loadQualitySettings();
  return db.$transaction(async (tx) => {
    const [e] = await tx.$queryRaw<Array<{ id: number; version: number; scored_at: Date; disputed: boolean }>>`
      SELECT e.id, e.version, e.scored_at, EXISTS (SELECT 1 FROM qa_dispute d WHERE d.evaluation_id = e.id) AS disputed
      FROM qa_evaluation e WHERE e.id = ${input.evaluationId} AND e.agent_id = ${actor.id} AND NOT e.calibration
      FOR UPDATE`;
    if (!e) throw new NotFoundError("qa_evaluation");
    if (e.version !== input.version) throw new ConflictError();
    if (e.disputed) throw new ValidationError({ evaluationId: "qaAlreadyDisputed" }, "quality.alreadyDisputed");
    if (now > disputeOpenUntil(e.scored_at, settings.disputeWindowDays)) throw new ValidationError({ evaluationId: "qaWindowClosed" }, "quality.windowClosed");
    const d = await tx.qaDispute.create({ data: { evaluationId: e.id, agentId: actor.id, reason: input.reason, createdAt: now } });
    await tx.qaEvaluation.update({ where: { id: e.id }, data: { version: { increment: 1 }, seenAt: now } });
    await recordAudit(tx, actor, { action: "quality.disputeOpened", entity: "qa_dispute", entityId: d.id, data: { evaluationId: e.id } });
    return { disputeId: d.id };
  });
}

/**
 * A manager decides an open dispute, finally: UPHELD sets the evaluation's final score to the new
 * score (the original stays in `score` and the audit), REJECTED keeps it. A manager never decides a
 * dispute on an evaluation they scored.
 */
export async function decideDispute(actor: Actor, raw: DecideDisputeInput, now = new Date()): Promise<{ status: "UPHELD" | "REJECTED"; finalScore: number }> {
  assertCan(actor, "quality:decide");
  const input = parse(decideDisputeInput, raw);
  return db.$transaction(async (tx) => {
    const [d] = await tx.$queryRaw<Array<{ id: number; version: number; status: string; evaluation_id: number; evaluator_id: number; agent_id: number; score: string; final_score: string }>>`
      SELECT d.id, d.version, d.status::text AS status, d.evaluation_id, e.evaluator_id, e.agent_id, e.score::text AS score, e.final_score::text AS final_score
      FROM qa_dispute d JOIN qa_evaluation e ON e.id = d.evaluation_id
      WHERE d.id = ${input.disputeId} AND ${staffScopeSql(actor, Prisma.sql`e.agent_id`, Prisma.sql`e.team_id`)}
      FOR UPDATE OF d, e`;
    if (!d) throw new NotFoundError("qa_dispute");
    if (d.version !== input.version) throw new ConflictError();
    if (d.status !== "OPEN") throw new ValidationError({ disputeId: "qaDecided" }, "quality.decided");
    if (d.evaluator_id === actor.id || d.agent_id === actor.id) throw new ValidationError({ disputeId: "qaOwnScoring" }, "quality.ownScoring");
    const finalScore = input.decision === "UPHELD" ? input.newScore! : Number(d.final_score);
    await tx.qaDispute.update({
      where: { id: d.id },
      data: { status: input.decision, decidedById: actor.id, decisionNote: input.note, newScore: input.decision === "UPHELD" ? finalScore : null, decidedAt: now, version: { increment: 1 } },
    });
    await tx.qaEvaluation.update({ where: { id: d.evaluation_id }, data: { ...(input.decision === "UPHELD" ? { finalScore } : {}), version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: "quality.disputeDecided",
      entity: "qa_dispute",
      entityId: d.id,
      data: { evaluationId: d.evaluation_id, decision: input.decision, score: Number(d.score), before: Number(d.final_score), finalScore },
    });
    return { status: input.decision, finalScore };
  });
}

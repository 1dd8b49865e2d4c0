import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { decodeTimeCursor, encodeTimeCursor } from "@/lib/shared/cursor";
import { staffScopeSql } from "@/lib/quality/staff-scope";
import { sampleScoringScope } from "@/lib/quality/evaluation-commands";
import { disputeOpenUntil } from "@/lib/quality/scoring";
import { loadQualitySettings } from "@/lib/quality/config-commands";
import type { QaSectionName } from "@/lib/quality/schemas";

// Reads of quality inspection (issue 24, docs/quality.md): the supervisor's sample queue, a sample
// to score, "My QA", an evaluation, the managers' disputes, the teams' averages, the calibration
// report, and the admin's configuration. Every read carries the staff scope (decision 032) in its
// WHERE; out of scope is not found. Keyset pages of PAGE rows.

export const PAGE = 50;
const scopeOn = (actor: Actor, alias: "s" | "e") => staffScopeSql(actor, Prisma.raw(`${alias}.agent_id`), Prisma.raw(`${alias}.team_id`));

export interface SampleRow {
  id: number;
  version: number;
  target: "CONTACT" | "COMPLAINT";
  refId: number;
  agentName: string;
  teamName: string | null;
  reason: string;
  week: string;
  calibration: boolean;
  status: "OPEN" | "SCORED" | "CANCELLED";
  createdAt: Date;
  /** Scorings so far (a calibration sample takes two). */
  scorings: number;
  /** Did the actor score it already (a calibration sample waits for another supervisor). */
  mine: boolean;
}

/**
 * The sample queue: open samples a supervisor may score (their team's, and every calibration sample
 * they have not scored yet), newest first; keyset by (created_at, id).
 */
export async function listSampleQueue(actor: Actor, opts: { after?: string } = {}): Promise<{ rows: SampleRow[]; next: string | null }> {
  assertCan(actor, "quality:score");
  const cursor = decodeTimeCursor(opts.after);
  const rows = await db.$queryRaw<Array<Omit<SampleRow, "createdAt"> & { createdAt: Date }>>`
    SELECT s.id, s.version, s.target::text AS target, s.ref_id AS "refId", u.display_name AS "agentName", t.name_zh AS "teamName",
           s.reason, s.week, s.calibration, s.status::text AS status, s.created_at AS "createdAt",
           (SELECT count(*)::int FROM qa_evaluation e WHERE e.sample_id = s.id) AS scorings,
           EXISTS (SELECT 1 FROM qa_evaluation e WHERE e.sample_id = s.id AND e.evaluator_id = ${actor.id}) AS mine
    FROM qa_sample s
    JOIN app_user u ON u.id = s.agent_id
    LEFT JOIN team t ON t.id = s.team_id
    WHERE s.status = 'OPEN' AND ${sampleScoringScope(actor)}
      AND NOT EXISTS (SELECT 1 FROM qa_evaluation e WHERE e.sample_id = s.id AND e.evaluator_id = ${actor.id})
      ${cursor ? Prisma.sql`AND (s.created_at, s.id) < (${cursor[0]}, ${cursor[1]})` : Prisma.empty}
    ORDER BY s.created_at DESC, s.id DESC
    LIMIT ${PAGE + 1}`;
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > PAGE && last ? encodeTimeCursor(last.createdAt, last.id) : null };
}

export interface FormItemView {
  id: number;
  section: QaSectionName;
  labelZh: string;
  labelEn: string;
  maxPoints: number;
  weight: number;
  isFatal: boolean;
  isActive: boolean;
  sortOrder: number;
  normId: number | null;
  normZh: string | null;
  normEn: string | null;
}

async function formItems(formId: number, activeOnly: boolean): Promise<FormItemView[]> {
  return db.$queryRaw<FormItemView[]>`
    SELECT i.id, i.section::text AS section, i.label_zh AS "labelZh", i.label_en AS "labelEn", i.max_points AS "maxPoints", i.weight,
           i.is_fatal AS "isFatal", i.is_active AS "isActive", i.sort_order AS "sortOrder", i.norm_id AS "normId",
           n.title_zh AS "normZh", n.title_en AS "normEn"
    FROM qa_form_item i LEFT JOIN service_norm n ON n.id = i.norm_id
    WHERE i.form_id = ${formId} ${activeOnly ? Prisma.sql`AND i.is_active` : Prisma.empty}
    ORDER BY array_position(ARRAY['ATTITUDE','KNOWLEDGE','COMMUNICATION','RESOLUTION','COMPLIANCE'], i.section::text), i.sort_order, i.id`;
}

export interface SampleTarget {
  kind: "CONTACT" | "COMPLAINT";
  /** CONTACT: the channel; COMPLAINT: the complaint number. */
  label: string;
  customerId: number;
  at: Date;
  durationSec: number | null;
  disposition: string | null;
  notes: string | null;
  complaintStatus: string | null;
}

export interface SampleForScoring {
  sample: SampleRow & { formId: number; agentId: number };
  form: { id: number; nameZh: string; nameEn: string; passScore: number };
  items: FormItemView[];
  target: SampleTarget | null;
}

/** A sample to score, with its form's active items and what was sampled. Blind: no other scoring is shown. */
export async function getSampleForScoring(actor: Actor, sampleId: number): Promise<SampleForScoring> {
  assertCan(actor, "quality:score");
  const [s] = await db.$queryRaw<Array<SampleRow & { formId: number; agentId: number }>>`
    SELECT s.id, s.version, s.target::text AS target, s.ref_id AS "refId", u.display_name AS "agentName", t.name_zh AS "teamName",
           s.reason, s.week, s.calibration, s.status::text AS status, s.created_at AS "createdAt", s.form_id AS "formId", s.agent_id AS "agentId",
           (SELECT count(*)::int FROM qa_evaluation e WHERE e.sample_id = s.id) AS scorings,
           EXISTS (SELECT 1 FROM qa_evaluation e WHERE e.sample_id = s.id AND e.evaluator_id = ${actor.id}) AS mine
    FROM qa_sample s JOIN app_user u ON u.id = s.agent_id LEFT JOIN team t ON t.id = s.team_id
    WHERE s.id = ${sampleId} AND ${sampleScoringScope(actor)}`;
  if (!s) throw new NotFoundError("qa_sample");
  const [form, items, target] = await Promise.all([
    db.qaForm.findUniqueOrThrow({ where: { id: s.formId }, select: { id: true, nameZh: true, nameEn: true, passScore: true } }),
    formItems(s.formId, true),
    sampleTarget(s.target, s.refId),
  ]);
  return { sample: s, form, items, target };
}

async function sampleTarget(kind: "CONTACT" | "COMPLAINT", refId: number): Promise<SampleTarget | null> {
  if (kind === "CONTACT") {
    const i = await db.interaction.findUnique({ where: { id: refId }, select: { channel: true, customerId: true, occurredAt: true, durationSec: true, disposition: true, notes: true } });
    return i
      ? { kind, label: i.channel, customerId: i.customerId, at: i.occurredAt, durationSec: i.durationSec, disposition: i.disposition, notes: i.notes, complaintStatus: null }
      : null;
  }
  const c = await db.complaint.findUnique({ where: { id: refId }, select: { complaintNo: true, customerId: true, createdAt: true, status: true, summary: true } });
  return c ? { kind, label: c.complaintNo, customerId: c.customerId, at: c.createdAt, durationSec: null, disposition: null, notes: c.summary, complaintStatus: c.status } : null;
}

export interface EvaluationRow {
  id: number;
  version: number;
  sampleId: number;
  target: "CONTACT" | "COMPLAINT";
  agentName: string;
  evaluatorName: string;
  formNameZh: string;
  formNameEn: string;
  passScore: number;
  score: number;
  finalScore: number;
  fatal: boolean;
  calibration: boolean;
  comment: string;
  scoredAt: Date;
  seenAt: Date | null;
  disputeId: number | null;
  disputeStatus: "OPEN" | "UPHELD" | "REJECTED" | null;
}

const EVALUATION_COLUMNS = Prisma.sql`
  e.id, e.version, e.sample_id AS "sampleId", s.target::text AS target, a.display_name AS "agentName", v.display_name AS "evaluatorName",
  f.name_zh AS "formNameZh", f.name_en AS "formNameEn", f.pass_score AS "passScore",
  e.score::float8 AS score, e.final_score::float8 AS "finalScore", e.fatal, e.calibration, e.comment, e.scored_at AS "scoredAt", e.seen_at AS "seenAt",
  d.id AS "disputeId", d.status::text AS "disputeStatus"`;
const EVALUATION_FROM = Prisma.sql`
  qa_evaluation e
  JOIN qa_sample s ON s.id = e.sample_id
  JOIN app_user a ON a.id = e.agent_id
  JOIN app_user v ON v.id = e.evaluator_id
  JOIN qa_form f ON f.id = e.form_id
  LEFT JOIN qa_dispute d ON d.evaluation_id = e.id`;

/** "My QA": the actor's own evaluations (calibration scorings never), newest first, with the dispute window. */
export async function listMyEvaluations(
  actor: Actor,
  opts: { after?: string } = {},
  now = new Date(),
): Promise<{ rows: Array<EvaluationRow & { disputable: boolean; disputeUntil: Date }>; next: string | null; unseen: number; windowDays: number }> {
  assertCan(actor, "quality:read");
  const cursor = decodeTimeCursor(opts.after);
  const [rows, [{ unseen }], settings] = await Promise.all([
    db.$queryRaw<EvaluationRow[]>`
      SELECT ${EVALUATION_COLUMNS} FROM ${EVALUATION_FROM}
      WHERE e.agent_id = ${actor.id} AND NOT e.calibration
        ${cursor ? Prisma.sql`AND (e.scored_at, e.id) < (${cursor[0]}, ${cursor[1]})` : Prisma.empty}
      ORDER BY e.scored_at DESC, e.id DESC LIMIT ${PAGE + 1}`,
    db.$queryRaw<Array<{ unseen: number }>>`SELECT count(*)::int AS unseen FROM qa_evaluation e WHERE e.agent_id = ${actor.id} AND NOT e.calibration AND e.seen_at IS NULL`,
    loadQualitySettings(),
  ]);
  const page = rows.slice(0, PAGE).map((r) => {
    const disputeUntil = disputeOpenUntil(r.scoredAt, settings.disputeWindowDays);
    return { ...r, disputeUntil, disputable: can(actor, "quality:dispute") && r.disputeId === null && now <= disputeUntil };
  });
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > PAGE && last ? encodeTimeCursor(last.scoredAt, last.id) : null, unseen, windowDays: settings.disputeWindowDays };
}

/**
 * Calibration stays blind: while a calibration sample is still open, only the evaluator sees a
 * scoring of it (the first one counts, so it is not flagged `calibration`); the judged agent never
 * sees the compared second scoring (over aliases `e` and `s` of EVALUATION_FROM).
 */
function calibrationBlindSql(actor: Actor): Prisma.Sql {
  return Prisma.sql`(e.evaluator_id = ${actor.id} OR NOT (s.calibration AND s.status = 'OPEN')) AND NOT (e.calibration AND e.agent_id = ${actor.id})`;
}

/** The team's recent evaluations (supervisors their team, managers all), newest first. */
export async function listTeamEvaluations(actor: Actor, opts: { after?: string } = {}): Promise<{ rows: EvaluationRow[]; next: string | null }> {
  assertCan(actor, "quality:read");
  const cursor = decodeTimeCursor(opts.after);
  const rows = await db.$queryRaw<EvaluationRow[]>`
    SELECT ${EVALUATION_COLUMNS} FROM ${EVALUATION_FROM}
    WHERE (${scopeOn(actor, "e")} OR e.evaluator_id = ${actor.id}) AND ${calibrationBlindSql(actor)}
      ${cursor ? Prisma.sql`AND (e.scored_at, e.id) < (${cursor[0]}, ${cursor[1]})` : Prisma.empty}
    ORDER BY e.scored_at DESC, e.id DESC LIMIT ${PAGE + 1}`;
  const page = rows.slice(0, PAGE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > PAGE && last ? encodeTimeCursor(last.scoredAt, last.id) : null };
}

export interface EvaluationDetail {
  evaluation: EvaluationRow & { agentId: number; evaluatorId: number; disputable: boolean; disputeUntil: Date };
  items: Array<FormItemView & { points: number; passed: boolean; comment: string }>;
  dispute: {
    id: number;
    version: number;
    reason: string;
    status: "OPEN" | "UPHELD" | "REJECTED";
    createdAt: Date;
    decidedByName: string | null;
    decisionNote: string;
    newScore: number | null;
    decidedAt: Date | null;
  } | null;
  /** May the actor decide its open dispute (a manager who did not score it). */
  mayDecide: boolean;
}

/** One evaluation with its items (as scored, inactive ones included) and its dispute. In scope, or scored by the actor. */
export async function getEvaluation(actor: Actor, evaluationId: number, now = new Date()): Promise<EvaluationDetail> {
  assertCan(actor, "quality:read");
  const [e] = await db.$queryRaw<Array<EvaluationRow & { agentId: number; evaluatorId: number }>>`
    SELECT ${EVALUATION_COLUMNS}, e.agent_id AS "agentId", e.evaluator_id AS "evaluatorId" FROM ${EVALUATION_FROM}
    WHERE e.id = ${evaluationId} AND (${scopeOn(actor, "e")} OR e.evaluator_id = ${actor.id}) AND ${calibrationBlindSql(actor)}`;
  if (!e) throw new NotFoundError("qa_evaluation");
  const [items, disputes, settings] = await Promise.all([
    db.$queryRaw<Array<FormItemView & { points: number; passed: boolean; comment: string }>>`
      SELECT i.id, i.section::text AS section, i.label_zh AS "labelZh", i.label_en AS "labelEn", i.max_points AS "maxPoints", i.weight,
             i.is_fatal AS "isFatal", i.is_active AS "isActive", i.sort_order AS "sortOrder", i.norm_id AS "normId",
             n.title_zh AS "normZh", n.title_en AS "normEn", x.points, x.passed, x.comment
      FROM qa_evaluation_item x JOIN qa_form_item i ON i.id = x.item_id LEFT JOIN service_norm n ON n.id = i.norm_id
      WHERE x.evaluation_id = ${e.id}
      ORDER BY array_position(ARRAY['ATTITUDE','KNOWLEDGE','COMMUNICATION','RESOLUTION','COMPLIANCE'], i.section::text), i.sort_order, i.id`,
    db.$queryRaw<NonNullable<EvaluationDetail["dispute"]>[]>`
      SELECT d.id, d.version, d.reason, d.status::text AS status, d.created_at AS "createdAt", u.display_name AS "decidedByName",
             d.decision_note AS "decisionNote", d.new_score::float8 AS "newScore", d.decided_at AS "decidedAt"
      FROM qa_dispute d LEFT JOIN app_user u ON u.id = d.decided_by_id WHERE d.evaluation_id = ${e.id}`,
    loadQualitySettings(),
  ]);
  const dispute = disputes[0] ?? null;
  const disputeUntil = disputeOpenUntil(e.scoredAt, settings.disputeWindowDays);
  const disputable = can(actor, "quality:dispute") && e.agentId === actor.id && !e.calibration && !dispute && now <= disputeUntil;
  const mayDecide = !!dispute && dispute.status === "OPEN" && can(actor, "quality:decide") && e.evaluatorId !== actor.id && e.agentId !== actor.id;
  return { evaluation: { ...e, disputable, disputeUntil }, items, dispute, mayDecide };
}

export interface DisputeRow {
  id: number;
  evaluationId: number;
  agentName: string;
  teamName: string | null;
  teamNameEn: string | null;
  evaluatorName: string;
  score: number;
  reason: string;
  status: "OPEN" | "UPHELD" | "REJECTED";
  createdAt: Date;
}

/** The disputes to decide (OPEN, oldest first) or decided ones (newest first), in scope. */
export async function listDisputes(actor: Actor, opts: { status: "OPEN" | "DECIDED" }): Promise<DisputeRow[]> {
  assertCan(actor, "quality:decide");
  return db.$queryRaw<DisputeRow[]>`
    SELECT d.id, d.evaluation_id AS "evaluationId", a.display_name AS "agentName", t.name_zh AS "teamName", t.name_en AS "teamNameEn", v.display_name AS "evaluatorName",
           e.score::float8 AS score, d.reason, d.status::text AS status, d.created_at AS "createdAt"
    FROM qa_dispute d JOIN qa_evaluation e ON e.id = d.evaluation_id
    JOIN app_user a ON a.id = e.agent_id JOIN app_user v ON v.id = e.evaluator_id LEFT JOIN team t ON t.id = e.team_id
    WHERE ${scopeOn(actor, "e")} AND ${opts.status === "OPEN" ? Prisma.sql`d.status = 'OPEN'` : Prisma.sql`d.status <> 'OPEN'`}
    ORDER BY ${opts.status === "OPEN" ? Prisma.sql`d.created_at, d.id` : Prisma.sql`d.decided_at DESC NULLS LAST, d.id DESC`}
    LIMIT 200`;
}

export interface TeamAverageRow {
  teamId: number | null;
  teamZh: string | null;
  teamEn: string | null;
  month: string;
  evaluations: number;
  average: number;
  passRate: number;
}

/** The teams' QA averages per month (final scores, calibration scorings excluded), the last `months` months, in scope. */
/** The QA report (averages, calibration agreement) is for those who score or decide: supervisors and managers. */
function assertCanReadReport(actor: Actor): void {
  assertCan(actor, "quality:read");
  if (!can(actor, "quality:score") && !can(actor, "quality:decide")) throw new ForbiddenError("quality:score");
}

export async function teamAverages(actor: Actor, months = 3, now = new Date()): Promise<TeamAverageRow[]> {
  assertCanReadReport(actor);
  const since = new Date(now.getTime() - months * 31 * 86_400_000);
  return db.$queryRaw<TeamAverageRow[]>`
    SELECT e.team_id AS "teamId", t.name_zh AS "teamZh", t.name_en AS "teamEn",
           to_char(e.scored_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*)::int AS evaluations,
           round(avg(e.final_score), 2)::float8 AS average,
           round(100.0 * avg(CASE WHEN e.final_score >= f.pass_score THEN 1 ELSE 0 END), 2)::float8 AS "passRate"
    FROM qa_evaluation e JOIN qa_form f ON f.id = e.form_id LEFT JOIN team t ON t.id = e.team_id
    WHERE NOT e.calibration AND e.scored_at >= ${since} AND ${scopeOn(actor, "e")}
    GROUP BY e.team_id, t.name_zh, t.name_en, month
    ORDER BY month, t.name_zh`;
}

export interface AgentAverageRow {
  agentId: number;
  agentName: string;
  evaluations: number;
  average: number;
  fatal: number;
  disputes: number;
}

/** Per agent over the last 30 days (final scores, calibration excluded), in scope. */
export async function agentAverages(actor: Actor, now = new Date()): Promise<AgentAverageRow[]> {
  assertCanReadReport(actor);
  const since = new Date(now.getTime() - 30 * 86_400_000);
  return db.$queryRaw<AgentAverageRow[]>`
    SELECT e.agent_id AS "agentId", a.display_name AS "agentName", count(*)::int AS evaluations,
           round(avg(e.final_score), 2)::float8 AS average, count(*) FILTER (WHERE e.fatal)::int AS fatal,
           count(d.id)::int AS disputes
    FROM qa_evaluation e JOIN app_user a ON a.id = e.agent_id LEFT JOIN qa_dispute d ON d.evaluation_id = e.id
    WHERE NOT e.calibration AND e.scored_at >= ${since} AND ${scopeOn(actor, "e")}
    GROUP BY e.agent_id, a.display_name ORDER BY average, a.display_name LIMIT 500`;
}

export interface CalibrationPairRow {
  evaluatorA: string;
  evaluatorB: string;
  samples: number;
  /** Mean absolute difference of the two scores. */
  scoreDiff: number;
  /** Mean share of items both scored the same (points and pass/fail), %. */
  itemAgreement: number;
}

/**
 * The calibration report: per pair of supervisors who scored the same calibration samples, how far
 * their scores lie apart and how often they agreed item by item. Supervisors see pairs on their
 * team's samples or that they are part of; managers all.
 */
export async function calibrationReport(actor: Actor): Promise<CalibrationPairRow[]> {
  assertCanReadReport(actor);
  return db.$queryRaw<CalibrationPairRow[]>`
    WITH pairs AS (
      SELECT s.id AS sample_id, LEAST(e1.evaluator_id, e2.evaluator_id) AS a_id, GREATEST(e1.evaluator_id, e2.evaluator_id) AS b_id,
             abs(e1.score - e2.score) AS diff, e1.id AS e1, e2.id AS e2
      FROM qa_sample s
      JOIN qa_evaluation e1 ON e1.sample_id = s.id
      JOIN qa_evaluation e2 ON e2.sample_id = s.id AND e2.evaluator_id > e1.evaluator_id
      WHERE s.calibration AND (${scopeOn(actor, "s")} OR e1.evaluator_id = ${actor.id} OR e2.evaluator_id = ${actor.id})
    ), agreement AS (
      SELECT p.sample_id, p.a_id, p.b_id, p.diff,
             (SELECT 100.0 * avg(CASE WHEN x1.points = x2.points AND x1.passed = x2.passed THEN 1 ELSE 0 END)
              FROM qa_evaluation_item x1 JOIN qa_evaluation_item x2 ON x2.item_id = x1.item_id AND x2.evaluation_id = p.e2
              WHERE x1.evaluation_id = p.e1) AS agree
      FROM pairs p
    )
    SELECT ua.display_name AS "evaluatorA", ub.display_name AS "evaluatorB", count(*)::int AS samples,
           round(avg(g.diff), 2)::float8 AS "scoreDiff", round(avg(g.agree), 2)::float8 AS "itemAgreement"
    FROM agreement g JOIN app_user ua ON ua.id = g.a_id JOIN app_user ub ON ub.id = g.b_id
    GROUP BY ua.display_name, ub.display_name ORDER BY ua.display_name, ub.display_name`;
}

// ---- the admin's configuration

export async function listNorms(actor: Actor) {
  assertCan(actor, "quality:configure");
  return db.serviceNorm.findMany({ orderBy: [{ kind: "asc" }, { sortOrder: "asc" }, { id: "asc" }] });
}

export async function listForms(actor: Actor) {
  assertCan(actor, "quality:configure");
  const forms = await db.qaForm.findMany({ orderBy: { id: "asc" }, include: { _count: { select: { items: { where: { isActive: true } } } } } });
  return forms.map((f) => ({ id: f.id, version: f.version, nameZh: f.nameZh, nameEn: f.nameEn, target: f.target, passScore: f.passScore, isActive: f.isActive, items: f._count.items }));
}

export async function getFormForEdit(actor: Actor, formId: number) {
  assertCan(actor, "quality:configure");
  const form = await db.qaForm.findUnique({ where: { id: formId } });
  if (!form) throw new NotFoundError("qa_form");
  const [items, norms] = await Promise.all([
    formItems(formId, true),
    db.serviceNorm.findMany({ where: { isActive: true }, orderBy: [{ kind: "asc" }, { sortOrder: "asc" }], select: { id: true, code: true, titleZh: true, titleEn: true } }),
  ]);
  return { form, items, norms };
}

export async function listSamplingRules(actor: Actor) {
  assertCan(actor, "quality:configure");
  return db.qaSamplingRule.findMany({ orderBy: { id: "asc" } });
}

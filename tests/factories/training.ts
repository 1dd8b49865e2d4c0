// Training and the monthly assessment (issue 24): rows for tests, the demo and the generator —
// sessions, QA evaluations (the "qa" area's table, built directly), knowledge articles, and the
// agent-grain month rows of the complaint and survey rollups the assessment reads.
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientOr, uniqueNumber, type FactoryDb } from "@/tests/factories/db";

/** A QA evaluation (with its form and sample) of `agentId`, scored at `scoredAt`. */
export async function createQaEvaluation(
  input: { agentId: number; teamId: number | null; evaluatorId: number; finalScore: number; scoredAt: Date; calibration?: boolean },
  db?: FactoryDb,
): Promise<{ id: number }> {
  const client = await clientOr(db);
  const form =
    (await client.qaForm.findFirst({ where: { nameEn: "Factory QA form" }, select: { id: true } })) ??
    (await client.qaForm.create({ data: { nameZh: "测试质检表", nameEn: "Factory QA form", target: "CONTACT" }, select: { id: true } }));
  const n = uniqueNumber();
  const sample = await client.qaSample.create({
    data: {
      target: "CONTACT",
      refId: 1_000_000_000 + n,
      agentId: input.agentId,
      teamId: input.teamId,
      formId: form.id,
      reason: "factory",
      week: "2026-W01",
      calibration: !!input.calibration,
      status: "SCORED",
    },
  });
  return client.qaEvaluation.create({
    data: {
      sampleId: sample.id,
      evaluatorId: input.evaluatorId,
      agentId: input.agentId,
      teamId: input.teamId,
      formId: form.id,
      score: input.finalScore,
      finalScore: input.finalScore,
      calibration: !!input.calibration,
      scoredAt: input.scoredAt,
    },
    select: { id: true },
  });
}

/** A knowledge article (published unless said otherwise). */
export async function createKbArticle(
  input: { titleZh: string; titleEn?: string; ownerId: number; status?: "DRAFT" | "PUBLISHED" | "ARCHIVED" },
  db?: FactoryDb,
): Promise<{ id: number }> {
  const client = await clientOr(db);
  const cat =
    (await client.kbCategory.findFirst({ orderBy: { id: "asc" }, select: { id: true } })) ??
    (await client.kbCategory.create({ data: { code: `FACTORY-${uniqueNumber()}`, nameZh: "测试分类", nameEn: "Factory category" }, select: { id: true } }));
  return client.kbArticle.create({
    data: {
      categoryId: cat.id,
      titleZh: input.titleZh,
      titleEn: input.titleEn ?? "",
      status: input.status ?? "PUBLISHED",
      ownerId: input.ownerId,
      createdById: input.ownerId,
    },
    select: { id: true },
  });
}

export async function createTrainingSession(
  input: Partial<Prisma.TrainingSessionUncheckedCreateInput> & { trainerId: number; startsAt: Date },
  db?: FactoryDb,
): Promise<{ id: number; version: number }> {
  const client = await clientOr(db);
  return client.trainingSession.create({
    data: { topic: `培训 ${uniqueNumber()}`, createdById: input.trainerId, ...input },
    select: { id: true, version: true },
  });
}

export interface AgentMonthFigures {
  /** Complaint clocks: met / decided over the four clocks together. */
  slaMet?: number;
  slaDecided?: number;
  handlingMinutes?: number;
  handled?: number;
  fcrYes?: number;
  fcrDecided?: number;
  satisfied?: number;
  answered?: number;
}

/**
 * The agent-grain month rows (grain 16 + 64, day = the month's first) of the complaint and survey
 * rollups, as the rollup job would leave them for `agentId` in `month` ("YYYY-MM").
 */
export async function putAgentMonthRollups(agentId: number, month: string, f: AgentMonthFigures, db?: FactoryDb): Promise<void> {
  const client = await clientOr(db);
  const day = `${month}-01`;
  await client.$executeRaw`
    INSERT INTO complaint_daily_rollup (grain, day, team_id, agent_id, category_id, channel, region, value_tier, opened, resolved, handling_minutes, handled_count, res_met, res_decided, fcr_yes, fcr_decided)
    VALUES (80, ${day}::date, -1, ${agentId}, -1, '*', '*', '*', ${f.handled ?? 0}, ${f.handled ?? 0}, ${f.handlingMinutes ?? 0}, ${f.handled ?? 0}, ${f.slaMet ?? 0}, ${f.slaDecided ?? 0}, ${f.fcrYes ?? 0}, ${f.fcrDecided ?? 0})
    ON CONFLICT DO NOTHING`;
  if (f.answered !== undefined)
    await client.$executeRaw`
      INSERT INTO survey_daily_rollup (grain, day, kind, dimension, team_id, agent_id, category_id, channel, region, value_tier, sent, answered, satisfied)
      VALUES (80, ${day}::date, 'CSAT', '', -1, ${agentId}, -1, '*', '*', '*', ${f.answered}, ${f.answered}, ${f.satisfied ?? 0})
      ON CONFLICT DO NOTHING`;
}

// The quality-inspection demo (issue 24): admin1's service norms, a contact and a complaint QA form
// (five sections, the fatal "泄露客户信息"), the sampling rules; for Hotline Team 1 thirteen weeks
// of evaluations by supervisor1 (two per agent and week, so the monthly assessment has QA averages);
// three open samples of agent1's contacts for supervisor1 to score today; a recent, disputable
// evaluation of agent1; a dispute of agent1 awaiting manager1; a decided one; one calibration pair
// (supervisor1 and supervisor2). Deterministic for a given day; runs once (a marker), after the
// seed's transaction, through the quality commands (their audit rows included).
import { db } from "@/lib/db";
import { actorOf } from "@/tests/factories/staff";
import { saveForm, saveNorm, saveSamplingRule } from "@/lib/quality/config-commands";
import { decideDispute, disputeEvaluation, scoreSample } from "@/lib/quality/evaluation-commands";
import { COMPLAINT_FORM_ITEMS, CONTACT_FORM_ITEMS, DEMO_NORMS, createContactSample, type ItemSpec } from "@/tests/factories/quality";
import type { QaFormItem } from "@/lib/generated/prisma/client";

const MARKER = "demo.qualitySeededAt";
const DAY = 86_400_000;

/** Deterministic deductions: most items full, some one or two points off, now and then more. */
export function demoPoints(items: QaFormItem[], seed: number, opts: { failFatal?: boolean; weak?: boolean } = {}) {
  return items.map((item, n) => {
    if (item.isFatal) return { itemId: item.id, points: 0, passed: !opts.failFatal, comment: opts.failFatal ? "通话中读出了客户的完整证件号码" : "" };
    const h = (seed * 31 + n * 17 + item.id) % 13;
    const off = h === 0 ? 2 : h < 3 || (opts.weak && h < 7) ? 1 : 0;
    return { itemId: item.id, points: Math.max(0, item.maxPoints - off), passed: true, comment: off >= 2 ? "需改进:请参照服务规范" : "" };
  });
}

export async function seedDemoQuality(now = new Date()): Promise<{ evaluations: number } | null> {
  if (await db.appSetting.findUnique({ where: { key: MARKER } })) return null;
  const user = (username: string) => db.user.findUniqueOrThrow({ where: { username } });
  const admin = actorOf(await user("admin1"));
  const supervisor = actorOf(await user("supervisor1"));
  const supervisor2 = actorOf(await user("supervisor2"));
  const manager = actorOf(await user("manager1"));
  const agent1 = actorOf(await user("agent1"));
  const team = await db.team.findUniqueOrThrow({ where: { code: "HOTLINE-1" } });
  const customer = await db.customer.findFirst({ where: { status: "ACTIVE" }, orderBy: { id: "asc" }, select: { id: true } });
  if (!customer) return null;

  // Norms and forms, as admin1 would make them.
  const norms = new Map<string, number>();
  for (const n of DEMO_NORMS) {
    const existing = await db.serviceNorm.findUnique({ where: { code: n.code } });
    norms.set(n.code, existing?.id ?? (await saveNorm(admin, { ...n, descriptionZh: "", descriptionEn: "", isActive: true })).id);
  }
  const makeForm = async (target: "CONTACT" | "COMPLAINT", nameZh: string, nameEn: string, items: ItemSpec[]) => {
    const { id } = await saveForm(admin, { nameZh, nameEn, target, passScore: 80, isActive: true });
    await db.qaFormItem.createMany({
      data: items.map((i, n) => ({
        formId: id,
        section: i.section,
        labelZh: i.labelZh,
        labelEn: i.labelEn,
        maxPoints: i.maxPoints ?? 5,
        weight: i.isFatal ? 0 : (i.weight ?? 1),
        isFatal: i.isFatal ?? false,
        normId: i.norm ? (norms.get(i.norm) ?? null) : null,
        sortOrder: n + 1,
      })),
    });
    return { id, items: await db.qaFormItem.findMany({ where: { formId: id }, orderBy: { sortOrder: "asc" } }) };
  };
  const contactForm = await makeForm("CONTACT", "热线接触质检表", "Hotline contact QA form", CONTACT_FORM_ITEMS);
  const complaintForm = await makeForm("COMPLAINT", "投诉处理质检表", "Complaint handling QA form", COMPLAINT_FORM_ITEMS);
  await saveSamplingRule(admin, { kind: "RANDOM_PER_AGENT_WEEK", param: 2, formId: contactForm.id, isActive: true });
  await saveSamplingRule(admin, { kind: "DETRACTOR_COMPLAINT", param: 0, formId: complaintForm.id, isActive: true });
  await saveSamplingRule(admin, { kind: "ESCALATION", param: 0, formId: complaintForm.id, isActive: true });
  await saveSamplingRule(admin, { kind: "LONG_CALL", param: 15, formId: contactForm.id, isActive: true });

  // Thirteen weeks of Hotline Team 1's evaluations: two contacts per agent and week, scored the next day.
  const agents = await db.user.findMany({ where: { teamId: team.id, role: "AGENT", isActive: true }, orderBy: { id: "asc" } });
  let evaluations = 0;
  const score = async (sampleId: number, by = supervisor, at: Date, opts: { failFatal?: boolean; weak?: boolean } = {}) => {
    const s = await db.qaSample.findUniqueOrThrow({ where: { id: sampleId } });
    const r = await scoreSample(
      by,
      { sampleId, version: s.version, items: demoPoints(contactForm.items, sampleId, opts), comment: opts.weak ? "整体合格,注意资费解释的准确性。" : "" },
      at,
    );
    evaluations++;
    return r;
  };
  for (let week = 13; week >= 1; week--) {
    for (const [k, a] of agents.entries()) {
      for (const slot of [0, 1]) {
        const at = new Date(now.getTime() - week * 7 * DAY + ((slot * 3 + k) * DAY) / 2 - 2 * 3_600_000);
        const sample = await createContactSample({
          agentId: a.id,
          teamId: team.id,
          formId: contactForm.id,
          at,
          customerId: customer.id,
          reason: "RANDOM",
          durationSec: 180 + ((week * 7 + k) % 9) * 60,
        });
        // One agent a little weaker, and a fatal item failed once in the quarter.
        await score(sample.id, supervisor, new Date(at.getTime() + DAY), { weak: k === 1, failFatal: week === 9 && k === 2 && slot === 0 });
      }
    }
  }
  // Hotline Team 2, lighter: one contact per agent and week, scored by supervisor2 (the managers' chart compares the teams).
  const team2 = await db.team.findUniqueOrThrow({ where: { code: "HOTLINE-2" } });
  const agents2 = await db.user.findMany({ where: { teamId: team2.id, role: "AGENT", isActive: true }, orderBy: { id: "asc" } });
  for (let week = 13; week >= 1; week--) {
    for (const [k, a] of agents2.entries()) {
      const at = new Date(now.getTime() - week * 7 * DAY + k * DAY - 3 * 3_600_000);
      const sample = await createContactSample({ agentId: a.id, teamId: team2.id, formId: contactForm.id, at, customerId: customer.id, reason: "RANDOM" });
      await score(sample.id, supervisor2, new Date(at.getTime() + DAY), { weak: (week + k) % 3 === 0 });
    }
  }
  // The agents read their older results (only the last week's are new on "My QA").
  await db.$executeRaw`UPDATE qa_evaluation SET seen_at = scored_at + interval '1 day' WHERE seen_at IS NULL AND NOT calibration AND scored_at < ${new Date(now.getTime() - 7 * DAY)}`;
  // agent1: one evaluation already disputed and decided (upheld) a month ago.
  const old = await db.qaEvaluation.findFirstOrThrow({
    where: { agentId: agent1.id, scoredAt: { lt: new Date(now.getTime() - 25 * DAY) } },
    orderBy: { scoredAt: "desc" },
  });
  const oldDispute = await disputeEvaluation(
    agent1,
    { evaluationId: old.id, version: old.version, reason: "客户要求的业务确实在系统中无法办理,已按流程转交,不应扣“一次解决”分。" },
    new Date(old.scoredAt.getTime() + DAY),
  );
  await decideDispute(
    manager,
    { disputeId: oldDispute.disputeId, version: 1, decision: "UPHELD", newScore: Math.min(100, Number(old.score) + 6), note: "系统限制属实,改分。" },
    new Date(old.scoredAt.getTime() + 3 * DAY),
  );

  // This week: agent1's contacts, one scored 2 days ago (disputable), one 3 days ago and disputed (awaiting manager1).
  const recent = await createContactSample({
    agentId: agent1.id,
    teamId: team.id,
    formId: contactForm.id,
    at: new Date(now.getTime() - 3 * DAY),
    customerId: customer.id,
    reason: "LONG_CALL",
    durationSec: 1260,
  });
  await score(recent.id, supervisor, new Date(now.getTime() - 2 * DAY), { weak: true });
  const disputed = await createContactSample({
    agentId: agent1.id,
    teamId: team.id,
    formId: contactForm.id,
    at: new Date(now.getTime() - 4 * DAY),
    customerId: customer.id,
    reason: "RANDOM",
  });
  const d = await score(disputed.id, supervisor, new Date(now.getTime() - 3 * DAY), { weak: true });
  const e = await db.qaEvaluation.findUniqueOrThrow({ where: { id: d.evaluationId } });
  await disputeEvaluation(
    agent1,
    { evaluationId: e.id, version: e.version, reason: "客户来电前已在 App 上办理失败,我按流程登记了工单,“一次解决”不应扣分。" },
    new Date(now.getTime() - 2 * DAY),
  );

  // A calibration pair: agent3's contact scored by supervisor1, then blind by supervisor2.
  const agent3 = agents.find((a) => a.username === "agent3") ?? agents[agents.length - 1];
  const cal = await createContactSample({
    agentId: agent3.id,
    teamId: team.id,
    formId: contactForm.id,
    at: new Date(now.getTime() - 5 * DAY),
    customerId: customer.id,
    reason: "RANDOM",
    calibration: true,
  });
  await score(cal.id, supervisor, new Date(now.getTime() - 4 * DAY));
  await score(cal.id, supervisor2, new Date(now.getTime() - 4 * DAY + 3_600_000), { weak: true });

  // Open for supervisor1 today: three of agent1's contacts of this morning.
  for (const [n, minutes] of [6, 11, 18].entries())
    await createContactSample({
      agentId: agent1.id,
      teamId: team.id,
      formId: contactForm.id,
      at: new Date(now.getTime() - (n + 1) * 3_600_000),
      customerId: customer.id,
      reason: n === 2 ? "LONG_CALL" : "RANDOM",
      durationSec: minutes * 60,
      createdById: null,
    });

  await db.appSetting.create({ data: { key: MARKER, value: { at: now.toISOString(), evaluations } } });
  return { evaluations };
}

// Quality inspection (issue 24), for tests and the demo: norms, QA forms with their items, samples
// of contacts. The demo (tests/factories/quality-demo.ts) and the generator build on these.
import type { QaForm, QaFormItem, QaSample, Prisma } from "@/lib/generated/prisma/client";
import { isoWeek } from "@/lib/quality/scoring";
import type { QaSectionName } from "@/lib/quality/schemas";
import { clientOr, uniqueNumber, type FactoryDb } from "@/tests/factories/db";

export interface NormSpec {
  kind: "LANGUAGE" | "CONDUCT";
  code: string;
  titleZh: string;
  titleEn: string;
}

/** The demo's service norms (语言规范 / 行为规范). */
export const DEMO_NORMS: NormSpec[] = [
  { kind: "LANGUAGE", code: "LANG-GREETING", titleZh: "标准开头语", titleEn: "Standard greeting" },
  { kind: "LANGUAGE", code: "LANG-POLITE", titleZh: "使用礼貌用语,不说服务禁语", titleEn: "Polite words, no forbidden phrases" },
  { kind: "LANGUAGE", code: "LANG-MANDARIN", titleZh: "普通话清晰,语速适中", titleEn: "Clear Mandarin at a moderate pace" },
  { kind: "LANGUAGE", code: "LANG-CLOSING", titleZh: "标准结束语", titleEn: "Standard closing" },
  { kind: "CONDUCT", code: "CONDUCT-VERIFY", titleZh: "办理业务前核实身份", titleEn: "Verify identity before any change" },
  { kind: "CONDUCT", code: "CONDUCT-PRIVACY", titleZh: "不泄露客户信息", titleEn: "Never disclose customer information" },
  { kind: "CONDUCT", code: "CONDUCT-FIRST-ASK", titleZh: "首问负责,不推诿", titleEn: "First contact owns the issue, no passing the buck" },
  { kind: "CONDUCT", code: "CONDUCT-HOLD", titleZh: "等待超过 30 秒需告知客户", titleEn: "Tell the customer before a hold over 30 seconds" },
  { kind: "CONDUCT", code: "CONDUCT-RECORD", titleZh: "如实完整记录工单", titleEn: "Record the contact truthfully and completely" },
];

export interface ItemSpec {
  section: QaSectionName;
  labelZh: string;
  labelEn: string;
  maxPoints?: number;
  weight?: number;
  isFatal?: boolean;
  norm?: string;
}

/** A contact QA form's items: the five sections, a fatal "leaked customer information". */
export const CONTACT_FORM_ITEMS: ItemSpec[] = [
  { section: "ATTITUDE", labelZh: "开头语规范、热情", labelEn: "Warm, standard greeting", maxPoints: 5, weight: 8, norm: "LANG-GREETING" },
  { section: "ATTITUDE", labelZh: "礼貌用语,无服务禁语", labelEn: "Polite, no forbidden phrases", maxPoints: 5, weight: 10, norm: "LANG-POLITE" },
  { section: "ATTITUDE", labelZh: "耐心倾听,不打断客户", labelEn: "Listens patiently, does not interrupt", maxPoints: 5, weight: 8 },
  { section: "KNOWLEDGE", labelZh: "资费与套餐解释准确", labelEn: "Explains tariffs and plans correctly", maxPoints: 5, weight: 12 },
  { section: "KNOWLEDGE", labelZh: "业务办理流程正确", labelEn: "Follows the right procedure", maxPoints: 5, weight: 10 },
  { section: "COMMUNICATION", labelZh: "表达清晰,语速适中", labelEn: "Clear, at a moderate pace", maxPoints: 5, weight: 8, norm: "LANG-MANDARIN" },
  { section: "COMMUNICATION", labelZh: "确认客户需求", labelEn: "Confirms what the customer needs", maxPoints: 5, weight: 8 },
  { section: "RESOLUTION", labelZh: "一次解决问题", labelEn: "Resolves at first contact", maxPoints: 5, weight: 14, norm: "CONDUCT-FIRST-ASK" },
  { section: "RESOLUTION", labelZh: "告知后续处理与时限", labelEn: "Explains next steps and when", maxPoints: 5, weight: 8 },
  { section: "COMPLIANCE", labelZh: "办理前核实身份", labelEn: "Verifies identity first", maxPoints: 3, weight: 8, norm: "CONDUCT-VERIFY" },
  { section: "COMPLIANCE", labelZh: "如实完整记录", labelEn: "Records truthfully and completely", maxPoints: 3, weight: 6, norm: "CONDUCT-RECORD" },
  { section: "COMPLIANCE", labelZh: "泄露客户信息", labelEn: "Leaked customer information", isFatal: true, maxPoints: 1, weight: 0, norm: "CONDUCT-PRIVACY" },
];

/** A complaint QA form's items. */
export const COMPLAINT_FORM_ITEMS: ItemSpec[] = [
  { section: "ATTITUDE", labelZh: "安抚客户情绪", labelEn: "Calms the customer", maxPoints: 5, weight: 10 },
  { section: "ATTITUDE", labelZh: "致歉得体", labelEn: "Apologises appropriately", maxPoints: 5, weight: 8, norm: "LANG-POLITE" },
  { section: "KNOWLEDGE", labelZh: "准确判断投诉类别与等级", labelEn: "Right category and grade", maxPoints: 5, weight: 10 },
  { section: "KNOWLEDGE", labelZh: "补偿政策运用正确", labelEn: "Applies the compensation policy correctly", maxPoints: 5, weight: 10 },
  { section: "COMMUNICATION", labelZh: "及时回复客户", labelEn: "Replies to the customer in time", maxPoints: 5, weight: 10 },
  { section: "COMMUNICATION", labelZh: "说明处理进展", labelEn: "Keeps the customer informed", maxPoints: 5, weight: 8 },
  { section: "RESOLUTION", labelZh: "在时限内解决", labelEn: "Resolved within the deadline", maxPoints: 5, weight: 14 },
  { section: "RESOLUTION", labelZh: "根因记录完整", labelEn: "Root cause recorded", maxPoints: 5, weight: 10 },
  { section: "RESOLUTION", labelZh: "回访确认", labelEn: "Return visit confirms", maxPoints: 5, weight: 8 },
  { section: "COMPLIANCE", labelZh: "首问负责,不推诿", labelEn: "Owns the complaint, no passing the buck", maxPoints: 3, weight: 6, norm: "CONDUCT-FIRST-ASK" },
  { section: "COMPLIANCE", labelZh: "如实记录处理过程", labelEn: "Records the handling truthfully", maxPoints: 3, weight: 6, norm: "CONDUCT-RECORD" },
  { section: "COMPLIANCE", labelZh: "泄露客户信息", labelEn: "Leaked customer information", isFatal: true, maxPoints: 1, weight: 0, norm: "CONDUCT-PRIVACY" },
];

/** The norms (created when missing, by code); returns code → id. */
export async function ensureNorms(norms: NormSpec[] = DEMO_NORMS, db?: FactoryDb): Promise<Map<string, number>> {
  const client = await clientOr(db);
  const out = new Map<string, number>();
  for (const [i, n] of norms.entries()) {
    const row = await client.serviceNorm.upsert({ where: { code: n.code }, create: { ...n, sortOrder: i + 1 }, update: {} });
    out.set(n.code, row.id);
  }
  return out;
}

/** A QA form with items (the contact form's by default). */
export async function createQaForm(
  overrides: Partial<Prisma.QaFormCreateManyInput> & { items?: ItemSpec[] } = {},
  db?: FactoryDb,
): Promise<QaForm & { items: QaFormItem[] }> {
  const client = await clientOr(db);
  const { items = CONTACT_FORM_ITEMS, ...data } = overrides;
  const norms = items.some((i) => i.norm) ? await ensureNorms(DEMO_NORMS, client) : new Map<string, number>();
  const form = await client.qaForm.create({
    data: { nameZh: `质检表 ${uniqueNumber()}`, nameEn: `QA form ${uniqueNumber()}`, target: "CONTACT", passScore: 80, ...data },
  });
  await client.qaFormItem.createMany({
    data: items.map((i, n) => ({
      formId: form.id,
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
  return { ...form, items: await client.qaFormItem.findMany({ where: { formId: form.id }, orderBy: { sortOrder: "asc" } }) };
}

/** A contact of `agentId` (a new interaction on the first customer unless given) sampled for QA. */
export async function createContactSample(
  spec: {
    agentId: number;
    teamId: number | null;
    formId: number;
    at?: Date;
    customerId?: number;
    durationSec?: number;
    calibration?: boolean;
    reason?: string;
    createdById?: number | null;
  },
  db?: FactoryDb,
): Promise<QaSample> {
  const client = await clientOr(db);
  const at = spec.at ?? new Date();
  const customerId = spec.customerId ?? (await client.customer.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } })).id;
  const contact = await client.interaction.create({
    data: {
      customerId,
      agentId: spec.agentId,
      channel: "HOTLINE",
      direction: "INBOUND",
      disposition: "INFO_PROVIDED",
      reasonCode: "BILL_QUERY",
      durationSec: spec.durationSec ?? 240,
      occurredAt: at,
    },
  });
  return client.qaSample.create({
    data: {
      target: "CONTACT",
      refId: contact.id,
      agentId: spec.agentId,
      teamId: spec.teamId,
      formId: spec.formId,
      reason: spec.reason ?? "MANUAL",
      week: isoWeek(at),
      calibration: spec.calibration ?? false,
      createdById: spec.createdById ?? null,
      createdAt: at,
    },
  });
}

/** Full points on every item but `deduct` (item index → points), fatal items passed unless listed in `fail`. */
export function scoringOf(items: QaFormItem[], deduct: Record<number, number> = {}, fail: number[] = []) {
  return items
    .filter((i) => i.isActive)
    .map((i, n) => ({ itemId: i.id, points: i.isFatal ? 0 : (deduct[n] ?? i.maxPoints), passed: !(i.isFatal && fail.includes(n)), comment: "" }));
}

type SqlClient = { query: (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> } | unknown> };

/**
 * QA for a generated base (scripts/generate.ts), set-based: the demo's norms and contact form and
 * the sampling rules when missing; two contacts per agent and ISO week over the last 13 weeks
 * sampled and scored by a supervisor of the agent's team (items with deterministic deductions, the
 * score computed from them as lib/quality/scoring.ts does; now and then a failed fatal item); the
 * latest week's samples left open for the queue. Idempotent: skipped when evaluations exist.
 */
export async function seedQaEvaluations(c: SqlClient, now = new Date()): Promise<void> {
  const rows = async (sql: string, params: unknown[] = []) => ((await c.query(sql, params)) as { rows: Array<Record<string, unknown>> }).rows;
  if ((await rows(`SELECT 1 FROM qa_evaluation LIMIT 1`)).length) return;
  for (const [i, n] of DEMO_NORMS.entries())
    await c.query(
      `INSERT INTO service_norm (kind, code, title_zh, title_en, sort_order, updated_at) VALUES ($1::"ServiceNormKind", $2, $3, $4, $5, now()) ON CONFLICT (code) DO NOTHING`,
      [n.kind, n.code, n.titleZh, n.titleEn, i + 1],
    );
  let [form] = await rows(`SELECT id FROM qa_form WHERE target = 'CONTACT' AND is_active ORDER BY id LIMIT 1`);
  if (!form) {
    [form] = await rows(
      `INSERT INTO qa_form (name_zh, name_en, target, pass_score, updated_at) VALUES ('热线接触质检表', 'Hotline contact QA form', 'CONTACT', 80, now()) RETURNING id`,
    );
    for (const [k, it] of CONTACT_FORM_ITEMS.entries())
      await c.query(
        `INSERT INTO qa_form_item (form_id, section, label_zh, label_en, max_points, weight, is_fatal, norm_id, sort_order)
         VALUES ($1, $2::"QaSection", $3, $4, $5, $6, $7, (SELECT id FROM service_norm WHERE code = $8), $9)`,
        [form.id, it.section, it.labelZh, it.labelEn, it.maxPoints ?? 5, it.isFatal ? 0 : (it.weight ?? 1), it.isFatal ?? false, it.norm ?? null, k + 1],
      );
  }
  if (!(await rows(`SELECT 1 FROM qa_sampling_rule LIMIT 1`)).length)
    await c.query(
      `INSERT INTO qa_sampling_rule (kind, param, form_id, updated_at) VALUES ('RANDOM_PER_AGENT_WEEK', 2, $1, now()), ('LONG_CALL', 20, $1, now())`,
      [form.id],
    );
  const weekStartSql = `date_trunc('week', ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')) AT TIME ZONE 'Asia/Shanghai'`;
  // Two contacts per agent and week (md5 order: random, reproducible); the current week's stay open.
  await c.query(
    `INSERT INTO qa_sample (target, ref_id, agent_id, team_id, form_id, reason, week, status, created_at)
     SELECT 'CONTACT', x.id, x.agent_id, x.team_id, $2, 'RANDOM', x.week,
            CASE WHEN x.occurred_at >= ${weekStartSql} THEN 'OPEN' ELSE 'SCORED' END::"QaSampleStatus", x.occurred_at + interval '2 hours'
     FROM (
       SELECT i.id, i.agent_id, u.team_id, i.occurred_at,
              to_char(i.occurred_at AT TIME ZONE 'Asia/Shanghai', 'IYYY-"W"IW') AS week,
              row_number() OVER (PARTITION BY i.agent_id, to_char(i.occurred_at AT TIME ZONE 'Asia/Shanghai', 'IYYY-"W"IW') ORDER BY md5(i.id::text)) AS rn
       FROM app_user u JOIN interaction i ON i.agent_id = u.id AND i.occurred_at >= ${weekStartSql} - interval '13 weeks' AND i.occurred_at <= $1
       WHERE u.role = 'AGENT' AND u.team_id IS NOT NULL
     ) x WHERE x.rn <= 2
     ON CONFLICT (target, ref_id) DO NOTHING`,
    [now, form.id],
  );
  // Scored the next day by a supervisor of the team (any supervisor when the team has none).
  await c.query(
    `INSERT INTO qa_evaluation (sample_id, evaluator_id, agent_id, team_id, form_id, score, final_score, fatal, scored_at, seen_at)
     SELECT s.id,
            COALESCE((SELECT v.id FROM app_user v WHERE v.role = 'SUPERVISOR' AND v.team_id = s.team_id ORDER BY v.id LIMIT 1),
                     (SELECT v.id FROM app_user v WHERE v.role = 'SUPERVISOR' ORDER BY v.id LIMIT 1)),
            s.agent_id, s.team_id, s.form_id, 0, 0, false, s.created_at + interval '1 day', s.created_at + interval '2 days'
     FROM qa_sample s WHERE s.status = 'SCORED' AND s.form_id = $1 AND NOT EXISTS (SELECT 1 FROM qa_evaluation e WHERE e.sample_id = s.id)`,
    [form.id],
  );
  await c.query(
    `INSERT INTO qa_evaluation_item (evaluation_id, item_id, points, passed)
     SELECT e.id, it.id,
            CASE WHEN it.is_fatal THEN 0 ELSE greatest(0, it.max_points - CASE WHEN (e.id * 7 + it.id) % 11 = 0 THEN 2 WHEN (e.id + it.id) % 4 = 0 THEN 1 ELSE 0 END) END,
            NOT (it.is_fatal AND e.id % 151 = 0)
     FROM qa_evaluation e JOIN qa_form_item it ON it.form_id = e.form_id AND it.is_active
     WHERE e.form_id = $1 AND NOT EXISTS (SELECT 1 FROM qa_evaluation_item x WHERE x.evaluation_id = e.id)`,
    [form.id],
  );
  await c.query(
    `UPDATE qa_evaluation e SET score = x.score, final_score = x.score, fatal = x.fatal
     FROM (
       SELECT ei.evaluation_id, bool_or(it.is_fatal AND NOT ei.passed) AS fatal,
              CASE WHEN bool_or(it.is_fatal AND NOT ei.passed) THEN 0
                   ELSE round(100 * sum(CASE WHEN NOT it.is_fatal AND it.weight > 0 THEN it.weight * ei.points::numeric / it.max_points ELSE 0 END)
                              / NULLIF(sum(CASE WHEN NOT it.is_fatal AND it.weight > 0 THEN it.weight ELSE 0 END), 0), 2) END AS score
       FROM qa_evaluation_item ei JOIN qa_form_item it ON it.id = ei.item_id GROUP BY ei.evaluation_id
     ) x WHERE x.evaluation_id = e.id AND e.form_id = $1`,
    [form.id],
  );
}

import "server-only";
import { allowLongStatements, db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError, ValidationError, ConflictError } from "@/lib/shared/errors";
import { answerInput, campaignInput, templateUpdate, type TemplateUpdate } from "@/lib/surveys/schemas";
import { csiOfAnswers, hashSurveyToken, isDetractorAnswer, isQuietHour, DEFAULT_SURVEY_POLICY, SURVEY_TOKEN_MASK, type CsiDimensionDef, type SurveyPolicy } from "@/lib/surveys/rules";
import { assertRateLimit } from "@/lib/shared/rate-limit";
import type { SurveyDelivery, SurveySender } from "@/lib/surveys/delivery";

// Invitations are created set-based in SQL: the token is two random UUIDs (244 random bits), only
// its SHA-256 is stored, and the outbound message (what would be sent) keeps the link redacted
// (…/s/••••••). The real link exists only in the text handed to the sender after commit
// (lib/surveys/delivery.ts); without a sender (no gateway here) it is never even built.
// Channel by consent: app push, else SMS (with a phone), else email (with an address); do-not-
// disturb or no consent = no invitation. Mirrors chooseChannel in lib/surveys/rules.ts.
const CHANNEL_SQL = `CASE WHEN cu.do_not_disturb THEN NULL
  WHEN cu.consent_push THEN 'PUSH'
  WHEN cu.consent_sms AND cu.contact_phone IS NOT NULL THEN 'SMS'
  WHEN cu.consent_email AND cu.email IS NOT NULL THEN 'EMAIL' END`;
const RECIPIENT_SQL = `CASE x.channel
  WHEN 'SMS' THEN left(x.contact_phone, 3) || '****' || right(x.contact_phone, 4)
  WHEN 'EMAIL' THEN left(x.email, 1) || '***' || substring(x.email from position('@' in x.email))
  ELSE 'app:' || x.customer_no END`;

/** The final SELECT of an invitation statement: the real texts for the sender, or just the count. */
function deliveriesSql(withTexts: boolean, joinOn: string, base: string): string {
  return withTexts
    ? `SELECT m.id::text AS "messageId", m.invitation_id AS "invitationId", m.customer_id AS "customerId", m.channel::text AS channel, m.locale, m.purpose,
              x.intro || ${base} || '/s/' || x.token AS text
       FROM msg m JOIN ins ON ins.id = m.invitation_id JOIN x ON ${joinOn}`
    : `SELECT count(*)::int AS n FROM msg`;
}

type DeliveryRows = SurveyDelivery[] | [{ n: number }];
const countOf = (rows: DeliveryRows, send: SurveySender | undefined) => (send ? rows.length : (rows as [{ n: number }])[0].n);

/** Hands the texts to the sender (after commit). */
async function deliver(rows: DeliveryRows, send: SurveySender | undefined): Promise<void> {
  if (send && rows.length) await send(rows as SurveyDelivery[]);
}

/** The survey policy (delay, quiet hours, link validity): app_setting 'survey.policy' over the defaults. */
export async function loadSurveyPolicy(): Promise<SurveyPolicy> {
  const row = await db.appSetting.findUnique({ where: { key: "survey.policy" } });
  const v = (row?.value ?? {}) as Partial<SurveyPolicy>;
  return { ...DEFAULT_SURVEY_POLICY, ...v };
}

export interface InvitationScanResult {
  invited: number;
  deferred: boolean;
}

/**
 * CSAT invitations for complaints resolved at least `csatDelayMin` ago (and at most 3 days ago,
 * so a late-enabled scan never surveys stale cases), once per complaint (unique complaint_id,
 * so a reopened and re-resolved complaint is not asked twice). During quiet hours nothing is
 * sent: the next scan after them picks the complaints up. Run every minute by pg-boss.
 */
export async function scanCsatInvitations(now: Date = new Date(), baseUrl = "", policyIn?: SurveyPolicy, send?: SurveySender): Promise<InvitationScanResult> {
  const policy = policyIn ?? (await loadSurveyPolicy());
  if (isQuietHour(now, policy)) return { invited: 0, deferred: true };
  const rows = await db.$queryRawUnsafe<DeliveryRows>(
    `WITH tpl AS (SELECT id FROM survey_template WHERE kind = 'CSAT' AND is_active ORDER BY id LIMIT 1),
     x AS (
       SELECT c.id AS complaint_id, c.complaint_no, c.customer_id, c.team_id, COALESCE(c.assignee_id, c.owner_id) AS agent_id,
              c.category_id, c.channel::text AS source_channel, cu.city, c.value_tier, cu.customer_no, cu.contact_phone, cu.email,
              CASE WHEN cu.preferred_lang = 'en' THEN 'en' ELSE 'zh-CN' END AS locale,
              ${CHANNEL_SQL} AS channel,
              replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') AS token,
              CASE WHEN cu.preferred_lang = 'en'
                THEN 'Your complaint ' || c.complaint_no || ' has been resolved. How satisfied are you? '
                ELSE '您的投诉' || c.complaint_no || '已处理完毕，请您对本次服务评价： ' END AS intro
       FROM complaint c JOIN customer cu ON cu.id = c.customer_id
       WHERE c.resolved_at IS NOT NULL AND c.resolved_at <= $1::timestamptz - make_interval(mins => $2::int)
         AND c.resolved_at > $1::timestamptz - interval '3 days'
         AND c.status IN ('RESOLVED', 'CLOSED')
         AND NOT EXISTS (SELECT 1 FROM survey_invitation i WHERE i.complaint_id = c.id)),
     ins AS (
       INSERT INTO survey_invitation (template_id, kind, customer_id, complaint_id, token_hash, channel, locale, team_id, agent_id, category_id, source_channel, region, value_tier, sent_at, expires_at)
       SELECT tpl.id, 'CSAT', x.customer_id, x.complaint_id, encode(sha256(convert_to(x.token, 'UTF8')), 'hex'), x.channel::"OutboundChannel", x.locale,
              x.team_id, x.agent_id, x.category_id, x.source_channel, x.city, x.value_tier, $1::timestamptz, $1::timestamptz + make_interval(days => $3::int)
       FROM x CROSS JOIN tpl WHERE x.channel IS NOT NULL
       ON CONFLICT (complaint_id) DO NOTHING
       RETURNING id, complaint_id),
     msg AS (
       INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, invitation_id, created_at)
       SELECT x.customer_id, x.channel::"OutboundChannel", ${RECIPIENT_SQL}, x.locale, 'survey.csat', x.intro || $4 || '/s/' || $5, ins.id, $1::timestamptz
       FROM ins JOIN x ON x.complaint_id = ins.complaint_id
       RETURNING id, invitation_id, customer_id, channel, locale, purpose)
     ${deliveriesSql(!!send, "x.complaint_id = ins.complaint_id", "$4")}`,
    now,
    policy.csatDelayMin,
    policy.linkValidDays,
    baseUrl,
    SURVEY_TOKEN_MASK,
  );
  await deliver(rows, send);
  return { invited: countOf(rows, send), deferred: false };
}

/**
 * A relationship survey (NPS or CSI) to every active customer with consent, or those of one
 * city; once per customer per campaign. Refused during quiet hours.
 */
export async function sendSurveyCampaign(actor: Actor, raw: unknown, now = new Date(), baseUrl = "", send?: SurveySender): Promise<{ campaignId: number; sent: number }> {
  assertCan(actor, "survey:send");
  const parsed = campaignInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.code])));
  const input = parsed.data;
  const policy = await loadSurveyPolicy();
  if (isQuietHour(now, policy)) throw new ValidationError({ sentAt: "quietHours" }, "surveys.quietHours");
  const { result, rows } = await db.$transaction(async (tx) => {
    await allowLongStatements(tx, "job"); // one INSERT … SELECT over a city's customers
    const tpl = await tx.surveyTemplate.findFirst({ where: { id: input.templateId, isActive: true, kind: { in: ["NPS", "CSI"] } } });
    if (!tpl) throw new ValidationError({ templateId: "invalid" });
    const campaign = await tx.surveyCampaign.create({ data: { templateId: tpl.id, kind: tpl.kind, filter: { city: input.city, limit: input.limit ?? null }, createdBy: actor.id, createdAt: now } });
    const rows = await tx.$queryRawUnsafe<DeliveryRows>(
      `WITH x AS (
         SELECT cu.id AS customer_id, cu.customer_no, cu.contact_phone, cu.email, cu.city,
                CASE WHEN cu.preferred_lang = 'en' THEN 'en' ELSE 'zh-CN' END AS locale,
                ${CHANNEL_SQL} AS channel,
                replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') AS token,
                CASE WHEN cu.preferred_lang = 'en' THEN $9 ELSE $10 END || ' ' AS intro
         FROM customer cu
         WHERE cu.status = 'ACTIVE' AND ($3::text IS NULL OR cu.city = $3::text)
         ORDER BY cu.id LIMIT $4::int),
       ins AS (
         INSERT INTO survey_invitation (template_id, kind, customer_id, campaign_id, token_hash, channel, locale, region, sent_at, expires_at)
         SELECT $2::int, $6::"SurveyKind", x.customer_id, $5::int, encode(sha256(convert_to(x.token, 'UTF8')), 'hex'), x.channel::"OutboundChannel", x.locale, x.city,
                $1::timestamptz, $1::timestamptz + make_interval(days => $7::int)
         FROM x WHERE x.channel IS NOT NULL
         ON CONFLICT DO NOTHING
         RETURNING id, customer_id),
       msg AS (
         INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, invitation_id, created_at)
         SELECT x.customer_id, x.channel::"OutboundChannel", ${RECIPIENT_SQL}, x.locale, 'survey.campaign', x.intro || $8 || '/s/' || $11, ins.id, $1::timestamptz
         FROM ins JOIN x ON x.customer_id = ins.customer_id
         RETURNING id, invitation_id, customer_id, channel, locale, purpose)
       ${deliveriesSql(!!send, "x.customer_id = ins.customer_id", "$8")}`,
      now,
      tpl.id,
      input.city,
      input.limit ?? 2_000_000_000,
      campaign.id,
      tpl.kind,
      policy.linkValidDays,
      baseUrl,
      `Please tell us how we are doing (${tpl.nameEn}):`,
      `诚邀您参与${tpl.nameZh}：`,
      SURVEY_TOKEN_MASK,
    );
    const sent = countOf(rows, send);
    await tx.surveyCampaign.update({ where: { id: campaign.id }, data: { sent } });
    await recordAudit(tx, actor, { action: "survey.campaignSent", entity: "survey_campaign", entityId: campaign.id, data: { templateId: tpl.id, kind: tpl.kind, city: input.city, sent } });
    return { result: { campaignId: campaign.id, sent }, rows };
  });
  await deliver(rows, send);
  return result;
}

export type SubmitResult = { ok: true; detractor: boolean } | { ok: false; reason: "UNKNOWN" | "EXPIRED" | "ANSWERED" };

/**
 * Stores the one answer of an invitation (public, no login). The invitation row is claimed with
 * a guarded UPDATE (answered_at IS NULL AND not expired), so two submissions race to one answer.
 * A detractor opens a follow-up for the supervisors of the complaint owner's team (managers when
 * there is no complaint) and notifies them.
 */
export async function submitSurveyAnswer(raw: unknown, client: { ip: string | null }, now = new Date()): Promise<SubmitResult> {
  await assertRateLimit("surveyPerProcess", client.ip ?? "unknown", now);
  const parsed = answerInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.code])));
  const input = parsed.data;
  const hash = hashSurveyToken(input.token);
  const inv = await db.surveyInvitation.findUnique({ where: { tokenHash: hash } });
  if (!inv) return { ok: false, reason: "UNKNOWN" };
  const tpl = await db.surveyTemplate.findUniqueOrThrow({ where: { id: inv.templateId } });
  const dims = tpl.dimensions as unknown as CsiDimensionDef[];
  let score: number | null = null;
  let csiScore: number | null = null;
  let dimensionScores: Record<string, number> = {};
  if (inv.kind === "CSI") {
    dimensionScores = Object.fromEntries(dims.filter((d) => input.dimensions[d.code] !== undefined).map((d) => [d.code, input.dimensions[d.code]]));
    if (Object.keys(dimensionScores).length !== dims.length) throw new ValidationError({ dimensions: "required" }, "surveys.answerAll");
    csiScore = csiOfAnswers(dimensionScores, dims);
  } else {
    const max = inv.kind === "CSAT" ? 5 : 10;
    const min = inv.kind === "CSAT" ? 1 : 0;
    if (input.score == null || input.score < min || input.score > max) throw new ValidationError({ score: "required" }, "surveys.answerAll");
    score = input.score;
  }
  const detractor = isDetractorAnswer(inv.kind, score, csiScore);
  const comment = tpl.allowComment ? input.comment : null;
  return db.$transaction(async (tx) => {
    const claimed = await tx.surveyInvitation.updateMany({ where: { id: inv.id, answeredAt: null, expiresAt: { gt: now } }, data: { answeredAt: now } });
    if (claimed.count === 0) return { ok: false as const, reason: inv.answeredAt || (await tx.surveyInvitation.count({ where: { id: inv.id, answeredAt: { not: null } } })) ? ("ANSWERED" as const) : ("EXPIRED" as const) };
    const response = await tx.surveyResponse.create({
      data: { invitationId: inv.id, kind: inv.kind, customerId: inv.customerId, complaintId: inv.complaintId, score, dimensionScores, csiScore, comment, isDetractor: detractor, locale: inv.locale, answeredAt: now },
    });
    if (detractor) {
      const complaint = inv.complaintId ? await tx.complaint.findUnique({ where: { id: inv.complaintId }, select: { ownerId: true, complaintNo: true } }) : null;
      const owner = complaint ? await tx.user.findUnique({ where: { id: complaint.ownerId }, select: { teamId: true } }) : null;
      const teamId = owner?.teamId ?? null;
      const recipients = await tx.user.findMany({
        where: { isActive: true, ...(teamId ? { role: "SUPERVISOR" as const, teamId } : { role: "MANAGER" as const }) },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      await tx.surveyFollowUp.create({ data: { responseId: response.id, customerId: inv.customerId, complaintId: inv.complaintId, assigneeId: recipients[0]?.id ?? null, teamId, createdAt: now } });
      if (recipients.length) {
        await tx.notification.createMany({
          data: recipients.map((u) => ({ userId: u.id, kind: "survey.detractor", complaintId: inv.complaintId, data: { complaintNo: complaint?.complaintNo ?? null, kind: inv.kind, score: score ?? Math.round(csiScore ?? 0), customerId: inv.customerId }, createdAt: now })),
        });
      }
    }
    await recordAudit(tx, null, { action: "survey.answered", entity: "survey_invitation", entityId: inv.id, data: { kind: inv.kind, detractor } });
    return { ok: true as const, detractor };
  });
}

/** Admins edit a template's texts, weights and switches (optimistic version check). */
export async function updateSurveyTemplate(actor: Actor, raw: TemplateUpdate): Promise<void> {
  assertCan(actor, "survey:manage");
  const parsed = templateUpdate.safeParse(raw);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.code])));
  const input = parsed.data;
  await db.$transaction(async (tx) => {
    const tpl = await tx.surveyTemplate.findUnique({ where: { id: input.id } });
    if (!tpl) throw new NotFoundError("survey template");
    if (tpl.kind === "CSI" && input.dimensions.length === 0) throw new ValidationError({ dimensions: "required" });
    const n = await tx.surveyTemplate.updateMany({
      where: { id: tpl.id, version: input.version },
      data: {
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        questionZh: input.questionZh,
        questionEn: input.questionEn,
        allowComment: input.allowComment,
        isActive: input.isActive,
        dimensions: (tpl.kind === "CSI" ? input.dimensions : []) as Prisma.InputJsonValue,
        version: { increment: 1 },
      },
    });
    if (n.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, { action: "surveyTemplate.updated", entity: "survey_template", entityId: tpl.id, data: { before: { questionZh: tpl.questionZh, questionEn: tpl.questionEn, dimensions: tpl.dimensions, isActive: tpl.isActive }, after: input } as Prisma.InputJsonValue });
  });
}

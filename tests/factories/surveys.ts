// Demo survey data for the seed: a CSAT invitation for every demo complaint that was resolved,
// about 70 % answered (so their answers follow the complaints over the last 12 months), plus an
// NPS and a CSI relationship survey sent in waves over the last 12 months. Detractor follow-ups
// older than two weeks are done (with an outcome note); the recent ones are open work.
// Deterministic (scores come from a hash of the row id); set-based SQL, so it stays fast.
// Answers follow the customer's experience (issue 23, so the satisfaction the value and churn models
// read carries signal): a CSAT on a complaint that was reopened or breached, and an NPS from a
// customer with a complaint contact in the 120 days before or who leaves within 180 days after,
// are drawn from the lower half of the spread. Relationship surveys also reached customers who
// have since left (sent while they were still with us).
// Seeded invitations get random tokens that are never shown, so none can be answered later.
// Tests make single invitations, answers and follow-ups with the factories at the end.
import type pg from "pg";
import type { Prisma, SurveyFollowUp, SurveyInvitation, SurveyResponse } from "@/lib/generated/prisma/client";
import { hashSurveyToken, newSurveyToken, SURVEY_TOKEN_MASK } from "@/lib/surveys/rules";
import { createCustomer } from "@/tests/factories/customers";
import { clientOr, given, type FactoryDb } from "@/tests/factories/db";

// Integer hash of an id into 0..999 (Knuth's multiplicative constant; stable across runs).
const H = (col: string, salt: number) => `((${col}::bigint * 2654435761 + ${salt}) % 1000)`;
const TOKEN = `encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')`;
const COMMENTS_ZH = [
  "处理很及时，谢谢",
  "客服态度很好",
  "问题解决了，但等待时间有点长",
  "希望以后不要再出现同样的问题",
  "退费到账了，满意",
  "处理太慢，打了好几次电话",
  "信号问题还是没有彻底解决",
];

export async function seedDemoSurveys(client: pg.ClientBase): Promise<number> {
  const comments = `(ARRAY[${COMMENTS_ZH.map((c) => `'${c}'`).join(", ")}])`;
  await client.query(`
    INSERT INTO survey_invitation (template_id, kind, customer_id, complaint_id, token_hash, channel, locale, team_id, agent_id, category_id, source_channel, region, value_tier, sent_at, expires_at, answered_at)
    SELECT t.id, 'CSAT', c.customer_id, c.id, ${TOKEN}, 'SMS', CASE WHEN cu.preferred_lang = 'en' THEN 'en' ELSE 'zh-CN' END,
           c.team_id, COALESCE(c.assignee_id, c.owner_id), c.category_id, c.channel::text, cu.city, c.value_tier,
           LEAST(c.resolved_at + interval '30 minutes', now()), LEAST(c.resolved_at + interval '30 minutes', now()) + interval '7 days',
           CASE WHEN ${H("c.id", 1)} < 700 THEN LEAST(c.resolved_at + interval '30 minutes' + make_interval(mins => (${H("c.id", 2)} % 120)::int), now()) END
    FROM complaint c JOIN customer cu ON cu.id = c.customer_id
    CROSS JOIN (SELECT id FROM survey_template WHERE code = 'CSAT_COMPLAINT') t
    WHERE c.resolved_at IS NOT NULL AND c.idempotency_key LIKE 'seed-%'
    ON CONFLICT DO NOTHING`);
  // Relationship surveys: NPS to ~1 in 12 active customers, CSI to ~1 in 20, spread over 360 days.
  const relationship: Array<{ id: number; code: string; kind: string; answered: number; mod: number }> = [];
  for (const [code, kind, mod, answered] of [
    ["NPS_RELATIONSHIP", "NPS", 12, 450],
    ["CSI_SERVICE", "CSI", 20, 500],
  ] as const) {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO survey_campaign (template_id, kind, filter, sent, created_by, created_at)
       SELECT t.id, $2::"SurveyKind", '{"demo": true}', 0, (SELECT id FROM app_user WHERE username = 'manager1'), now() - interval '360 days'
       FROM survey_template t WHERE t.code = $1 RETURNING id`,
      [code, kind],
    );
    if (!rows.length) continue;
    relationship.push({ id: rows[0].id, code, kind, answered, mod });
    await client.query(
      `INSERT INTO survey_invitation (template_id, kind, customer_id, campaign_id, token_hash, channel, locale, region, sent_at, expires_at, answered_at)
       SELECT t.id, $2::"SurveyKind", cu.id, $3, ${TOKEN}, 'PUSH', CASE WHEN cu.preferred_lang = 'en' THEN 'en' ELSE 'zh-CN' END, cu.city,
              date_trunc('day', now()) - make_interval(days => (${H("cu.id", 3)} % 360)::int) + interval '2 hours',
              date_trunc('day', now()) - make_interval(days => (${H("cu.id", 3)} % 360)::int) + interval '2 hours' + interval '7 days',
              CASE WHEN ${H("cu.id", 4)} < $4 THEN date_trunc('day', now()) - make_interval(days => (${H("cu.id", 3)} % 360)::int) + interval '3 hours' END
       FROM customer cu CROSS JOIN (SELECT id FROM survey_template WHERE code = $1) t
       WHERE cu.status = 'ACTIVE' AND NOT cu.do_not_disturb AND cu.id % $5 = 0
       ON CONFLICT DO NOTHING`,
      [code, kind, rows[0].id, answered, mod],
    );
    await client.query(`UPDATE survey_campaign SET sent = (SELECT count(*) FROM survey_invitation WHERE campaign_id = $1) WHERE id = $1`, [rows[0].id]);
  }
  // The same waves reached the customers who have left since (on a day they were still with us);
  // after the active ones, so those keep their rows.
  for (const w of relationship) {
    await client.query(
      `INSERT INTO survey_invitation (template_id, kind, customer_id, campaign_id, token_hash, channel, locale, region, sent_at, expires_at, answered_at)
       SELECT t.id, $2::"SurveyKind", cu.id, $3, ${TOKEN}, 'PUSH', CASE WHEN cu.preferred_lang = 'en' THEN 'en' ELSE 'zh-CN' END, cu.city, d.sent_at,
              d.sent_at + interval '7 days', CASE WHEN ${H("cu.id", 4)} < $4 THEN d.sent_at + interval '1 hour' END
       FROM customer cu CROSS JOIN (SELECT id FROM survey_template WHERE code = $1) t
       CROSS JOIN LATERAL (SELECT date_trunc('day', now()) - make_interval(days => (${H("cu.id", 3)} % 360)::int) + interval '2 hours' AS sent_at) d
       WHERE cu.status = 'CHURNED' AND cu.churned_at > d.sent_at + interval '1 day' AND NOT cu.do_not_disturb AND cu.id % $5 = 0
       ON CONFLICT DO NOTHING`,
      [w.code, w.kind, w.id, w.answered, w.mod],
    );
    await client.query(`UPDATE survey_campaign SET sent = (SELECT count(*) FROM survey_invitation WHERE campaign_id = $1) WHERE id = $1`, [w.id]);
  }
  // The message each seeded invitation went out as (what the survey sender writes): the message
  // log then shows what the dashboards count as sent. Links are stored redacted, as the sender does.
  await client.query(`
    INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, invitation_id, created_at)
    SELECT i.customer_id, i.channel,
           CASE i.channel WHEN 'SMS' THEN left(cu.contact_phone, 3) || '****' || right(cu.contact_phone, 4)
                          WHEN 'EMAIL' THEN left(cu.email, 1) || '***' || substring(cu.email from position('@' in cu.email))
                          ELSE 'app:' || cu.customer_no END,
           i.locale, CASE WHEN i.complaint_id IS NULL THEN 'survey.campaign' ELSE 'survey.csat' END,
           CASE WHEN i.complaint_id IS NOT NULL AND i.locale = 'en' THEN 'Your complaint ' || c.complaint_no || ' has been resolved. How satisfied are you? '
                WHEN i.complaint_id IS NOT NULL THEN '您的投诉' || c.complaint_no || '已处理完毕，请您对本次服务评价： '
                WHEN i.locale = 'en' THEN 'Tell us how we are doing: '
                ELSE '邀请您评价我们的服务： ' END || '/s/${SURVEY_TOKEN_MASK}',
           i.id, i.sent_at
    FROM survey_invitation i JOIN customer cu ON cu.id = i.customer_id LEFT JOIN complaint c ON c.id = i.complaint_id
    WHERE NOT EXISTS (SELECT 1 FROM outbound_message m WHERE m.invitation_id = i.id)`);
  // Answers: CSAT mostly satisfied, NPS a realistic spread, CSI dimensions 2–5.
  // An unhappy customer's draw comes from the lower part of the spread (see the header).
  const draw = (salt: number) => `(CASE WHEN i.unhappy THEN 450 + ${H("i.id", salt)} * 55 / 100 ELSE ${H("i.id", salt)} END)`;
  const csat = `CASE WHEN ${draw(5)} < 560 THEN 5 WHEN ${draw(5)} < 820 THEN 4 WHEN ${draw(5)} < 900 THEN 3 WHEN ${draw(5)} < 960 THEN 2 ELSE 1 END`;
  const npsScore = `CASE WHEN ${draw(6)} < 380 THEN 9 + ${H("i.id", 7)} % 2 WHEN ${draw(6)} < 750 THEN 7 + ${H("i.id", 7)} % 2 ELSE ${H("i.id", 7)} % 7 END`;
  const unhappy = `CASE WHEN i.complaint_id IS NOT NULL
      THEN EXISTS (SELECT 1 FROM complaint c WHERE c.id = i.complaint_id AND c.breached_at IS NOT NULL)
        OR EXISTS (SELECT 1 FROM complaint_status_change h WHERE h.complaint_id = i.complaint_id AND h.action = 'reopen')
      ELSE EXISTS (SELECT 1 FROM interaction x WHERE x.customer_id = i.customer_id AND x.disposition = 'COMPLAINT_OPENED'
                     AND x.occurred_at > i.answered_at - interval '120 days' AND x.occurred_at <= i.answered_at)
        OR EXISTS (SELECT 1 FROM customer cu WHERE cu.id = i.customer_id AND cu.churned_at > i.answered_at AND cu.churned_at < i.answered_at + interval '180 days') END`;
  const dim = (salt: number) => `(2 + ${H("i.id", salt)} % 4)`;
  const { rowCount } = await client.query(`
    WITH a AS (
      SELECT i.id, i.kind, i.customer_id, i.complaint_id, i.locale, i.answered_at,
             CASE i.kind WHEN 'CSAT' THEN ${csat} WHEN 'NPS' THEN ${npsScore} END AS score,
             CASE WHEN i.kind = 'CSI' THEN jsonb_build_object('RESPONSE_SPEED', ${dim(8)}, 'RESOLUTION_EFFICIENCY', ${dim(9)}, 'COMMUNICATION_QUALITY', ${dim(10)}) ELSE '{}'::jsonb END AS dims,
             CASE WHEN ${H("i.id", 11)} < 350 THEN ${comments}[1 + (${H("i.id", 12)} % ${COMMENTS_ZH.length})::int] END AS comment
      FROM (SELECT i.*, ${unhappy} AS unhappy FROM survey_invitation i
            WHERE i.answered_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM survey_response r WHERE r.invitation_id = i.id)) i)
    INSERT INTO survey_response (invitation_id, kind, customer_id, complaint_id, score, dimension_scores, csi_score, comment, is_detractor, locale, answered_at)
    SELECT id, kind, customer_id, complaint_id, score, dims,
           CASE WHEN kind = 'CSI' THEN (((dims->>'RESPONSE_SPEED')::int - 1) + ((dims->>'RESOLUTION_EFFICIENCY')::int - 1) + ((dims->>'COMMUNICATION_QUALITY')::int - 1)) / 12.0 * 100 END,
           comment,
           (kind = 'CSAT' AND score <= 2) OR (kind = 'NPS' AND score <= 6),
           locale, answered_at
    FROM a`);
  // Detractors get their follow-up task (the owner's team supervisor; managers without a complaint).
  await client.query(`
    INSERT INTO survey_follow_up (response_id, customer_id, complaint_id, assignee_id, team_id, created_at)
    SELECT r.id, r.customer_id, r.complaint_id,
           (SELECT s.id FROM app_user s WHERE s.is_active AND ((o.team_id IS NOT NULL AND s.role = 'SUPERVISOR' AND s.team_id = o.team_id) OR (o.team_id IS NULL AND s.role = 'MANAGER')) ORDER BY s.id LIMIT 1),
           o.team_id, r.answered_at
    FROM survey_response r LEFT JOIN complaint c ON c.id = r.complaint_id LEFT JOIN app_user o ON o.id = c.owner_id
    WHERE r.is_detractor
    ON CONFLICT DO NOTHING`);
  const outcomes = `(ARRAY['已回电致歉，客户接受解释', '已补偿话费并说明原因，客户表示理解', '已联系网络部门复查信号，客户同意观察一周', '多次致电未接通，已发短信说明处理结果'])`;
  await client.query(`
    UPDATE survey_follow_up f
    SET status = 'DONE', claimed_by_id = f.assignee_id, claimed_at = f.created_at + interval '2 hours',
        closed_by_id = f.assignee_id, closed_at = f.created_at + make_interval(hours => (4 + ${H("f.id", 13)} % 68)::int),
        outcome = ${outcomes}[1 + (${H("f.id", 14)} % 4)::int], version = 3
    WHERE f.status = 'OPEN' AND f.created_at < now() - interval '14 days' AND f.assignee_id IS NOT NULL`);
  return rowCount ?? 0;
}

// ───────────────────────────── single rows, for tests ─────────────────────────────

export interface InvitationOverrides extends Partial<Omit<Prisma.SurveyInvitationCreateManyInput, "tokenHash" | "templateId">> {
  /** Template by code (default the complaint CSAT one). */
  template?: string;
  /** The link's token (default a new one); only its hash is stored. */
  token?: string;
}

/** A survey invitation as the invitation job sends it: sent now, open for 7 days. Returns it with its token. */
export async function createSurveyInvitation(overrides: InvitationOverrides = {}, db?: FactoryDb): Promise<{ invitation: SurveyInvitation; token: string }> {
  const client = await clientOr(db);
  const { template = "CSAT_COMPLAINT", token = newSurveyToken().token, customerId, ...data } = overrides;
  const tpl = await client.surveyTemplate.findUniqueOrThrow({ where: { code: template } });
  const sentAt = data.sentAt ? new Date(data.sentAt) : new Date();
  const invitation = await client.surveyInvitation.create({
    data: {
      templateId: tpl.id,
      kind: tpl.kind,
      customerId: customerId ?? (await createCustomer({}, client)).customer.id,
      tokenHash: hashSurveyToken(token),
      channel: "SMS",
      locale: "zh-CN",
      sentAt,
      expiresAt: new Date(sentAt.getTime() + 7 * 86_400_000),
      ...given(data),
    },
  });
  return { invitation, token };
}

/** An answer to an invitation (marks it answered); a detractor when the score says so unless told. */
export async function createSurveyResponse(
  invitation: SurveyInvitation,
  overrides: Partial<Omit<Prisma.SurveyResponseCreateManyInput, "invitationId">> = {},
  db?: FactoryDb,
): Promise<SurveyResponse> {
  const client = await clientOr(db);
  const answeredAt = overrides.answeredAt ? new Date(overrides.answeredAt) : (invitation.answeredAt ?? new Date());
  const score = overrides.score === undefined ? 5 : overrides.score;
  await client.surveyInvitation.update({ where: { id: invitation.id }, data: { answeredAt } });
  return client.surveyResponse.create({
    data: {
      invitationId: invitation.id,
      kind: invitation.kind,
      customerId: invitation.customerId,
      complaintId: invitation.complaintId,
      score,
      isDetractor: score != null && ((invitation.kind === "CSAT" && score <= 2) || (invitation.kind === "NPS" && score <= 6)),
      locale: invitation.locale,
      ...given(overrides),
      answeredAt,
    },
  });
}

/** A detractor's answer with its open follow-up for `teamId`'s supervisors (null: the managers'), as submitSurveyAnswer leaves it. */
export async function createSurveyFollowUp(
  overrides: { teamId: number | null; comment?: string; customerId?: number; complaintId?: number; assigneeId?: number; createdAt?: Date },
  db?: FactoryDb,
): Promise<{ followUp: SurveyFollowUp; response: SurveyResponse; invitation: SurveyInvitation }> {
  const client = await clientOr(db);
  const at = overrides.createdAt ?? new Date();
  const { invitation } = await createSurveyInvitation(
    { customerId: overrides.customerId, complaintId: overrides.complaintId, teamId: overrides.teamId, sentAt: at, answeredAt: at },
    client,
  );
  const response = await createSurveyResponse(invitation, { score: 1, comment: overrides.comment ?? "处理太慢", answeredAt: at }, client);
  const followUp = await client.surveyFollowUp.create({
    data: {
      responseId: response.id,
      customerId: invitation.customerId,
      complaintId: invitation.complaintId,
      teamId: overrides.teamId,
      assigneeId: overrides.assigneeId,
      createdAt: at,
    },
  });
  return { followUp, response, invitation };
}

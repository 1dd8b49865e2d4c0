import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { complaintScope } from "@/lib/complaints/scope";
import { hashSurveyToken, linkState, redactSurveyLinks, type CsiDimensionDef } from "@/lib/surveys/rules";
import type { SurveyKindName } from "@/lib/surveys/schemas";

export type PublicSurvey =
  | { state: "UNKNOWN" }
  | { state: "EXPIRED" | "ANSWERED"; locale: string }
  | {
      state: "OPEN";
      locale: string;
      kind: SurveyKindName;
      questionZh: string;
      questionEn: string;
      dimensions: CsiDimensionDef[];
      allowComment: boolean;
    };

/**
 * What the public page may show for a token: the questions and the customer's language, nothing
 * else (no name, number or complaint detail: the link may be forwarded or guessed).
 */
export async function getSurveyForToken(token: string, now = new Date()): Promise<PublicSurvey> {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return { state: "UNKNOWN" };
  const inv = await db.surveyInvitation.findUnique({ where: { tokenHash: hashSurveyToken(token) }, select: { templateId: true, locale: true, expiresAt: true, answeredAt: true, kind: true } });
  if (!inv) return { state: "UNKNOWN" };
  const state = linkState(inv, now);
  if (state !== "OPEN") return { state, locale: inv.locale };
  const tpl = await db.surveyTemplate.findUniqueOrThrow({ where: { id: inv.templateId } });
  return {
    state,
    locale: inv.locale,
    kind: inv.kind,
    questionZh: tpl.questionZh,
    questionEn: tpl.questionEn,
    dimensions: tpl.dimensions as unknown as CsiDimensionDef[],
    allowComment: tpl.allowComment,
  };
}

export interface ResponseRow {
  id: number;
  kind: SurveyKindName;
  score: number | null;
  csiScore: number | null;
  comment: string | null;
  isDetractor: boolean;
  answeredAt: Date;
  complaintId: number | null;
}

/** Survey answers on a complaint in the actor's scope (out of scope: none). */
export async function listComplaintSurveyResponses(actor: Actor, complaintId: number): Promise<ResponseRow[]> {
  assertCan(actor, "complaint:read");
  const c = await db.complaint.findFirst({ where: { id: complaintId, ...complaintScope(actor) }, select: { id: true } });
  if (!c) return [];
  return db.surveyResponse.findMany({ where: { complaintId: c.id }, orderBy: { answeredAt: "desc" }, take: 20, select: responseSelect });
}

/** A customer's latest survey answers (360 view). */
export async function listCustomerSurveyResponses(actor: Actor, customerId: number): Promise<ResponseRow[]> {
  assertCan(actor, "customer:read");
  // On every 360 page: one prepared statement (lib/db.ts sqlRows).
  return sqlRows<ResponseRow>(
    Prisma.sql`
      SELECT id, kind::text AS kind, score, csi_score AS "csiScore", comment, is_detractor AS "isDetractor", answered_at AS "answeredAt", complaint_id AS "complaintId"
      FROM survey_response WHERE customer_id = ${customerId}
      ORDER BY answered_at DESC, id DESC LIMIT 10`,
    { prepared: true },
  );
}

const responseSelect = { id: true, kind: true, score: true, csiScore: true, comment: true, isDetractor: true, answeredAt: true, complaintId: true } as const;

export interface MessageRow {
  id: string;
  customerId: number;
  channel: string;
  recipient: string;
  locale: string;
  purpose: string;
  body: string;
  createdAt: Date;
  answered: boolean;
}

/** The outbound message log (what would have been sent), newest first, keyset on (created_at, id). */
export async function listOutboundMessages(actor: Actor, opts: { cursor?: string | null; pageSize?: number } = {}): Promise<{ rows: MessageRow[]; nextCursor: string | null }> {
  assertCan(actor, "survey:read");
  const size = opts.pageSize ?? 50;
  const after = opts.cursor && /^\d+$/.test(opts.cursor) ? BigInt(opts.cursor) : null;
  const rows = await db.outboundMessage.findMany({
    where: after ? { id: { lt: after } } : {},
    orderBy: { id: "desc" },
    take: size + 1,
  });
  const invIds = rows.map((r) => r.invitationId).filter((x): x is number => x !== null);
  const answered = new Set(
    (await db.surveyInvitation.findMany({ where: { id: { in: invIds }, answeredAt: { not: null } }, select: { id: true } })).map((r) => r.id),
  );
  const page = rows.slice(0, size);
  return {
    rows: page.map((r) => ({
      id: r.id.toString(),
      customerId: r.customerId,
      channel: r.channel,
      recipient: r.recipient,
      locale: r.locale,
      purpose: r.purpose,
      // Stored redacted since issue 19; redacted again here so no row, however written, shows a
      // token that would let staff answer a customer's survey.
      body: redactSurveyLinks(r.body),
      createdAt: r.createdAt,
      answered: r.invitationId !== null && answered.has(r.invitationId),
    })),
    nextCursor: rows.length > size ? page[page.length - 1].id.toString() : null,
  };
}

export async function listSurveyTemplates(actor: Actor) {
  assertCan(actor, "survey:read");
  return db.surveyTemplate.findMany({ orderBy: { id: "asc" } });
}

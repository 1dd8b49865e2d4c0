import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { complaintScope } from "@/lib/complaints/scope";
import { maskMsisdn } from "@/lib/pii/mask";
import { customerAddressForm, formatDueAt, renderScript, type ScriptSegment, type ScriptValues } from "@/lib/scripts/placeholders";
import { SCRIPT_STAGES, type ScriptStageName } from "@/lib/scripts/schemas";

// Standard scripts (话术): the admin's list and the scripts shown where the agent is — the complaint
// page, the customer 360 (the call), the campaign call page (docs/scripts-and-palette.md).

export interface ScriptRow {
  id: number;
  stage: ScriptStageName;
  complaintCategoryId: number | null;
  campaignId: number | null;
  categoryNameZh: string | null;
  categoryNameEn: string | null;
  campaignName: string | null;
  nameZh: string;
  nameEn: string;
  bodyZh: string;
  bodyEn: string;
  isActive: boolean;
  sortOrder: number;
  version: number;
  updatedAt: Date;
}

/** Every script (active and not), by stage then order: the admin page. */
export async function listScripts(actor: Actor): Promise<ScriptRow[]> {
  assertCan(actor, "knowledge:configure");
  return sqlRows<ScriptRow>(Prisma.sql`
    SELECT s.id, s.stage::text AS stage, s.complaint_category_id AS "complaintCategoryId", s.campaign_id AS "campaignId",
           cc.name_zh AS "categoryNameZh", cc.name_en AS "categoryNameEn", cp.name AS "campaignName",
           s.name_zh AS "nameZh", s.name_en AS "nameEn", s.body_zh AS "bodyZh", s.body_en AS "bodyEn",
           s.is_active AS "isActive", s.sort_order AS "sortOrder", s.version, s.updated_at AS "updatedAt"
      FROM service_script s
      LEFT JOIN complaint_category cc ON cc.id = s.complaint_category_id
      LEFT JOIN campaign cp ON cp.id = s.campaign_id
     ORDER BY array_position(${[...SCRIPT_STAGES]}::text[], s.stage::text), s.is_active DESC, s.sort_order, s.id`);
}

/** What a script may be made specific to: complaint categories (active) and campaigns (not finished or cancelled). */
export async function listScriptTargets(
  actor: Actor,
): Promise<{ categories: Array<{ id: number; nameZh: string; nameEn: string; parentId: number | null }>; campaigns: Array<{ id: number; name: string }> }> {
  assertCan(actor, "knowledge:configure");
  const [categories, campaigns] = await Promise.all([
    db.complaintCategory.findMany({
      where: { isActive: true },
      select: { id: true, nameZh: true, nameEn: true, parentId: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    }),
    db.campaign.findMany({ where: { status: { notIn: ["CANCELLED", "COMPLETED"] } }, select: { id: true, name: true }, orderBy: { id: "desc" }, take: 200 }),
  ]);
  return { categories, campaigns };
}

/** A script chosen for a stage: a service_script row, or the complaint category's own reply script (the fallback). */
export interface ChosenScript {
  stage: ScriptStageName;
  id: number | null;
  nameZh: string;
  nameEn: string;
  bodyZh: string;
  bodyEn: string;
  /** How specific the match was (the page says so): the campaign's, the category's, the parent category's, the general one. */
  match: "campaign" | "category" | "parentCategory" | "categoryReply" | "general";
}

export interface ScriptContext {
  stages: readonly ScriptStageName[];
  complaintCategoryId?: number | null;
  campaignId?: number | null;
}

/**
 * One script per stage (in the order asked), the most specific active one: for the campaign, else
 * for the complaint category, else for its parent category, else the general one (no category, no
 * campaign); ties by sort order. An APOLOGY with no script of its category or parent falls back to
 * the category's reply script (complaint_category.script_zh/en, issue 7) before the general one.
 * One query for the scripts (a handful of rows, index service_script_stage_is_active_idx).
 */
export async function chooseScripts(actor: Actor, ctx: ScriptContext): Promise<ChosenScript[]> {
  assertCan(actor, "knowledge:read");
  if (!ctx.stages.length) return [];
  const category = ctx.complaintCategoryId
    ? await db.complaintCategory.findUnique({ where: { id: ctx.complaintCategoryId }, select: { id: true, parentId: true, scriptZh: true, scriptEn: true } })
    : null;
  const parent = category?.parentId
    ? await db.complaintCategory.findUnique({ where: { id: category.parentId }, select: { id: true, scriptZh: true, scriptEn: true } })
    : null;
  const categoryIds = [category?.id, parent?.id].filter((v): v is number => !!v);
  const rows = await db.serviceScript.findMany({
    where: {
      stage: { in: [...ctx.stages] },
      isActive: true,
      AND: [
        { OR: [{ complaintCategoryId: null }, ...(categoryIds.length ? [{ complaintCategoryId: { in: categoryIds } }] : [])] },
        { OR: [{ campaignId: null }, ...(ctx.campaignId ? [{ campaignId: ctx.campaignId }] : [])] },
      ],
    },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
  });
  const rank = (r: (typeof rows)[number]) => (r.campaignId ? 0 : r.complaintCategoryId === category?.id && category ? 1 : r.complaintCategoryId ? 2 : 4);
  const out: ChosenScript[] = [];
  for (const stage of ctx.stages) {
    const candidates = rows.filter((r) => r.stage === stage).sort((a, b) => rank(a) - rank(b));
    const best = candidates[0];
    const reply = stage === "APOLOGY" ? (category?.scriptZh || category?.scriptEn ? category : parent?.scriptZh || parent?.scriptEn ? parent : null) : null;
    if (best && rank(best) < 4) out.push(chosen(best, rank(best) === 0 ? "campaign" : rank(best) === 1 ? "category" : "parentCategory"));
    else if (reply)
      out.push({
        stage,
        id: null,
        nameZh: "",
        nameEn: "",
        bodyZh: reply.scriptZh || reply.scriptEn,
        bodyEn: reply.scriptEn || reply.scriptZh,
        match: "categoryReply",
      });
    else if (best) out.push(chosen(best, "general"));
  }
  return out;
}

function chosen(r: { id: number; stage: string; nameZh: string; nameEn: string; bodyZh: string; bodyEn: string }, match: ChosenScript["match"]): ChosenScript {
  return { stage: r.stage as ScriptStageName, id: r.id, nameZh: r.nameZh, nameEn: r.nameEn, bodyZh: r.bodyZh, bodyEn: r.bodyEn, match };
}

/** A script as the agent reads it: in the page's language, placeholders filled (masked values only). */
export interface RenderedScript {
  stage: ScriptStageName;
  id: number | null;
  /** The script's name in the language ("" for a category's reply script: the page names it). */
  name: string;
  match: ChosenScript["match"];
  segments: ScriptSegment[];
}

export function renderChosen(scripts: ChosenScript[], locale: string, values: ScriptValues): RenderedScript[] {
  const en = locale === "en";
  return scripts.map((s) => ({
    stage: s.stage,
    id: s.id,
    name: en ? s.nameEn : s.nameZh,
    match: s.match,
    segments: renderScript((en ? s.bodyEn : s.bodyZh) || s.bodyZh, values),
  }));
}

/** Chooses and renders in one step, with values the caller already holds (the campaign call page). */
export async function renderScriptsFor(actor: Actor, ctx: ScriptContext, locale: string, values: ScriptValues): Promise<RenderedScript[]> {
  return renderChosen(await chooseScripts(actor, ctx), locale, values);
}

/**
 * The scripts of a complaint (apology and explanation for its category, greeting, identity check and
 * closing), filled from the complaint: the customer's address form, the masked number, the plan, the
 * complaint number, the category, the resolution due time, the agent. In the complaint scope (404 outside).
 */
export async function getComplaintScripts(actor: Actor, complaintId: number, locale: string): Promise<RenderedScript[]> {
  assertCan(actor, "complaint:read");
  if (!Number.isSafeInteger(complaintId) || complaintId <= 0) throw new NotFoundError("complaint");
  const c = await db.complaint.findFirst({
    where: { id: complaintId, ...complaintScope(actor) },
    select: { id: true, complaintNo: true, categoryId: true, customerId: true, lineId: true, resolutionDueAt: true },
  });
  if (!c) throw new NotFoundError("complaint");
  const [customer, category, line] = await Promise.all([
    db.customer.findUniqueOrThrow({ where: { id: c.customerId }, select: { name: true, type: true, gender: true } }),
    db.complaintCategory.findUniqueOrThrow({ where: { id: c.categoryId }, select: { nameZh: true, nameEn: true } }),
    c.lineId
      ? db.line.findUnique({ where: { id: c.lineId }, select: { msisdn: true, plan: { select: { nameZh: true, nameEn: true } } } })
      : db.line.findFirst({
          where: { customerId: c.customerId },
          orderBy: [{ status: "asc" }, { id: "asc" }],
          select: { msisdn: true, plan: { select: { nameZh: true, nameEn: true } } },
        }),
  ]);
  const en = locale === "en";
  const scripts = await chooseScripts(actor, {
    stages: ["GREETING", "IDENTITY_CHECK", "APOLOGY", "EXPLANATION", "CLOSING"],
    complaintCategoryId: c.categoryId,
  });
  return renderChosen(scripts, locale, {
    customerName: customerAddressForm(customer, locale),
    msisdn: line ? maskMsisdn(line.msisdn) : null,
    agentName: actor.name,
    planName: line ? (en ? line.plan.nameEn : line.plan.nameZh) : null,
    complaintNo: c.complaintNo,
    categoryName: en ? category.nameEn : category.nameZh,
    dueAt: formatDueAt(c.resolutionDueAt, locale),
  });
}

/** The scripts of an inbound call with a customer (greeting, identity check, closing), for the 360 view. */
export async function getCustomerCallScripts(actor: Actor, customerId: number, locale: string): Promise<RenderedScript[]> {
  assertCan(actor, "customer:read");
  if (!Number.isSafeInteger(customerId) || customerId <= 0) throw new NotFoundError("customer");
  const [customer] = await sqlRows<{
    name: string;
    type: string;
    gender: string;
    msisdn: string | null;
    planZh: string | null;
    planEn: string | null;
  }>(Prisma.sql`
    SELECT c.name, c.type::text AS type, c.gender::text AS gender, l.msisdn, p.name_zh AS "planZh", p.name_en AS "planEn"
      FROM customer c
      LEFT JOIN LATERAL (SELECT msisdn, plan_id FROM line WHERE customer_id = c.id ORDER BY status, id LIMIT 1) l ON TRUE
      LEFT JOIN plan p ON p.id = l.plan_id
     WHERE c.id = ${customerId}`);
  if (!customer) throw new NotFoundError("customer");
  const en = locale === "en";
  return renderScriptsFor(actor, { stages: ["GREETING", "IDENTITY_CHECK", "CLOSING"] }, locale, {
    customerName: customerAddressForm(customer, locale),
    msisdn: customer.msisdn ? maskMsisdn(customer.msisdn) : null,
    agentName: actor.name,
    planName: en ? customer.planEn : customer.planZh,
  });
}

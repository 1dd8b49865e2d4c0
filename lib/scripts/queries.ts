import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { complaintScopeSql } from "@/lib/complaints/scope";
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
 * the category's reply script (complaint_category.script_zh/en, issue 7; its parent's when it has
 * none) before the general one. One statement (a handful of rows, index service_script_stage_is_active_idx).
 */
export async function chooseScripts(actor: Actor, ctx: ScriptContext): Promise<ChosenScript[]> {
  assertCan(actor, "knowledge:read");
  if (!ctx.stages.length) return [];
  const stages = [...ctx.stages];
  const rows = await sqlRows<{ id: number | null; stage: ScriptStageName; rank: number; nameZh: string; nameEn: string; bodyZh: string; bodyEn: string }>(
    Prisma.sql`
    WITH cat AS (
      SELECT c.id, c.parent_id, c.script_zh, c.script_en, p.script_zh AS p_zh, p.script_en AS p_en
        FROM complaint_category c LEFT JOIN complaint_category p ON p.id = c.parent_id
       WHERE c.id = ${ctx.complaintCategoryId ?? null}::int)
    SELECT s.id, s.stage::text AS stage,
           CASE WHEN s.campaign_id IS NOT NULL THEN 0 WHEN s.complaint_category_id = (SELECT id FROM cat) THEN 1 WHEN s.complaint_category_id IS NOT NULL THEN 2 ELSE 4 END AS rank,
           s.name_zh AS "nameZh", s.name_en AS "nameEn", s.body_zh AS "bodyZh", s.body_en AS "bodyEn", s.sort_order
      FROM service_script s
     WHERE s.stage = ANY (${stages}::"ScriptStage"[]) AND s.is_active
       AND (s.campaign_id IS NULL OR s.campaign_id = ${ctx.campaignId ?? null}::int)
       AND (s.complaint_category_id IS NULL OR s.complaint_category_id IN (SELECT id FROM cat UNION ALL SELECT parent_id FROM cat))
    UNION ALL
    SELECT NULL, 'APOLOGY', 3, '', '',
           CASE WHEN cat.script_zh <> '' OR cat.script_en <> '' THEN COALESCE(NULLIF(cat.script_zh, ''), cat.script_en) ELSE COALESCE(NULLIF(cat.p_zh, ''), cat.p_en) END,
           CASE WHEN cat.script_zh <> '' OR cat.script_en <> '' THEN COALESCE(NULLIF(cat.script_en, ''), cat.script_zh) ELSE COALESCE(NULLIF(cat.p_en, ''), cat.p_zh) END,
           0
      FROM cat
     WHERE 'APOLOGY' = ANY (${stages}::text[]) AND (cat.script_zh <> '' OR cat.script_en <> '' OR COALESCE(cat.p_zh, '') <> '' OR COALESCE(cat.p_en, '') <> '')
     ORDER BY rank, sort_order, id`,
    { prepared: true },
  );
  const MATCH: ChosenScript["match"][] = ["campaign", "category", "parentCategory", "categoryReply", "general"];
  const out: ChosenScript[] = [];
  for (const stage of stages) {
    const best = rows.find((r) => r.stage === stage);
    if (best) out.push({ stage, id: best.id, nameZh: best.nameZh, nameEn: best.nameEn, bodyZh: best.bodyZh, bodyEn: best.bodyEn, match: MATCH[best.rank]! });
  }
  return out;
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
  // One statement for the facts, in the complaint scope: the line named on the complaint, else the customer's first.
  const [c] = await sqlRows<{
    complaintNo: string;
    categoryId: number;
    resolutionDueAt: Date | null;
    name: string;
    type: string;
    gender: string;
    categoryZh: string;
    categoryEn: string;
    msisdn: string | null;
    planZh: string | null;
    planEn: string | null;
  }>(
    Prisma.sql`
    SELECT c.complaint_no AS "complaintNo", c.category_id AS "categoryId", c.resolution_due_at AS "resolutionDueAt",
           cu.name, cu.type::text AS type, cu.gender::text AS gender, cc.name_zh AS "categoryZh", cc.name_en AS "categoryEn",
           l.msisdn, p.name_zh AS "planZh", p.name_en AS "planEn"
      FROM complaint c
      JOIN customer cu ON cu.id = c.customer_id
      JOIN complaint_category cc ON cc.id = c.category_id
      LEFT JOIN LATERAL (SELECT msisdn, plan_id FROM line WHERE id = c.line_id
                         UNION ALL (SELECT msisdn, plan_id FROM line WHERE customer_id = c.customer_id AND c.line_id IS NULL ORDER BY status, id LIMIT 1)) l ON TRUE
      LEFT JOIN plan p ON p.id = l.plan_id
     WHERE c.id = ${complaintId} AND ${complaintScopeSql(actor)}`,
    { prepared: true },
  );
  if (!c) throw new NotFoundError("complaint");
  const en = locale === "en";
  const scripts = await chooseScripts(actor, {
    stages: ["GREETING", "IDENTITY_CHECK", "APOLOGY", "EXPLANATION", "CLOSING"],
    complaintCategoryId: c.categoryId,
  });
  return renderChosen(scripts, locale, {
    customerName: customerAddressForm(c, locale),
    msisdn: c.msisdn ? maskMsisdn(c.msisdn) : null,
    agentName: actor.name,
    planName: en ? c.planEn : c.planZh,
    complaintNo: c.complaintNo,
    categoryName: en ? c.categoryEn : c.categoryZh,
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

import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, ValidationError } from "@/lib/shared/errors";
import { z } from "zod";
import {
  BACKLOG_AGE_BUCKETS,
  complaintRatePer10k,
  csi,
  DEFAULT_METRIC_TARGETS,
  escalationRate,
  reopenRate,
  responseRate,
  type BacklogAgeBucket,
} from "@/lib/dashboards/metrics";
import type { DashboardFilters } from "@/lib/dashboards/filters";
import type { CsiDimensionDef } from "@/lib/surveys/rules";
import { decodeTimeCursor, encodeTimeCursor } from "@/lib/shared/cursor";
import { CUBE_DIMENSIONS, DETAIL_GRAIN, grainFor, monthSpan, MONTH_BIT, type CubeDimension } from "@/lib/dashboards/cube";

// Tiles read only the rollup tables (lib/dashboards/rollups.ts); each tile is one aggregate over
// days × dimensions of the chosen range, so its cost follows the range and the filters, not the
// history. Each reads the cube's smallest grain that keeps its filters and its grouping
// (lib/dashboards/cube.ts). Ratios go through lib/dashboards/metrics.ts's definitions from summed counts.

const share = (num: number, den: number) => (den === 0 ? null : num / den);

/** The cube dimensions the filters pin (the filters are named like the dimensions). */
function pinned(f: DashboardFilters) {
  return CUBE_DIMENSIONS.filter((d) => d.key !== "agent" && f[d.key] !== undefined);
}

/** `r.<column> = value` for every pinned dimension (columns from cube.ts, values bound). */
function filterSql(f: DashboardFilters): Prisma.Sql[] {
  return pinned(f).map((d) => Prisma.sql`r.${Prisma.raw(d.column)} = ${f[d.key as Exclude<CubeDimension, "agent">]}`);
}

/**
 * Rows of the range and filters, at the grain that keeps the filters plus `groupBy`: the month
 * rows for the range's whole months and day rows for the rest, or day rows only when the tile
 * groups by day (`byDay`) or reads the detail.
 */
function where(f: DashboardFilters, groupBy?: CubeDimension | "day"): Prisma.Sql {
  const grain = grainFor([...pinned(f).map((d) => d.key), ...(groupBy && groupBy !== "day" ? [groupBy] : [])]);
  const span = groupBy !== "day" && grain !== DETAIL_GRAIN ? monthSpan(f.from, f.to) : null;
  const days = Prisma.sql`r.grain = ${grain}::smallint AND r.day >= ${f.from}::date AND r.day <= ${f.to}::date`;
  const range = span
    ? Prisma.sql`((${days} AND (r.day < ${span[0]}::date OR r.day >= ${span[1]}::date))
        OR (r.grain = ${grain + MONTH_BIT}::smallint AND r.day >= ${span[0]}::date AND r.day < ${span[1]}::date))`
    : days;
  return Prisma.join([range, ...filterSql(f)], " AND ");
}

function backlogWhere(f: DashboardFilters): Prisma.Sql {
  return Prisma.join([Prisma.sql`TRUE`, ...filterSql(f)], " AND ");
}

/**
 * A tile's statement: prepared, straight from the pool (lib/db.ts sqlRows). Rollup reads are small
 * and their plans do not depend on the filter values; a page sends about ten at once, so planning
 * and the client's per-query work were most of a tile's cost.
 */
function tile<R extends unknown[]>(sql: Prisma.Sql): Promise<R> {
  return sqlRows<R[number]>(sql, { prepared: true }) as Promise<R>;
}

const SUMS = Prisma.sql`sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(handling_minutes)::float8 AS handling_minutes, sum(handled_count)::int AS handled_count,
  sum(fr_met)::int AS fr_met, sum(fr_decided)::int AS fr_decided, sum(fb_met)::int AS fb_met, sum(fb_decided)::int AS fb_decided,
  sum(res_met)::int AS res_met, sum(res_decided)::int AS res_decided, sum(cyc_met)::int AS cyc_met, sum(cyc_decided)::int AS cyc_decided,
  sum(breached)::int AS breached, sum(escalated)::int AS escalated, sum(reopened)::int AS reopened, sum(fcr_yes)::int AS fcr_yes, sum(fcr_decided)::int AS fcr_decided, sum(appeals)::int AS appeals`;

type Sums = {
  opened: number | null;
  resolved: number | null;
  handling_minutes: number | null;
  handled_count: number | null;
  fr_met: number | null;
  fr_decided: number | null;
  fb_met: number | null;
  fb_decided: number | null;
  res_met: number | null;
  res_decided: number | null;
  cyc_met: number | null;
  cyc_decided: number | null;
  breached: number | null;
  escalated: number | null;
  reopened: number | null;
  fcr_yes: number | null;
  fcr_decided: number | null;
  appeals: number | null;
};

export interface ServiceKpis {
  opened: number;
  resolved: number;
  ratePer10k: number | null;
  activeSubscribers: number;
  sla: { FIRST_RESPONSE: number | null; FEEDBACK: number | null; RESOLUTION: number | null; CYCLE: number | null };
  averageHandlingHours: number | null;
  fcr: number | null;
  reopenRate: number | null;
  escalationRate: number | null;
  breached: number;
  appeals: number;
}

function kpisOf(s: Sums, activeSubscribers: number): ServiceKpis {
  const n = (v: number | null) => v ?? 0;
  return {
    opened: n(s.opened),
    resolved: n(s.resolved),
    ratePer10k: complaintRatePer10k(n(s.opened), activeSubscribers),
    activeSubscribers,
    sla: {
      FIRST_RESPONSE: share(n(s.fr_met), n(s.fr_decided)),
      FEEDBACK: share(n(s.fb_met), n(s.fb_decided)),
      RESOLUTION: share(n(s.res_met), n(s.res_decided)),
      CYCLE: share(n(s.cyc_met), n(s.cyc_decided)),
    },
    averageHandlingHours: n(s.handled_count) === 0 ? null : n(s.handling_minutes) / n(s.handled_count) / 60,
    fcr: share(n(s.fcr_yes), n(s.fcr_decided)),
    reopenRate: reopenRate(n(s.reopened), n(s.resolved)),
    escalationRate: escalationRate(n(s.escalated), n(s.opened)),
    breached: n(s.breached),
    appeals: n(s.appeals),
  };
}

export interface ServiceDashboard {
  kpis: ServiceKpis;
  volumeByDay: { day: string; opened: number; breached: number }[];
  breachesByCategory: { categoryId: number; nameZh: string; nameEn: string; breached: number; opened: number }[];
  breachesByTeam: { teamId: number; nameZh: string; nameEn: string; breached: number; opened: number; slaResolution: number | null }[];
  backlog: { bucket: BacklogAgeBucket; open: number }[];
}

/** Active subscribers at the end of the range (region filter applies). */
async function activeAt(f: DashboardFilters): Promise<number> {
  const [r] = await tile<[{ n: number | null }]>(Prisma.sql`
    SELECT sum(active)::int AS n FROM subscriber_daily_rollup
    WHERE day = (SELECT max(day) FROM subscriber_daily_rollup WHERE day <= ${f.to}::date) ${f.region ? Prisma.sql`AND region = ${f.region}` : Prisma.empty}`);
  return r?.n ?? 0;
}

export async function getServiceDashboard(actor: Actor, f: DashboardFilters): Promise<ServiceDashboard> {
  assertCan(actor, "dashboard:read");
  const w = where(f);
  const [[totals], byDay, byCategory, byTeam, backlogRows, active] = await Promise.all([
    tile<[Sums]>(Prisma.sql`SELECT ${SUMS} FROM complaint_daily_rollup r WHERE ${w}`),
    tile<{ day: string; opened: number; breached: number }[]>(Prisma.sql`
      SELECT r.day::text AS day, sum(opened)::int AS opened, sum(breached)::int AS breached FROM complaint_daily_rollup r WHERE ${where(f, "day")} GROUP BY r.day ORDER BY r.day`),
    tile<{ category_id: number; name_zh: string; name_en: string; breached: number; opened: number }[]>(Prisma.sql`
      SELECT r.category_id, cc.name_zh, cc.name_en, sum(breached)::int AS breached, sum(opened)::int AS opened
      FROM complaint_daily_rollup r JOIN complaint_category cc ON cc.id = r.category_id WHERE ${where(f, "category")}
      GROUP BY r.category_id, cc.name_zh, cc.name_en ORDER BY breached DESC, opened DESC LIMIT 15`),
    tile<
      { team_id: number; name_zh: string | null; name_en: string | null; breached: number; opened: number; res_met: number; res_decided: number }[]
    >(Prisma.sql`
      SELECT r.team_id, t.name_zh, t.name_en, sum(breached)::int AS breached, sum(opened)::int AS opened, sum(res_met)::int AS res_met, sum(res_decided)::int AS res_decided
      FROM complaint_daily_rollup r LEFT JOIN team t ON t.id = r.team_id WHERE ${where(f, "team")}
      GROUP BY r.team_id, t.name_zh, t.name_en ORDER BY breached DESC, opened DESC`),
    tile<{ bucket: BacklogAgeBucket; open: number }[]>(
      Prisma.sql`SELECT bucket, sum(open)::int AS open FROM backlog_rollup r WHERE ${backlogWhere(f)} GROUP BY bucket`,
    ),
    activeAt(f),
  ]);
  const backlogMap = new Map(backlogRows.map((b) => [b.bucket, b.open]));
  return {
    kpis: kpisOf(totals, active),
    volumeByDay: byDay,
    breachesByCategory: byCategory.map((r) => ({ categoryId: r.category_id, nameZh: r.name_zh, nameEn: r.name_en, breached: r.breached, opened: r.opened })),
    breachesByTeam: byTeam.map((r) => ({
      teamId: r.team_id,
      nameZh: r.name_zh ?? "—",
      nameEn: r.name_en ?? "—",
      breached: r.breached,
      opened: r.opened,
      slaResolution: share(r.res_met, r.res_decided),
    })),
    backlog: BACKLOG_AGE_BUCKETS.map((b) => ({ bucket: b.bucket, open: backlogMap.get(b.bucket) ?? 0 })),
  };
}

// ───────────────────────────── satisfaction ─────────────────────────────

export interface SatisfactionSums {
  sent: number;
  answered: number;
  csatN: number;
  csatSatisfied: number;
  npsN: number;
  promoters: number;
  npsDetractors: number;
}

export interface SatisfactionDashboard {
  csat: number | null;
  nps: number | null;
  csi: number | null;
  responseRate: number | null;
  sums: SatisfactionSums;
  dimensions: { code: string; labelZh: string; labelEn: string; weight: number; score: number | null }[];
  trend: { day: string; csat: number | null; nps: number | null; answered: number }[];
  by: Record<
    "team" | "agent" | "channel" | "category" | "region",
    { key: string; label: string; labelEn: string; csat: number | null; nps: number | null; answered: number }[]
  >;
  verbatims: { id: number; kind: string; score: number | null; csiScore: number | null; comment: string; answeredAt: Date; complaintId: number | null }[];
}

type SatRow = {
  sent: number | null;
  answered: number | null;
  csat_n: number | null;
  csat_sat: number | null;
  nps_n: number | null;
  prom: number | null;
  det: number | null;
};
const SAT_SUMS = Prisma.sql`sum(sent)::int AS sent, sum(answered)::int AS answered,
  sum(n) FILTER (WHERE kind = 'CSAT')::int AS csat_n, sum(satisfied) FILTER (WHERE kind = 'CSAT')::int AS csat_sat,
  sum(n) FILTER (WHERE kind = 'NPS')::int AS nps_n, sum(promoters) FILTER (WHERE kind = 'NPS')::int AS prom, sum(detractors) FILTER (WHERE kind = 'NPS')::int AS det`;
const csatOf = (r: SatRow) => share(r.csat_sat ?? 0, r.csat_n ?? 0);
const npsOf = (r: SatRow) => ((r.nps_n ?? 0) === 0 ? null : (((r.prom ?? 0) - (r.det ?? 0)) / (r.nps_n ?? 1)) * 100);

export async function getSatisfactionDashboard(actor: Actor, f: DashboardFilters): Promise<SatisfactionDashboard> {
  assertCan(actor, "dashboard:read");
  const w = where(f);
  const main = Prisma.sql`${w} AND r.dimension = ''`;
  // Team, agent, channel and category describe a complaint: only CSAT answers have them (an NPS
  // answer is about the relationship and would otherwise form a nameless "—" row). Region has both.
  const group = (dim: CubeDimension, col: Prisma.Sql, label: Prisma.Sql, labelEn: Prisma.Sql, join: Prisma.Sql) =>
    tile<(SatRow & { key: string; label: string | null; label_en: string | null })[]>(Prisma.sql`
      SELECT ${col}::text AS key, ${label} AS label, ${labelEn} AS label_en, ${SAT_SUMS}
      FROM survey_daily_rollup r ${join} WHERE ${where(f, dim)} AND r.dimension = ''
        AND ${dim === "region" ? Prisma.sql`r.kind IN ('CSAT', 'NPS')` : Prisma.sql`r.kind = 'CSAT' AND ${col} IS NOT NULL`}
      GROUP BY 1, 2, 3 ORDER BY sum(answered) DESC LIMIT 20`);
  const [[totals], dims, trend, team, agent, channel, category, region, tpl, verbatims] = await Promise.all([
    tile<[SatRow]>(Prisma.sql`SELECT ${SAT_SUMS} FROM survey_daily_rollup r WHERE ${main}`),
    tile<{ dimension: string; score_sum: number; n: number }[]>(Prisma.sql`
      SELECT r.dimension, sum(score_sum)::float8 AS score_sum, sum(n)::int AS n FROM survey_daily_rollup r WHERE ${w} AND r.dimension <> '' GROUP BY r.dimension`),
    tile<(SatRow & { day: string })[]>(
      Prisma.sql`SELECT r.day::text AS day, ${SAT_SUMS} FROM survey_daily_rollup r WHERE ${where(f, "day")} AND r.dimension = '' GROUP BY r.day ORDER BY r.day`,
    ),
    group("team", Prisma.sql`r.team_id`, Prisma.sql`t.name_zh`, Prisma.sql`t.name_en`, Prisma.sql`LEFT JOIN team t ON t.id = r.team_id`),
    group("agent", Prisma.sql`r.agent_id`, Prisma.sql`u.display_name`, Prisma.sql`u.display_name`, Prisma.sql`LEFT JOIN app_user u ON u.id = r.agent_id`),
    group("channel", Prisma.sql`r.channel`, Prisma.sql`r.channel`, Prisma.sql`r.channel`, Prisma.empty),
    group(
      "category",
      Prisma.sql`r.category_id`,
      Prisma.sql`cc.name_zh`,
      Prisma.sql`cc.name_en`,
      Prisma.sql`LEFT JOIN complaint_category cc ON cc.id = r.category_id`,
    ),
    group("region", Prisma.sql`r.region`, Prisma.sql`r.region`, Prisma.sql`r.region`, Prisma.empty),
    db.surveyTemplate.findFirst({ where: { kind: "CSI", isActive: true }, orderBy: { id: "asc" } }),
    listVerbatims(f, 10),
  ]);
  const defs = ((tpl?.dimensions ?? []) as unknown as CsiDimensionDef[]) ?? [];
  const dimMap = new Map(dims.map((d) => [d.dimension, d.n === 0 ? null : d.score_sum / d.n]));
  const dimensions = defs.map((d) => ({ ...d, score: dimMap.get(d.code) ?? null }));
  const sums: SatisfactionSums = {
    sent: totals.sent ?? 0,
    answered: totals.answered ?? 0,
    csatN: totals.csat_n ?? 0,
    csatSatisfied: totals.csat_sat ?? 0,
    npsN: totals.nps_n ?? 0,
    promoters: totals.prom ?? 0,
    npsDetractors: totals.det ?? 0,
  };
  const toGroup = (rows: (SatRow & { key: string; label: string | null; label_en: string | null })[]) =>
    rows.map((r) => ({ key: r.key, label: r.label ?? "—", labelEn: r.label_en ?? "—", csat: csatOf(r), nps: npsOf(r), answered: r.answered ?? 0 }));
  return {
    csat: csatOf(totals),
    nps: npsOf(totals),
    csi: csi(Object.fromEntries(dimensions.map((d) => [d.code, d.score])), Object.fromEntries(defs.map((d) => [d.code, d.weight]))),
    responseRate: responseRate(sums.sent, sums.answered),
    sums,
    dimensions,
    trend: trend.map((t) => ({ day: t.day, csat: csatOf(t), nps: npsOf(t), answered: t.answered ?? 0 })),
    by: { team: toGroup(team), agent: toGroup(agent), channel: toGroup(channel), category: toGroup(category), region: toGroup(region) },
    verbatims,
  };
}

/** Latest comments (a list, not a tile): newest answers first through the answered_at index. */
async function listVerbatims(f: DashboardFilters, limit: number) {
  const parts: Prisma.Sql[] = [
    Prisma.sql`r.comment IS NOT NULL`,
    Prisma.sql`r.answered_at >= (${f.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    Prisma.sql`r.answered_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
  ];
  if (f.team !== undefined) parts.push(Prisma.sql`i.team_id = ${f.team}`);
  if (f.category !== undefined) parts.push(Prisma.sql`i.category_id = ${f.category}`);
  if (f.channel !== undefined) parts.push(Prisma.sql`i.source_channel = ${f.channel}`);
  if (f.region !== undefined) parts.push(Prisma.sql`i.region = ${f.region}`);
  if (f.tier !== undefined) parts.push(Prisma.sql`i.value_tier = ${f.tier}`);
  const rows = await tile<
    { id: number; kind: string; score: number | null; csi_score: number | null; comment: string; answered_at: Date; complaint_id: number | null }[]
  >(Prisma.sql`
    SELECT r.id, r.kind::text AS kind, r.score, r.csi_score, r.comment, r.answered_at, r.complaint_id
    FROM survey_response r JOIN survey_invitation i ON i.id = r.invitation_id
    WHERE ${Prisma.join(parts, " AND ")} ORDER BY r.answered_at DESC, r.id DESC LIMIT ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    score: r.score,
    csiScore: r.csi_score,
    comment: r.comment,
    answeredAt: r.answered_at,
    complaintId: r.complaint_id,
  }));
}

// ───────────────────────────── agents ─────────────────────────────

export interface AgentScore {
  agentId: number;
  name: string;
  teamZh: string;
  teamEn: string;
  teamId: number;
  opened: number;
  handled: number;
  averageHandlingHours: number | null;
  slaResolution: number | null;
  fcr: number | null;
  csat: number | null;
  csatN: number;
}

export async function getAgentScorecards(actor: Actor, f: DashboardFilters): Promise<AgentScore[]> {
  assertCan(actor, "dashboard:read");
  const w = where(f, "agent");
  const [rows, sat] = await Promise.all([
    tile<(Sums & { agent_id: number; name: string; team_id: number; team_zh: string | null; team_en: string | null })[]>(Prisma.sql`
      SELECT r.agent_id, u.display_name AS name, COALESCE(u.team_id, 0) AS team_id, t.name_zh AS team_zh, t.name_en AS team_en, ${SUMS}
      FROM complaint_daily_rollup r JOIN app_user u ON u.id = r.agent_id LEFT JOIN team t ON t.id = u.team_id
      WHERE ${w} GROUP BY r.agent_id, u.display_name, u.team_id, t.name_zh, t.name_en ORDER BY sum(resolved) DESC, r.agent_id`),
    tile<{ agent_id: number; n: number; sat: number }[]>(Prisma.sql`
      SELECT r.agent_id, sum(n)::int AS n, sum(satisfied)::int AS sat FROM survey_daily_rollup r WHERE ${w} AND r.dimension = '' AND r.kind = 'CSAT' GROUP BY r.agent_id`),
  ]);
  const satMap = new Map(sat.map((s) => [s.agent_id, s]));
  return rows.map((r) => {
    const k = kpisOf(r, 0);
    const s = satMap.get(r.agent_id);
    return {
      agentId: r.agent_id,
      name: r.name,
      teamId: r.team_id,
      teamZh: r.team_zh ?? "—",
      teamEn: r.team_en ?? "—",
      opened: k.opened,
      handled: k.resolved,
      averageHandlingHours: k.averageHandlingHours,
      slaResolution: k.sla.RESOLUTION,
      fcr: k.fcr,
      csat: s ? share(s.sat, s.n) : null,
      csatN: s?.n ?? 0,
    };
  });
}

// ───────────────────────────── filter options ─────────────────────────────

export async function getFilterOptions(actor: Actor) {
  assertCan(actor, "dashboard:read");
  const [teams, categories, regions] = await Promise.all([
    db.team.findMany({ orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } }),
    db.complaintCategory.findMany({
      where: { isActive: true },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      select: { id: true, nameZh: true, nameEn: true },
    }),
    db.$queryRaw<{ region: string }[]>`SELECT DISTINCT region FROM subscriber_daily_rollup ORDER BY region LIMIT 200`,
  ]);
  return { teams, categories, regions: regions.map((r) => r.region) };
}

// ───────────────────────────── drill-down list ─────────────────────────────

export const DRILLS = ["opened", "breached", "appeals", "escalated", "reopened", "resolved"] as const;
export type Drill = (typeof DRILLS)[number];

export interface DrillRow {
  id: number;
  complaintNo: string;
  status: string;
  createdAt: Date;
  breachedAt: Date | null;
  teamId: number | null;
  categoryZh: string;
  categoryEn: string;
  channel: string;
  summary: string;
}

/**
 * The complaints behind a tile: same filters and cohort (opened in the range), keyset-paginated
 * on (created_at, id) descending. A list, so it reads the complaint table through its indexes.
 */
export async function listDrillComplaints(
  actor: Actor,
  f: DashboardFilters,
  drill: Drill,
  cursor: string | null,
  pageSize = 50,
): Promise<{ rows: DrillRow[]; nextCursor: string | null }> {
  assertCan(actor, "dashboard:read");
  const parts: Prisma.Sql[] = [
    Prisma.sql`c.created_at >= (${f.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    Prisma.sql`c.created_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
  ];
  if (f.team !== undefined) parts.push(Prisma.sql`c.team_id = ${f.team}`);
  if (f.category !== undefined) parts.push(Prisma.sql`c.category_id = ${f.category}`);
  if (f.channel !== undefined) parts.push(Prisma.sql`c.channel::text = ${f.channel}`);
  if (f.region !== undefined) parts.push(Prisma.sql`cu.city = ${f.region}`);
  if (f.tier !== undefined) parts.push(Prisma.sql`c.value_tier = ${f.tier}`);
  if (drill === "breached") parts.push(Prisma.sql`c.breached_at IS NOT NULL`);
  if (drill === "appeals") parts.push(Prisma.sql`c.is_appeal`);
  if (drill === "escalated") parts.push(Prisma.sql`c.escalation_level > 0`);
  if (drill === "reopened") parts.push(Prisma.sql`f.reopened`);
  if (drill === "resolved") parts.push(Prisma.sql`f.ever_resolved`);
  const after = decodeTimeCursor(cursor);
  if (after) parts.push(Prisma.sql`(c.created_at, c.id) < (${after[0]}::timestamptz, ${after[1]})`);
  const rows = await db.$queryRaw<
    {
      id: number;
      complaint_no: string;
      status: string;
      created_at: Date;
      breached_at: Date | null;
      team_id: number | null;
      name_zh: string;
      name_en: string;
      channel: string;
      summary: string;
    }[]
  >`
    SELECT c.id, c.complaint_no, c.status::text AS status, c.created_at, c.breached_at, c.team_id, cc.name_zh, cc.name_en, c.channel::text AS channel, c.summary
    FROM complaint c JOIN customer cu ON cu.id = c.customer_id JOIN complaint_category cc ON cc.id = c.category_id
    LEFT JOIN complaint_fact f ON f.complaint_id = c.id
    WHERE ${Prisma.join(parts, " AND ")}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${pageSize + 1}`;
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({
      id: r.id,
      complaintNo: r.complaint_no,
      status: r.status,
      createdAt: r.created_at,
      breachedAt: r.breached_at,
      teamId: r.team_id,
      categoryZh: r.name_zh,
      categoryEn: r.name_en,
      channel: r.channel,
      summary: r.summary,
    })),
    nextCursor: rows.length > pageSize && last ? encodeTimeCursor(last.created_at, last.id) : null,
  };
}

// ───────────────────────────── targets ─────────────────────────────

const TARGETS_KEY = "dashboard.targets";
export const targetsInput = z.object({
  issueSatisfactionMin: z.coerce.number().min(0).max(1),
  complaintSatisfactionMin: z.coerce.number().min(0).max(1),
  averageHandlingHoursMax: z.coerce.number().min(0).max(1000),
  version: z.coerce.number().int().min(0),
});
export type MetricTargets = { issueSatisfactionMin: number; complaintSatisfactionMin: number; averageHandlingHoursMax: number; version: number };

/** Targets for reference lines: the admin's values over the seed defaults (metrics.ts). */
export async function getMetricTargets(): Promise<MetricTargets> {
  const row = await db.appSetting.findUnique({ where: { key: TARGETS_KEY } });
  const v = (row?.value ?? {}) as Partial<MetricTargets>;
  return { ...DEFAULT_METRIC_TARGETS, version: 0, ...v };
}

export async function updateMetricTargets(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "settings:manage");
  const parsed = targetsInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.code])));
  const input = parsed.data;
  await db.$transaction(async (tx) => {
    const row = await tx.appSetting.findUnique({ where: { key: TARGETS_KEY } });
    const current = ((row?.value ?? {}) as { version?: number }).version ?? 0;
    if (current !== input.version) throw new ConflictError();
    const value = { ...input, version: current + 1 };
    await tx.appSetting.upsert({ where: { key: TARGETS_KEY }, create: { key: TARGETS_KEY, value }, update: { value } });
    await recordAudit(tx, actor, { action: "metricTargets.updated", entity: "app_setting", entityId: TARGETS_KEY, data: value });
  });
}

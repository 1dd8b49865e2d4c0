import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { csvDate, csvDateTime, toCsv } from "@/lib/shared/csv";
import { cityLabel } from "@/lib/i18n/cities";
import type { Translate } from "@/lib/i18n/translate";
import type { DashboardFilters } from "@/lib/dashboards/filters";
import { CUSTOMER_LISTS, getCustomersDashboard, listDashboardCustomers, monthOf, type CustomerList } from "@/lib/dashboards/customers";
import { DRILLS, getAgentScorecards, getSatisfactionDashboard, getServiceDashboard, listDrillComplaints, type Drill } from "@/lib/dashboards/queries";

export const EXPORT_TABLES = [
  "agents",
  "breachesByTeam",
  "sat-team",
  "sat-agent",
  "sat-channel",
  "sat-category",
  "sat-region",
  "drill",
  "customers-trend",
  "customers-tiers",
  "customers-list",
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const r4 = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

/**
 * A dashboard table as CSV, as the screen reads it: headers, statuses, channels, tiers, team,
 * category and city names in the requester's language (`t`, `locale`), times in Asia/Shanghai;
 * ratios as fractions so a spreadsheet can compute with them. Audited.
 */
export async function exportDashboardTable(
  actor: Actor,
  table: ExportTable,
  f: DashboardFilters,
  drillIn: string | null,
  customerList: { list?: string | null; month?: string | null } = {},
  t: Translate,
  locale: string,
): Promise<{ filename: string; csv: string }> {
  assertCan(actor, "dashboard:read");
  const en = locale === "en";
  const h = (cols: string[]) => cols.map((c) => (t.has(`dashboards.csv.${c}`) ? t(`dashboards.csv.${c}`) : c));
  const label = (path: string, v: string | null) => (v == null ? null : t.has(`${path}.${v}`) ? t(`${path}.${v}`) : v);
  let header: string[];
  let rows: (string | number | null)[][];
  if (table === "agents") {
    const data = await getAgentScorecards(actor, f);
    header = ["agent", "team", "opened", "handled", "aht_hours", "sla_resolution", "fcr", "csat", "csat_answers"];
    rows = data.map((r) => [r.name, en ? r.teamEn : r.teamZh, r.opened, r.handled, r4(r.averageHandlingHours), r4(r.slaResolution), r4(r.fcr), r4(r.csat), r.csatN]);
  } else if (table === "breachesByTeam") {
    const d = await getServiceDashboard(actor, f);
    header = ["team", "opened", "breached", "sla_resolution"];
    rows = d.breachesByTeam.map((r) => [en ? r.nameEn : r.nameZh, r.opened, r.breached, r4(r.slaResolution)]);
  } else if (table === "drill") {
    const drill: Drill = (DRILLS as readonly string[]).includes(drillIn ?? "") ? (drillIn as Drill) : "opened";
    header = ["complaint_no", "status", "category", "channel", "created_at", "breached_at", "summary"];
    rows = [];
    let cursor: string | null = null;
    // Capped at 10 000 rows: larger extracts belong in a scheduled report, not a click.
    do {
      const page: Awaited<ReturnType<typeof listDrillComplaints>> = await listDrillComplaints(actor, f, drill, cursor, 1000);
      rows.push(
        ...page.rows.map((r) => [
          r.complaintNo,
          label("complaints.status", r.status),
          en ? r.categoryEn : r.categoryZh,
          label("enums.channel", r.channel),
          csvDateTime(r.createdAt),
          r.breachedAt ? csvDateTime(r.breachedAt) : null,
          r.summary,
        ]),
      );
      cursor = page.nextCursor;
    } while (cursor && rows.length < 10_000);
  } else if (table === "customers-trend") {
    const d = await getCustomersDashboard(actor, f);
    header = ["month", "active_at_start", "joined", "churned", "active_at_end", "churn_rate"];
    rows = d.trend.map((m) => [m.month.slice(0, 7), m.activeStart, m.joined, m.churned, m.activeEnd, r4(m.churnRate)]);
  } else if (table === "customers-tiers") {
    const d = await getCustomersDashboard(actor, f);
    header = ["month", "tier", "customers", "share", "previous_month", "change", "share_change"];
    rows = d.tiers.map((x) => [d.tierMonth?.slice(0, 7) ?? null, label("enums.valueTier", x.tier), x.customers, r4(x.share), x.previous, x.change, r4(x.shareChange)]);
  } else if (table === "customers-list") {
    const list: CustomerList = (CUSTOMER_LISTS as readonly string[]).includes(customerList.list ?? "") ? (customerList.list as CustomerList) : "atRisk";
    const month = /^\d{4}-\d{2}$/.test(customerList.month ?? "") ? `${customerList.month}-01` : monthOf(f.to);
    header = ["customer_no", "name_masked", "city", "tier", "churned_at", "churn_probability"];
    rows = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listDashboardCustomers>> = await listDashboardCustomers(actor, f, list, month, cursor, 1000);
      rows.push(
        ...page.rows.map((r) => [r.customerNo, r.name, cityLabel(r.city, locale), label("enums.valueTier", r.tier), r.churnedAt ? csvDate(r.churnedAt) : null, r4(r.churnProbability)]),
      );
      cursor = page.nextCursor;
    } while (cursor && rows.length < 10_000);
  } else {
    const kind = table.slice(4) as "team" | "agent" | "channel" | "category" | "region";
    const d = await getSatisfactionDashboard(actor, f);
    header = [kind, "csat", "nps", "answered"];
    const name = (r: { key: string; label: string; labelEn: string }) =>
      kind === "channel" ? label("enums.channel", r.key) : kind === "region" ? cityLabel(r.label, locale) : en ? r.labelEn : r.label;
    rows = d.by[kind].map((r) => [name(r), r4(r.csat), r4(r.nps), r.answered]);
  }
  await recordAudit(db, actor, { action: "dashboard.exported", entity: "dashboard", entityId: table, data: { filters: f, rows: rows.length } });
  return { filename: `${table}-${f.from}-${f.to}.csv`, csv: toCsv(h(header), rows) };
}

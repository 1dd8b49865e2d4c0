import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { csvDateTime, toCsv } from "@/lib/shared/csv";
import type { Translate } from "@/lib/i18n/translate";
import { getCampaignEvaluation } from "@/lib/campaigns/evaluation-queries";
import type { EvaluationFigures, GroupCounts } from "@/lib/campaigns/stats";
import { rate } from "@/lib/campaigns/stats";

const HEADER = [
  "scope",
  "group",
  "audience",
  "attempted",
  "delivered",
  "contacted",
  "reached",
  "accepted",
  "converted",
  "coverage",
  "participation",
  "conversion",
  "uplift",
  "upliftLow",
  "upliftHigh",
  "cost",
  "revenue",
  "costPerConversion",
  "roi",
  "surveyed",
  "satisfaction",
  "refreshedAt",
] as const;

type Cell = string | number | null;
const r4 = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);
const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/**
 * The evaluation page's numbers as CSV: the whole campaign, each value tier (treatment and control,
 * with the uplift and its 95 % interval), then each channel. Headers, tiers, channels and groups in
 * the requester's language; ratios as fractions (a spreadsheet computes with them), money in yuan,
 * the refresh time in Asia/Shanghai. Aggregates only, no customer: audited as an export all the same.
 */
export async function exportCampaignEvaluationCsv(actor: Actor, campaignId: number, t: Translate): Promise<{ filename: string; csv: string }> {
  assertCan(actor, "campaign:read");
  const e = await getCampaignEvaluation(actor, campaignId);
  const refreshed = e.refreshedAt ? csvDateTime(e.refreshedAt) : null;
  const group = (name: string, g: GroupCounts, f: EvaluationFigures | null, isControl: boolean): Cell[] => [
    name,
    t(`campaignEvaluation.csv.${isControl ? "control" : "treatment"}`),
    g.audience,
    null,
    null,
    isControl ? null : g.contacted,
    isControl ? null : g.reached,
    isControl ? null : g.accepted,
    g.converted,
    isControl ? null : r4(rate(g.contacted, g.audience)),
    isControl ? null : r4(rate(g.reached, g.contacted)),
    r4(rate(g.converted, g.audience)),
    isControl || !f ? null : r4(f.uplift.uplift),
    isControl || !f ? null : r4(f.uplift.interval?.low ?? null),
    isControl || !f ? null : r4(f.uplift.interval?.high ?? null),
    isControl ? null : r2(g.cost),
    r2(g.revenue),
    isControl || !f ? null : r2(f.costPerConversion),
    isControl || !f ? null : r4(f.roi),
    isControl ? null : g.surveyed,
    isControl ? null : r4(rate(g.satisfied, g.surveyed)),
    refreshed,
  ];
  const rows: Cell[][] = [
    group(t("campaignEvaluation.csv.total"), e.treatment, e.figures, false),
    group(t("campaignEvaluation.csv.total"), e.control, null, true),
    ...e.byTier.flatMap((r) => [
      group(t(`enums.valueTier.${r.tier}`), r.treatment, r.figures, false),
      group(t(`enums.valueTier.${r.tier}`), r.control, null, true),
    ]),
    ...e.byChannel.map((c): Cell[] => [
      t(`enums.campaignChannel.${c.channel}`),
      t("campaignEvaluation.csv.channel"),
      null,
      c.attempted,
      c.delivered,
      null,
      c.reached,
      c.accepted,
      c.converted,
      null,
      null,
      null,
      null,
      null,
      null,
      r2(c.cost),
      null,
      r2(c.converted > 0 ? c.cost / c.converted : null),
      null,
      null,
      null,
      refreshed,
    ]),
  ];
  await recordAudit(db, actor, {
    action: "campaign.evaluationExported",
    entity: "campaign",
    entityId: e.campaign.id,
    data: { rows: rows.length },
  });
  return {
    filename: `campaign-${e.campaign.id}-evaluation.csv`,
    csv: toCsv(
      HEADER.map((h) => t(`campaignEvaluation.csv.${h}`)),
      rows,
    ),
  };
}

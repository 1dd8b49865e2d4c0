import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { PointsPanel as PointsPanelData, RewardRow } from "@/lib/loyalty/queries";
import { Section } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { RedeemDialog } from "@/components/loyalty/redeem-dialog";
import { AdjustDialog } from "@/components/loyalty/adjust-dialog";

/**
 * 360 view: the customer's points — balance, lifetime, the next lot to expire, the latest ledger
 * entries (with "more"), and Redeem (agents, supervisors) and Adjust (supervisors, managers).
 */
export async function PointsPanel({
  panel,
  rewards,
  canAdjust,
  moreHref,
  firstHref,
}: {
  panel: PointsPanelData;
  /** The catalogue, when the viewer may redeem. */
  rewards: RewardRow[] | null;
  canAdjust: boolean;
  moreHref: string | null;
  firstHref: string | null;
}) {
  const t = await getTranslations("loyalty.panel");
  const format = await getFormatter();
  const locale = await getLocale();
  const n = (x: number) => x.toLocaleString(locale);
  return (
    <Section
      id="points"
      title={t("title")}
      actions={
        <>
          {rewards && <RedeemDialog customerId={panel.customerId} balance={panel.balance} rewards={rewards} />}
          {canAdjust && <AdjustDialog customerId={panel.customerId} />}
        </>
      }
    >
      <div className="space-y-3">
        <dl className="grid grid-cols-3 gap-2 text-sm">
          <div>
            <dt className="text-xs text-slate-500">{t("balance")}</dt>
            <dd className="text-lg font-semibold tabular-nums">{n(panel.balance)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("lifetime")}</dt>
            <dd className="tabular-nums">{n(panel.lifetimeEarned)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t("nextExpiry")}</dt>
            <dd className="tabular-nums">
              {panel.nextExpiry
                ? t("expiresOn", { points: n(panel.nextExpiry.points), date: format.dateTime(new Date(`${panel.nextExpiry.on}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" }) })
                : t("noExpiry")}
            </dd>
          </div>
        </dl>
        <DataTable
          label={t("entries")}
          dense
          empty={t("empty")}
          columns={[
            { id: "createdAt", header: t("date"), format: "date" },
            { id: "kind", header: t("kind"), format: { enum: "pointsEntryKind" } },
            { id: "points", header: t("points"), format: "integer" },
            { id: "balanceAfter", header: t("balanceAfter"), format: "integer" },
            { id: "reason", header: t("reason") },
          ]}
          rows={panel.entries.map((e) => ({ id: e.id, createdAt: e.createdAt, kind: e.kind, points: e.points, balanceAfter: e.balanceAfter, reason: e.reason }))}
        />
        {(moreHref || firstHref) && (
          <div className="flex gap-2">
            {firstHref && (
              <ButtonLink href={firstHref} variant="ghost" size="sm">
                {t("latest")}
              </ButtonLink>
            )}
            {moreHref && (
              <ButtonLink href={moreHref} variant="ghost" size="sm">
                {t("more")}
              </ButtonLink>
            )}
          </div>
        )}
      </div>
    </Section>
  );
}

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
  const te = await getTranslations("enums");
  const format = await getFormatter();
  const locale = await getLocale();
  const n = (x: number) => x.toLocaleString(locale);
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const month = (m: string) => format.dateTime(new Date(`${m}-01T00:00:00Z`), { year: "numeric", month: "long", timeZone: "UTC" });
  // What the entry was for: the reason given, else read from its key (the job's entries carry none).
  const reasonOf = (e: PointsPanelData["entries"][number]) => {
    if (e.reward) return locale === "en" ? e.reward.en : e.reward.zh;
    if (e.reason) return e.reason;
    const bill = /^bill:(\d{4}-\d{2})$/.exec(e.ref);
    if (bill) return t("fromBill", { month: month(bill[1]) });
    const bonus = /^bonus:\d+:(\d{4}-\d{2})$/.exec(e.ref);
    if (bonus) return t("bonusFor", { month: month(bonus[1]) });
    const expire = /^expire:(\d{4}-\d{2}-\d{2})$/.exec(e.ref);
    if (expire) return t("expiredBy", { date: day(expire[1]) });
    return "";
  };
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
        <dl className="grid grid-cols-[auto_auto_1fr] gap-x-6 gap-y-2 text-sm">
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
              {panel.nextExpiry ? t("expiresOn", { points: n(panel.nextExpiry.points), date: day(panel.nextExpiry.on) }) : t("noExpiry")}
            </dd>
          </div>
        </dl>
        <DataTable
          label={t("entries")}
          dense
          empty={t("empty")}
          columns={[
            { id: "createdAt", header: t("date"), nowrap: true },
            { id: "kind", header: t("kind") },
            { id: "points", header: t("points"), format: "integer" },
            { id: "balanceAfter", header: t("balanceAfter"), format: "integer" },
          ]}
          rows={panel.entries.map((e) => {
            // The kind with what it was for under it (one column: the 360's middle column is narrow).
            const reason = reasonOf(e);
            return {
              id: e.id,
              createdAt: <span className="tabular-nums">{format.dateTime(e.createdAt, { dateStyle: "short" })}</span>,
              kind: (
                <span>
                  <span className="block">{te(`pointsEntryKind.${e.kind}`)}</span>
                  {reason && <span className="block text-xs text-slate-500">{reason}</span>}
                </span>
              ),
              points: e.points,
              balanceAfter: e.balanceAfter,
            };
          })}
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

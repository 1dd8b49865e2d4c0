import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listRetentionWorkList } from "@/lib/scoring/queries";
import { TierBadge } from "@/components/value/tier-badge";

const params = z.object({ cursor: z.string().max(60).optional().catch(undefined) });

export default async function RetentionPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "retention:read")) notFound();
  const t = await getTranslations("value");
  const format = await getFormatter();
  const locale = await getLocale();
  const { cursor } = params.parse(await searchParams);
  const list = await listRetentionWorkList(actor, { cursor, limit: 25 });
  const money = (n: number) => format.number(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("retention.title")}</h1>
      <p className="text-sm text-slate-600">{t("retention.hint")}</p>
      {list.items.length === 0 ? (
        <p className="card p-4 text-sm text-slate-600">{t("retention.empty")}</p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="data">
            <thead>
              <tr>
                <th>{t("retention.customer")}</th>
                <th>{t("retention.city")}</th>
                <th>{t("retention.tier")}</th>
                <th className="num">{t("retention.risk")}</th>
                <th className="num">{t("retention.clv")}</th>
                <th>{t("retention.reason")}</th>
                <th>{t("retention.offer")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((i) => (
                <tr key={i.customerId}>
                  <td>
                    <Link href={`/customers/${i.customerId}`} className="font-medium text-brand-700 hover:underline">
                      {i.name}
                    </Link>
                    <span className="ml-2 text-xs text-slate-500 tabular-nums">{i.customerNo}</span>
                  </td>
                  <td>{i.city}</td>
                  <td>
                    <TierBadge tier={i.tier} label={t(`tier.${i.tier}`)} />
                  </td>
                  <td className={`num ${i.churnBand === "HIGH" ? "text-bad" : "text-warn"}`}>
                    {format.number(i.churnProbability, { style: "percent" })} · {t(`band.${i.churnBand}`)}
                  </td>
                  <td className="num">{money(i.clv)}</td>
                  <td>{i.topFactor ? t(`feature.${i.topFactor}`) : "—"}</td>
                  <td>{i.offer ? (locale === "en" ? i.offer.nameEn : i.offer.nameZh) : t("retention.noOffer")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.nextCursor && (
            <div className="p-2 text-right">
              <Link className="text-sm text-brand-700 hover:underline" href={`/retention?cursor=${encodeURIComponent(list.nextCursor)}`}>
                {t("retention.next")} →
              </Link>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

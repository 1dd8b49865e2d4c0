import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { searchCustomers } from "@/lib/customers/queries";
import { takeToken } from "@/lib/shared/rate-limit";
import { getValueTiers } from "@/lib/scoring/queries";
import { TierBadge } from "@/components/value/tier-badge";

const params = z.object({ q: z.string().max(64).catch(""), cursor: z.string().max(200).optional().catch(undefined) });

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const { q, cursor } = params.parse(await searchParams);
  // The same per-user bucket as the header search (shared by all app nodes).
  const limited = q ? !(await takeToken("search", String(actor.id))) : false;
  const result = q && !limited ? await searchCustomers(actor, { q, cursor, limit: 20 }) : null;
  const tiers = result ? await getValueTiers(actor, result.hits.map((h) => h.id)) : {};
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-xl font-semibold">{q ? t("search.results", { q }) : t("search.title")}</h1>
      <form action="/customers" className="flex gap-2" role="search">
        <label htmlFor="customers-q" className="sr-only">
          {t("header.search")}
        </label>
        <input
          id="customers-q"
          name="q"
          defaultValue={q}
          autoFocus
          className="w-80 rounded border border-slate-300 px-3 py-1.5"
          placeholder={t("header.searchPlaceholder")}
        />
        <button className="rounded bg-brand-600 px-3 py-1.5 text-white">{t("header.search")}</button>
      </form>
      <p className="text-sm text-slate-500">{t("search.hint")}</p>
      {limited && (
        <p role="alert" className="text-sm text-red-700">
          {t("errors.rateLimited")}
        </p>
      )}
      {result?.kind === "tooShort" && <p className="text-sm text-slate-600">{t("search.tooShort")}</p>}
      {result && result.kind !== "tooShort" && result.hits.length === 0 && <p className="text-sm text-slate-600">{t("search.noResults", { q })}</p>}
      {result && result.hits.length > 0 && (
        <div className="card overflow-x-auto">
          <div className="flex items-center justify-between px-3 pt-2">
            <p className="text-xs text-slate-500">{t(`search.kind.${result.kind}`)}</p>
            {can(actor, "customer:export") && (
              <a
                href={`/api/customers/export?q=${encodeURIComponent(q)}`}
                download
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
              >
                {t("c360.exportCsv")}
              </a>
            )}
          </div>
          <table className="data">
            <thead>
              <tr>
                <th>{t("search.columns.name")}</th>
                <th>{t("search.columns.number")}</th>
                <th>{t("search.columns.customerNo")}</th>
                <th>{t("search.columns.type")}</th>
                <th>{t("search.columns.city")}</th>
                <th>{t("search.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {result.hits.map((h) => (
                <tr key={`${h.id}-${h.msisdnMasked ?? ""}`}>
                  <td>
                    <Link href={`/customers/${h.id}`} className="font-medium text-brand-700 hover:underline">
                      {h.name}
                    </Link>
                    {tiers[h.id] && (
                      <span className="ml-2">
                        <TierBadge tier={tiers[h.id]} label={t(`value.tier.${tiers[h.id]}`)} />
                      </span>
                    )}
                  </td>
                  <td className="tabular-nums">{h.msisdnMasked ?? t("common.none")}</td>
                  <td className="tabular-nums">{h.customerNo}</td>
                  <td>{t(`enums.customerType.${h.type}`)}</td>
                  <td>{h.city}</td>
                  <td>{t(`enums.customerStatus.${h.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.nextCursor && (
            <div className="p-2 text-right">
              <Link className="text-sm text-brand-700 hover:underline" href={`/customers?q=${encodeURIComponent(q)}&cursor=${result.nextCursor}`}>
                {t("search.next")} →
              </Link>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

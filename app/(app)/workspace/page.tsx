import Link from "next/link";
import { getTranslations, getFormatter } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { listPinnedCustomers, listRecentCustomers } from "@/lib/customers/queries";
import { getMyActivity } from "@/lib/interactions/queries";
import { Stat } from "@/components/ui/stat";

export default async function WorkspacePage() {
  const actor = await requireActor();
  assertCan(actor, "interaction:create");
  const t = await getTranslations();
  const format = await getFormatter();
  const [recent, pinned, activity] = await Promise.all([listRecentCustomers(actor, 12), listPinnedCustomers(actor), getMyActivity(actor)]);
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-xl font-semibold">{t("workspace.greeting", { name: actor.name })}</h1>
      <section className="card p-4">
        <h2 className="mb-2 font-medium">{t("workspace.searchTitle")}</h2>
        <form action="/customers" role="search" className="flex gap-2">
          <label htmlFor="ws-q" className="sr-only">
            {t("header.search")}
          </label>
          <input id="ws-q" name="q" className="w-96 rounded border border-slate-300 px-3 py-2" placeholder={t("header.searchPlaceholder")} />
          <button className="rounded bg-brand-600 px-4 py-2 text-white">{t("header.search")}</button>
        </form>
        <p className="mt-2 text-xs text-slate-500">{t("search.hint")}</p>
      </section>
      <div className="grid grid-cols-3 gap-3">
        <Stat label={t("workspace.today")} value={format.number(activity.today)} />
        <Stat label={t("workspace.week")} value={format.number(activity.week)} />
        <Stat
          label={t("workspace.avgDuration")}
          value={activity.avgDurationSec == null ? t("common.none") : t("workspace.seconds", { n: activity.avgDurationSec })}
        />
      </div>
      <section className="card" aria-labelledby="pinned-h">
        <h2 id="pinned-h" className="card-title">
          {t("c360.pinnedTitle")}
        </h2>
        {pinned.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("c360.pinnedEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {pinned.map((r) => (
              <li key={r.id} className="flex items-center gap-3 px-4 py-2 text-sm">
                <Link href={`/customers/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {r.name}
                </Link>
                <span className="text-slate-500">{r.customerNo}</span>
                <span className="text-slate-500">{r.city}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="recent-h">
        <h2 id="recent-h" className="card-title">
          {t("workspace.recent")}
        </h2>
        {recent.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("workspace.recentEmpty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {recent.map((r) => (
              <li key={r.id} className="flex items-center gap-3 px-4 py-2 text-sm">
                <Link href={`/customers/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  {r.name}
                </Link>
                <span className="text-slate-500">{r.customerNo}</span>
                <span className="text-slate-500">{r.city}</span>
                <time className="ml-auto text-xs text-slate-400" dateTime={r.viewedAt.toISOString()}>
                  {format.dateTime(r.viewedAt, { dateStyle: "short", timeStyle: "short" })}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

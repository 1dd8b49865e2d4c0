import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { canFollowUp } from "@/lib/surveys/follow-up-policy";
import { listFollowUps } from "@/lib/surveys/follow-ups";
import { followUpFilters } from "@/lib/surveys/schemas";
import { listVisibleTeams } from "@/lib/teams/queries";
import { FollowUpActions } from "@/components/surveys/follow-up-actions";

/** Detractor follow-ups: supervisors their team's, managers all (keyset pages, filters in the URL). */
export default async function FollowUpsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!canFollowUp(actor, "followUp:read")) notFound();
  const filters = followUpFilters.parse(await searchParams);
  const t = await getTranslations("surveys.followUps");
  const format = await getFormatter();
  const zh = (await getLocale()) === "zh-CN";
  const isManager = actor.role === "MANAGER";
  const [page, teams] = await Promise.all([listFollowUps(actor, filters), isManager ? listVisibleTeams(actor) : Promise.resolve([])]);
  const now = new Date();
  const open = filters.status === "OPEN";
  const qs = (extra: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: filters.status, team: filters.team, ...extra })) if (v !== undefined) p.set(k, String(v));
    return p.toString();
  };
  const field = "rounded border border-slate-300 px-2 py-1 text-sm";
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{isManager ? t("hintManager") : t("hintSupervisor")}</p>
      <form method="get" action="/follow-ups" className="card flex flex-wrap items-end gap-3 px-3 py-2" aria-label={t("filters")}>
        <div className="text-xs text-slate-600">
          <label htmlFor="fu-status" className="block">
            {t("status")}
          </label>
          <select id="fu-status" name="status" defaultValue={filters.status} className={`${field} block`}>
            <option value="OPEN">{t("statusOpen")}</option>
            <option value="DONE">{t("statusDone")}</option>
          </select>
        </div>
        {isManager && (
          <div className="text-xs text-slate-600">
            <label htmlFor="fu-team" className="block">
              {t("team")}
            </label>
            <select id="fu-team" name="team" defaultValue={filters.team ?? ""} className={`${field} block`}>
              <option value="">{t("allTeams")}</option>
              {teams.map((o) => (
                <option key={o.id} value={o.id}>
                  {zh ? o.nameZh : o.nameEn}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">
          {t("apply")}
        </button>
      </form>
      <section className="card overflow-x-auto" aria-label={t("listLabel")}>
        {page.rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{open ? t("emptyOpen") : t("emptyDone")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("customer")}</th>
                <th className="num">{t("score")}</th>
                <th>{t("verbatim")}</th>
                <th>{t("complaint")}</th>
                <th>{t("team")}</th>
                <th>{t("age")}</th>
                {open ? <th>{t("due")}</th> : <th>{t("closedAt")}</th>}
                <th>{open ? t("claimedBy") : t("closedBy")}</th>
                {open ? <th>{t("actions")}</th> : <th>{t("outcome")}</th>}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => {
                const overdue = open && r.dueAt < now;
                const customerLabel = `${r.customerName} ${r.customerNo}`;
                return (
                  <tr key={r.id} data-testid={`follow-up-${r.id}`}>
                    <td className="whitespace-nowrap">
                      <Link href={`/customers/${r.customerId}`} className="underline">
                        {r.customerName}
                      </Link>
                      <span className="ml-1 text-xs tabular-nums text-slate-500">{r.customerNo}</span>
                    </td>
                    <td className="num whitespace-nowrap">
                      {r.kind} {r.score ?? (r.csiScore === null ? "—" : r.csiScore.toFixed(0))}
                    </td>
                    <td className="max-w-72">{r.comment ?? <span className="text-slate-400">{t("noComment")}</span>}</td>
                    <td>
                      {r.complaintId ? (
                        <Link href={`/complaints/${r.complaintId}`} className="underline tabular-nums">
                          {r.complaintNo}
                        </Link>
                      ) : (
                        <span className="text-slate-500">{t("relationship")}</span>
                      )}
                    </td>
                    <td>{r.teamId ? (zh ? r.teamZh : r.teamEn) : t("managers")}</td>
                    <td className="whitespace-nowrap">
                      <time dateTime={r.createdAt.toISOString()} title={format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}>
                        {format.relativeTime(r.createdAt, now)}
                      </time>
                    </td>
                    {open ? (
                      <td className={`whitespace-nowrap ${overdue ? "text-bad" : ""}`}>
                        {format.dateTime(r.dueAt, { dateStyle: "short", timeStyle: "short" })}
                        {overdue && <span className="ml-1 text-xs">({t("overdue")})</span>}
                      </td>
                    ) : (
                      <td className="whitespace-nowrap">{r.closedAt ? format.dateTime(r.closedAt, { dateStyle: "short", timeStyle: "short" }) : "—"}</td>
                    )}
                    <td>{open ? (r.claimedByName ?? <span className="text-slate-400">{t("unclaimed")}</span>) : (r.closedByName ?? "—")}</td>
                    {open ? (
                      <td>
                        <FollowUpActions id={r.id} version={r.version} claimedByMe={r.claimedById === actor.id} customerLabel={customerLabel} />
                      </td>
                    ) : (
                      <td className="max-w-72">{r.outcome ?? "—"}</td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <div className="flex gap-4 text-sm">
        {filters.cursor && (
          <Link href={`/follow-ups?${qs({})}`} className="text-brand-700 underline">
            {t("first")}
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/follow-ups?${qs({ cursor: page.nextCursor })}`} className="text-brand-700 underline">
            {t("more")}
          </Link>
        )}
      </div>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getSegment, listSegmentMembers } from "@/lib/segments/queries";
import { NotFoundError } from "@/lib/shared/errors";
import { RefreshSegmentButton } from "@/components/segments/refresh-button";
import { TierBadge } from "@/components/value/tier-badge";

const params = z.object({ after: z.coerce.number().int().nonnegative().optional().catch(undefined) });

export default async function SegmentPage({ params: p, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) notFound();
  const t = await getTranslations("segments");
  const tv = await getTranslations("value");
  const format = await getFormatter();
  const { id } = await p;
  const segmentId = /^\d{1,9}$/.test(id) ? Number(id) : -1;
  const { after } = params.parse(await searchParams);
  let segment;
  let page;
  try {
    segment = await getSegment(actor, segmentId);
    page = await listSegmentMembers(actor, segmentId, { afterId: after, limit: 50 });
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">{segment.name}</h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">{t(`kind.${segment.kind}`)}</span>
        <span className="text-sm text-slate-600">{t("detail.size", { count: segment.size })}</span>
        <Link href="/segments" className="ml-auto text-sm text-brand-700 hover:underline">
          {t("detail.back")}
        </Link>
      </div>
      {segment.description && <p className="text-sm text-slate-600">{segment.description}</p>}
      <div className="flex flex-wrap items-center gap-3">
        {segment.kind === "DYNAMIC" && <RefreshSegmentButton id={segment.id} />}
        {can(actor, "customer:export") && (
          <a href={`/api/segments/${segment.id}/export`} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
            {t("detail.export")}
          </a>
        )}
      </div>
      <section className="card" aria-labelledby="members-h">
        <h2 id="members-h" className="card-title">
          {t("detail.members")}
        </h2>
        {page.members.length === 0 ? (
          <p className="p-3 text-sm text-slate-500">{t("detail.noMembers")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("detail.customerNo")}</th>
                <th>{t("detail.name")}</th>
                <th>{t("detail.number")}</th>
                <th>{t("detail.city")}</th>
                <th>{t("detail.tier")}</th>
                <th className="num">{t("detail.score")}</th>
                <th>{t("detail.churn")}</th>
                <th>{t("detail.lifecycle")}</th>
              </tr>
            </thead>
            <tbody>
              {page.members.map((m) => (
                <tr key={m.id}>
                  <td className="tabular-nums">
                    <Link href={`/customers/${m.id}`} className="text-brand-700 hover:underline">
                      {m.customerNo}
                    </Link>
                  </td>
                  <td>{m.nameMasked}</td>
                  <td className="tabular-nums">{m.msisdnMasked}</td>
                  <td>{m.city}</td>
                  <td>{m.tier ? <TierBadge tier={m.tier} label={tv(`tier.${m.tier}`)} /> : "—"}</td>
                  <td className="num">{m.score ?? "—"}</td>
                  <td>{m.churnBand ? tv(`band.${m.churnBand}`) : "—"}</td>
                  <td>{m.lifecycleStage ? tv(`lifecycle.${m.lifecycleStage}`) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page.nextAfterId && (
          <div className="p-2 text-right">
            <Link className="text-sm text-brand-700 hover:underline" href={`/segments/${segment.id}?after=${page.nextAfterId}`}>
              {t("detail.next")} →
            </Link>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h" className="card-title">
          {t("detail.history")}
        </h2>
        <table className="data max-w-md">
          <thead>
            <tr>
              <th>{t("detail.at")}</th>
              <th className="num">{t("list.size")}</th>
            </tr>
          </thead>
          <tbody>
            {segment.history.map((h) => (
              <tr key={h.id}>
                <td className="tabular-nums">{format.dateTime(h.at, { dateStyle: "short", timeStyle: "medium" })}</td>
                <td className="num">{format.number(h.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { compareSegments, listSegments } from "@/lib/segments/queries";
import { listLatestValueJobs } from "@/lib/scoring/jobs";
import { JobRunner } from "@/components/value/job-runner";

const params = z.object({ a: z.coerce.number().int().positive().optional().catch(undefined), b: z.coerce.number().int().positive().optional().catch(undefined) });

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) notFound();
  const t = await getTranslations("segments");
  const format = await getFormatter();
  const { a, b } = params.parse(await searchParams);
  const [segments, jobs] = await Promise.all([listSegments(actor), listLatestValueJobs(actor)]);
  const overlap = a && b && a !== b ? await compareSegments(actor, a, b).catch(() => null) : null;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "short" }) : "—");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{t("list.title")}</h1>
        <Link href="/segments/new" className="ml-auto rounded bg-brand-600 px-3 py-1.5 text-sm text-white">
          {t("list.new")}
        </Link>
        <Link href="/segments/discover" className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
          {t("list.discover")}
        </Link>
      </div>
      {segments.length === 0 ? (
        <p className="card p-4 text-sm text-slate-600">{t("list.empty")}</p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="data">
            <thead>
              <tr>
                <th>{t("list.name")}</th>
                <th>{t("list.kind")}</th>
                <th className="num">{t("list.size")}</th>
                <th>{t("list.refreshed")}</th>
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/segments/${s.id}`} className="font-medium text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                    {s.description && <span className="ml-2 text-xs text-slate-500">{s.description}</span>}
                  </td>
                  <td>{t(`kind.${s.kind}`)}</td>
                  <td className="num">{format.number(s.size)}</td>
                  <td className="tabular-nums">{when(s.refreshedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" aria-labelledby="refresh-h">
        <h2 id="refresh-h" className="card-title">
          {t("list.refreshAll")}
        </h2>
        <div className="space-y-2 p-3 text-sm">
          <p className="text-slate-600">{t("list.refreshHint")}</p>
          <JobRunner kind="SEGMENT_REFRESH" label={t("list.refreshNow")} initial={jobs.SEGMENT_REFRESH ?? null} />
        </div>
      </section>
      {segments.length >= 2 && (
        <section className="card" aria-labelledby="overlap-h">
          <h2 id="overlap-h" className="card-title">
            {t("overlap.title")}
          </h2>
          <form className="flex flex-wrap items-end gap-3 p-3 text-sm">
            {(["a", "b"] as const).map((k) => (
              <label key={k} className="flex flex-col gap-1">
                <span>{t(`overlap.${k}`)}</span>
                <select name={k} defaultValue={k === "a" ? a : b} className="rounded border border-slate-300 px-2 py-1">
                  {segments.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">{t("overlap.compare")}</button>
          </form>
          {overlap && (
            <dl className="grid max-w-xl grid-cols-2 gap-x-6 gap-y-1 px-3 pb-3 text-sm">
              <dt className="text-slate-500">{t("overlap.onlyA", { name: overlap.a.name })}</dt>
              <dd className="num">{format.number(overlap.onlyA)}</dd>
              <dt className="text-slate-500">{t("overlap.both")}</dt>
              <dd className="num font-medium">{format.number(overlap.both)}</dd>
              <dt className="text-slate-500">{t("overlap.onlyB", { name: overlap.b.name })}</dt>
              <dd className="num">{format.number(overlap.onlyB)}</dd>
              <dt className="text-slate-500">{t("overlap.jaccard")}</dt>
              <dd className="num">{format.number(overlap.jaccard, { style: "percent", maximumFractionDigits: 1 })}</dd>
            </dl>
          )}
        </section>
      )}
    </div>
  );
}

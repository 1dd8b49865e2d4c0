"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { discoverAction, saveClusterAction } from "@/app/(app)/segments/actions";
import type { DiscoverResult } from "@/lib/segments/discover";

/** k-means proposals: choose k, read each cluster's plain description, save one as a segment. */
export function DiscoverClusters() {
  const t = useTranslations("segments.discover");
  const te = useTranslations("errors");
  const format = useFormatter();
  const router = useRouter();
  const [k, setK] = useState(4);
  const [result, setResult] = useState<DiscoverResult | null>(null);
  const [names, setNames] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const describe = (c: DiscoverResult["clusters"][number]) =>
    c.traits.length === 0
      ? t("average")
      : c.traits.map((tr) => t(`trait.${tr.direction}`, { feature: t(`feature.${tr.feature}`), z: Math.abs(tr.zScore).toFixed(1) })).join(t("separator"));

  return (
    <div className="space-y-3">
      <form
        className="flex items-end gap-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            setError(null);
            const r = await discoverAction(k);
            if (r.ok) setResult(r.data);
            else setError(te(r.error));
          });
        }}
      >
        <label className="flex flex-col gap-1">
          <span>{t("k")}</span>
          <input type="number" min={2} max={8} value={k} onChange={(e) => setK(Number(e.target.value))} className="w-20 rounded border border-slate-300 px-2 py-1 text-right" />
        </label>
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-white disabled:opacity-50">
          {pending ? t("running") : t("run")}
        </button>
        {error && (
          <span role="alert" className="text-bad">
            {error}
          </span>
        )}
      </form>
      {result && result.k === 0 && <p className="text-sm text-slate-600">{t("notEnough")}</p>}
      {result && result.k > 0 && (
        <div className="card overflow-x-auto">
          <p className="px-3 pt-2 text-xs text-slate-500">{t("sample", { n: result.sampleSize })}</p>
          <table className="data">
            <thead>
              <tr>
                <th>{t("cluster")}</th>
                <th className="num">{t("share")}</th>
                <th>{t("description")}</th>
                <th className="num">{t("feature.arpu")}</th>
                <th className="num">{t("feature.dataMb")}</th>
                <th className="num">{t("feature.tenureMonths")}</th>
                <th>{t("save")}</th>
              </tr>
            </thead>
            <tbody>
              {result.clusters.map((c) => (
                <tr key={c.cluster}>
                  <td>{t("clusterN", { n: c.cluster + 1 })}</td>
                  <td className="num">{format.number(c.share, { style: "percent", maximumFractionDigits: 1 })}</td>
                  <td>{describe(c)}</td>
                  {result.centroids[c.cluster].map((v, j) => (
                    <td key={j} className="num">
                      {format.number(v, { maximumFractionDigits: 0 })}
                    </td>
                  ))}
                  <td>
                    <form
                      className="flex items-center gap-1"
                      onSubmit={(e) => {
                        e.preventDefault();
                        start(async () => {
                          const r = await saveClusterAction({
                            name: names[c.cluster] || t("defaultName", { n: c.cluster + 1 }),
                            k: result.k,
                            cluster: c.cluster,
                            centroids: result.centroids,
                            mean: result.mean,
                            std: result.std.map((s) => (s > 0 ? s : 1)),
                          });
                          if (r.ok) router.push(`/segments/${r.data.id}`);
                          else setError(te(r.error));
                        });
                      }}
                    >
                      <label className="sr-only" htmlFor={`cluster-name-${c.cluster}`}>
                        {t("nameFor", { n: c.cluster + 1 })}
                      </label>
                      <input
                        id={`cluster-name-${c.cluster}`}
                        className="w-36 rounded border border-slate-300 px-2 py-0.5"
                        placeholder={t("defaultName", { n: c.cluster + 1 })}
                        value={names[c.cluster] ?? ""}
                        onChange={(e) => setNames({ ...names, [c.cluster]: e.target.value })}
                      />
                      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100" aria-label={t("saveN", { n: c.cluster + 1 })}>
                        {t("save")}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { discoverClustersAction, saveClusterAction } from "@/app/(app)/segments/actions";
import type { DiscoverResult } from "@/lib/segments/discover";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

type Cluster = DiscoverResult["clusters"][number];

/** k-means proposals: choose k, read each cluster's plain description, save one as a segment. */
export function DiscoverClusters() {
  const t = useTranslations("segments.discover");
  const [k, setK] = useState(4);
  const [result, setResult] = useState<DiscoverResult | null>(null);
  const discover = useAction(discoverClustersAction, { refresh: false, onSuccess: setResult });

  const describe = (c: Cluster) =>
    c.traits.length === 0
      ? t("average")
      : c.traits.map((tr) => t(`trait.${tr.direction}`, { feature: t(`feature.${tr.feature}`), z: Math.abs(tr.zScore).toFixed(1) })).join(t("separator"));

  return (
    <div className="space-y-3">
      <form
        className="flex items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void discover.run({ k });
        }}
      >
        <Field id="discover-k" label={t("k")} error={discover.fieldError("k")}>
          <TextInput type="number" min={2} max={8} value={k} onChange={(e) => setK(Number(e.target.value))} className="w-20 text-right" />
        </Field>
        <Button type="submit" variant="primary" pending={discover.pending}>
          {discover.pending ? t("running") : t("run")}
        </Button>
      </form>
      {discover.error && <Alert tone="error">{discover.error}</Alert>}
      {result && result.k === 0 && <Alert>{t("notEnough")}</Alert>}
      {result && result.k > 0 && (
        <Card>
          <p className="px-3 pt-2 text-xs text-slate-500">{t("sample", { n: result.sampleSize })}</p>
          <DataTable
            label={t("title")}
            columns={[
              { id: "cluster", header: t("cluster"), nowrap: true },
              { id: "share", header: t("share"), format: "percent" },
              { id: "description", header: t("description") },
              { id: "arpu", header: t("feature.arpu"), format: "integer" },
              { id: "dataMb", header: t("feature.dataMb"), format: "integer" },
              { id: "tenureMonths", header: t("feature.tenureMonths"), format: "integer" },
              { id: "save", header: t("save") },
            ]}
            rows={result.clusters.map((c) => {
              const [arpu, dataMb, tenureMonths] = result.centroids[c.cluster];
              return { id: c.cluster, cluster: t("clusterN", { n: c.cluster + 1 }), share: c.share, description: describe(c), arpu, dataMb, tenureMonths, save: <SaveCluster result={result} cluster={c.cluster} /> };
            })}
          />
        </Card>
      )}
    </div>
  );
}

/** Saves one proposed cluster as a static segment and opens it. */
function SaveCluster({ result, cluster }: { result: DiscoverResult; cluster: number }) {
  const t = useTranslations("segments.discover");
  const router = useRouter();
  const [name, setName] = useState("");
  const { run, pending, error } = useAction(saveClusterAction, { refresh: false, success: (d) => t("saved", { count: d.size }), onSuccess: (d) => router.push(`/segments/${d.id}`) });
  const n = cluster + 1;
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ name: name || t("defaultName", { n }), k: result.k, cluster, centroids: result.centroids, mean: result.mean, std: result.std.map((s) => (s > 0 ? s : 1)) });
      }}
    >
      <TextInput aria-label={t("nameFor", { n })} placeholder={t("defaultName", { n })} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} counter={false} className="w-36" />
      <Button type="submit" size="sm" pending={pending} aria-label={t("saveN", { n })}>
        {t("save")}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      )}
    </form>
  );
}

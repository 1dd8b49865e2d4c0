"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { getValueJobAction, startValueJobAction } from "@/app/(app)/admin/value/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";

type Job = { id: number; status: string; progress: number; step: string | null; stats: Record<string, unknown> | null; finishedAt: Date | null };

/** Starts a background job and shows its progress until it ends (polls the job row). */
export function JobRunner({ kind, label, initial }: { kind: "RESCORE" | "CHURN_TRAIN" | "SEGMENT_REFRESH"; label: string; initial: Job | null }) {
  const t = useTranslations("value.jobs");
  const format = useFormatter();
  const router = useRouter();
  const [job, setJob] = useState<Job | null>(initial);
  const { run, pending, error } = useAction(startValueJobAction, { refresh: false, onSuccess: setJob });
  const active = job != null && (job.status === "QUEUED" || job.status === "RUNNING");

  useEffect(() => {
    if (!active || !job) return;
    const timer = setTimeout(async () => {
      const r = await getValueJobAction(job.id);
      if (r.ok) {
        setJob(r.data);
        if (r.data.status === "SUCCEEDED") router.refresh();
      }
    }, 600);
    return () => clearTimeout(timer);
  }, [active, job, router]);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="primary" pending={pending} disabled={active} onClick={() => void run(kind)}>
        {active ? t("running") : label}
      </Button>
      {/* A bar only while work is under way: a finished, failed or never-run job says so in words. */}
      {active && job ? (
        <div className="flex min-w-64 items-center gap-2 text-sm" aria-live="polite" data-testid={`job-${kind}`} data-job-id={job.id} data-status={job.status}>
          <div role="progressbar" aria-label={t("progress", { label })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.progress} className="h-2 w-40 overflow-hidden rounded bg-slate-200">
            <div className="h-full bg-brand-600" style={{ width: `${job.progress}%` }} />
          </div>
          <span className="tabular-nums">{job.progress}%</span>
          <span className="text-slate-600">{t(`status.${job.status}`)}</span>
        </div>
      ) : (
        <p className="text-sm" aria-live="polite" data-testid={`job-${kind}`} data-job-id={job?.id} data-status={job?.status ?? "NONE"}>
          {!job ? (
            <span className="text-slate-600">{t(kind === "SEGMENT_REFRESH" ? "neverRefreshed" : "neverRun")}</span>
          ) : job.status === "FAILED" ? (
            <span className="text-bad">{t("status.FAILED")}</span>
          ) : (
            <span className="text-slate-600">
              <span className="text-ok">{t("status.SUCCEEDED")}</span>{" "}
              {job.finishedAt && t("finishedAt", { at: format.dateTime(new Date(job.finishedAt), { dateStyle: "short", timeStyle: "short" }) })}
              {typeof job.stats?.ms === "number" && ` · ${t("took", { s: (Number(job.stats.ms) / 1000).toFixed(1) })}`}
              {kind === "SEGMENT_REFRESH" && typeof job.stats?.segments === "number" && ` · ${t("segmentsRefreshed", { count: Number(job.stats.segments) })}`}
            </span>
          )}
        </p>
      )}
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}

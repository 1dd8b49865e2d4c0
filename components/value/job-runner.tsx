"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { getValueJobAction, startValueJobAction } from "@/app/(app)/admin/value/actions";

type Job = { id: number; status: string; progress: number; step: string | null; stats: Record<string, unknown> | null; finishedAt: Date | null };

/** Starts a background job and shows its progress until it ends (polls the job row). */
export function JobRunner({ kind, label, initial }: { kind: "RESCORE" | "CHURN_TRAIN" | "SEGMENT_REFRESH"; label: string; initial: Job | null }) {
  const t = useTranslations("value.jobs");
  const te = useTranslations("errors");
  const router = useRouter();
  const [job, setJob] = useState<Job | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const active = job != null && (job.status === "QUEUED" || job.status === "RUNNING");

  useEffect(() => {
    if (!active || !job) return;
    timer.current = setTimeout(async () => {
      const r = await getValueJobAction(job.id);
      if (r.ok) {
        setJob(r.data);
        if (r.data.status === "SUCCEEDED") router.refresh();
      }
    }, 600);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [active, job, router]);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={pending || active}
        onClick={() =>
          start(async () => {
            setError(null);
            const r = await startValueJobAction(kind);
            if (r.ok) setJob(r.data);
            else setError(te(r.error));
          })
        }
        className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white disabled:opacity-50"
      >
        {active ? t("running") : label}
      </button>
      {job && (
        <div className="flex min-w-64 items-center gap-2 text-sm" aria-live="polite" data-testid={`job-${kind}`} data-job-id={job.id} data-status={job.status}>
          <div
            role="progressbar"
            aria-label={t("progress", { label })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={job.progress}
            className="h-2 w-40 overflow-hidden rounded bg-slate-200"
          >
            <div className={`h-full ${job.status === "FAILED" ? "bg-bad" : "bg-brand-600"}`} style={{ width: `${job.progress}%` }} />
          </div>
          <span className="tabular-nums">{job.progress}%</span>
          <span className={job.status === "FAILED" ? "text-bad" : job.status === "SUCCEEDED" ? "text-ok" : "text-slate-600"}>{t(`status.${job.status}`)}</span>
          {job.status === "SUCCEEDED" && typeof job.stats?.ms === "number" && <span className="text-slate-500">{t("took", { s: (Number(job.stats.ms) / 1000).toFixed(1) })}</span>}
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
    </div>
  );
}

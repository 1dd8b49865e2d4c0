"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { getGradingJobAction, runGradingAction } from "@/app/(app)/admin/membership/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";

type Job = { id: number; period: string; status: string; stats: Record<string, unknown> | null; finishedAt: Date | null };

/** "Run now": queues this month's re-grading and follows it until it ends (polls the job row). */
export function GradingRunner({ initial }: { initial: Job | null }) {
  const t = useTranslations("membership.admin");
  const format = useFormatter();
  const router = useRouter();
  const [job, setJob] = useState<Job | null>(initial);
  const { run, pending, error } = useAction(runGradingAction, { refresh: false, onSuccess: setJob });
  const active = job != null && (job.status === "QUEUED" || job.status === "RUNNING");

  useEffect(() => {
    if (!active || !job) return;
    const timer = setTimeout(async () => {
      const r = await getGradingJobAction(job.id);
      if (r.ok) {
        setJob(r.data);
        if (r.data.status === "SUCCEEDED") router.refresh();
      }
    }, 700);
    return () => clearTimeout(timer);
  }, [active, job, router]);

  const n = (k: string) => Number(job?.stats?.[k] ?? 0);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="primary" pending={pending || active} onClick={() => void run({})}>
        {active ? t("running") : t("runNow")}
      </Button>
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="grading-job" data-status={job?.status ?? "NONE"}>
        {!job ? (
          t("neverRun")
        ) : job.status === "FAILED" ? (
          <span className="text-bad">{t("failed", { period: job.period })}</span>
        ) : job.status === "SUCCEEDED" ? (
          t("lastRun", {
            period: job.period,
            at: job.finishedAt ? format.dateTime(new Date(job.finishedAt), { dateStyle: "short", timeStyle: "short" }) : "—",
            customers: n("customers"),
            upgraded: n("upgraded"),
            graceStarted: n("graceStarted"),
            downgraded: n("downgraded"),
          })
        ) : (
          t("running")
        )}
      </p>
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}

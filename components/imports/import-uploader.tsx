"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button, buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useErrorText } from "@/components/ui/use-action";
import type { ImportJobView } from "@/lib/imports/queries";

// Uploads the file to the import route (files are beyond a server action's body limit), then polls
// the job until it finishes, with a progress bar.

type RouteResult<T> = { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string> };

async function call<T>(url: string, init?: RequestInit): Promise<RouteResult<T>> {
  try {
    return (await (await fetch(url, { cache: "no-store", ...init })).json()) as RouteResult<T>;
  } catch {
    return { ok: false, error: "generic" };
  }
}

export function ImportUploader() {
  const t = useTranslations("importer");
  const errorText = useErrorText();
  const router = useRouter();
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<{ file?: string; other?: string } | null>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    if (jobId === null) return;
    let stop = false;
    async function poll() {
      while (!stop) {
        const r = await call<ImportJobView>(`/api/imports/${jobId}`);
        if (stop) return;
        if (r.ok) {
          setJob(r.data);
          if (r.data.status === "SUCCEEDED" || r.data.status === "FAILED") {
            router.refresh();
            return;
          }
        }
        await new Promise((res) => setTimeout(res, 500));
      }
    }
    void poll();
    return () => {
      stop = true;
    };
  }, [jobId, router]);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setJob(null);
    setUploading(true);
    const r = await call<{ id: number }>("/api/imports", { method: "POST", body: new FormData(e.currentTarget) });
    setUploading(false);
    if (r.ok) setJobId(r.data.id);
    else setError(r.fields?.file ? { file: t.has(`file.${r.fields.file}`) ? t(`file.${r.fields.file}`) : errorText(r.error) } : { other: errorText(r.error) });
  }

  const running = job && (job.status === "QUEUED" || job.status === "RUNNING");
  const pct = job ? (job.status === "SUCCEEDED" ? 100 : Math.min(99, Math.round((100 * job.processedRows) / Math.max(1, job.totalRows)))) : 0;
  const report = job && job.errorCount > 0 && (
    <a href={`/api/imports/${job.id}/errors`} download className={buttonClass({ variant: "link" })}>
      {t("downloadReport")}
    </a>
  );
  return (
    <div className="space-y-3">
      <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3">
        <Field id="import-file" label={t("file.label")} error={error?.file}>
          <input name="file" type="file" accept=".csv,text/csv" className="text-sm" />
        </Field>
        <Button type="submit" variant="primary" pending={uploading} disabled={!!running} className="mt-5">
          {uploading ? t("uploading") : t("start")}
        </Button>
      </form>
      {error?.other && <Alert tone="error">{error.other}</Alert>}
      {job && (
        <div className="space-y-2 rounded border border-slate-200 p-3 text-sm" aria-live="polite">
          {/* The bar only while the file is worked on: a rejected import is rejected, not "99 %". */}
          {running ? (
            <div className="flex items-center gap-3">
              <progress max={100} value={pct} aria-label={t("progress")} className="h-2 w-80" />
              <span className="tabular-nums">{pct}%</span>
              <span className="text-slate-500">{t(`phase.${job.phase}`)}</span>
            </div>
          ) : (
            <p className={job.status === "FAILED" ? "font-medium text-bad" : "font-medium text-ok"} data-testid="import-outcome">
              {t(job.status === "FAILED" ? (job.errorCount > 0 ? "outcome.rejected" : "outcome.failed") : "outcome.succeeded")}
            </p>
          )}
          <p className="tabular-nums text-slate-600">{t("rowsProcessed", { done: job.processedRows, total: job.totalRows })}</p>
          {job.status === "SUCCEEDED" && (
            <Alert tone="success">
              {t("succeeded", {
                customersCreated: job.customersCreated,
                customersUpdated: job.customersUpdated,
                linesCreated: job.linesCreated,
                linesUpdated: job.linesUpdated,
              })}
            </Alert>
          )}
          {job.status === "FAILED" && (
            <Alert tone="error">
              <p>{job.errorCount > 0 ? t("rejected", { count: job.errorCount }) : t("failedUnexpected")}</p>
              {report}
            </Alert>
          )}
        </div>
      )}
    </div>
  );
}

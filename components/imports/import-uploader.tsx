"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ImportJobView } from "@/lib/imports/queries";

/** Uploads the file, then polls the job until it finishes, with a progress bar. */
export function ImportUploader() {
  const t = useTranslations("importer");
  const te = useTranslations("errors");
  const router = useRouter();
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  useEffect(() => {
    if (jobId === null) return;
    let stop = false;
    async function poll() {
      while (!stop) {
        const r = await fetch(`/api/imports/${jobId}`, { cache: "no-store" }).then((x) => x.json());
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
    try {
      const r = await fetch("/api/imports", { method: "POST", body: new FormData(e.currentTarget) }).then((x) => x.json());
      if (r.ok) setJobId(r.data.id);
      else setError(r.fields?.file ? t(`file.${r.fields.file}`) : te(r.error));
    } catch {
      setError(te("generic"));
    } finally {
      setUploading(false);
    }
  }

  const running = job && (job.status === "QUEUED" || job.status === "RUNNING");
  const pct = job ? (job.status === "SUCCEEDED" ? 100 : Math.min(99, Math.round((100 * job.processedRows) / Math.max(1, job.totalRows)))) : 0;
  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block">{t("file.label")}</span>
          <input name="file" type="file" accept=".csv,text/csv" required className="text-sm" />
        </label>
        <button type="submit" disabled={uploading || !!running} className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white disabled:opacity-60">
          {uploading ? t("uploading") : t("start")}
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
      {job && (
        <div className="space-y-2 rounded border border-slate-200 p-3 text-sm" aria-live="polite">
          <div className="flex items-center gap-3">
            <progress max={100} value={pct} aria-label={t("progress")} className="h-2 w-80" />
            <span className="tabular-nums">{pct}%</span>
            <span className="text-slate-500">{t(`phase.${job.phase}`)}</span>
          </div>
          <p className="tabular-nums text-slate-600">{t("rowsProcessed", { done: job.processedRows, total: job.totalRows })}</p>
          {job.status === "SUCCEEDED" && (
            <p role="status" className="text-ok">
              {t("succeeded", {
                customersCreated: job.customersCreated,
                customersUpdated: job.customersUpdated,
                linesCreated: job.linesCreated,
                linesUpdated: job.linesUpdated,
              })}
            </p>
          )}
          {job.status === "FAILED" && (
            <div role="alert" className="text-bad">
              <p>{job.errorCount > 0 ? t("rejected", { count: job.errorCount }) : t("failedUnexpected")}</p>
              {job.errorCount > 0 && (
                <a href={`/api/imports/${job.id}/errors`} download className="text-brand-700 underline">
                  {t("downloadReport")}
                </a>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

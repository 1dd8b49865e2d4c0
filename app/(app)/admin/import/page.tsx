import { getFormatter, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listImportJobs } from "@/lib/imports/queries";
import { IMPORT_COLUMNS } from "@/lib/imports/file-format";
import { ImportUploader } from "@/components/imports/import-uploader";

export default async function ImportPage() {
  const actor = await requireActor();
  const jobs = await listImportJobs(actor, 10);
  const t = await getTranslations("importer");
  const format = await getFormatter();
  return (
    <div className="max-w-6xl space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <section className="card space-y-3 p-4" aria-labelledby="upload-h">
        <h2 id="upload-h" className="font-medium">
          {t("uploadTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("intro")}</p>
        <a href="/api/imports/template" download className="inline-block text-sm text-brand-700 underline">
          {t("template")}
        </a>
        <ImportUploader />
      </section>
      <section className="card" aria-labelledby="jobs-h">
        <h2 id="jobs-h" className="card-title">
          {t("recentJobs")}
        </h2>
        {jobs.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("noJobs")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("jobs.file")}</th>
                <th>{t("jobs.when")}</th>
                <th>{t("jobs.status")}</th>
                <th className="num">{t("jobs.rows")}</th>
                <th className="num">{t("jobs.errors")}</th>
                <th>{t("jobs.report")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td>{j.fileName}</td>
                  <td className="tabular-nums">{format.dateTime(new Date(j.createdAt), { dateStyle: "short", timeStyle: "short" })}</td>
                  <td>{t(`status.${j.status}`)}</td>
                  <td className="num">{j.processedRows.toLocaleString()}</td>
                  <td className="num">{j.errorCount.toLocaleString()}</td>
                  <td>
                    {j.errorCount > 0 && (
                      <a href={`/api/imports/${j.id}/errors`} download className="text-brand-700 underline">
                        {t("downloadReport")}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="cols-h">
        <h2 id="cols-h" className="card-title">
          {t("columnsTitle")}
        </h2>
        <p className="px-3 pt-2 text-sm text-slate-600">{t("columnsIntro")}</p>
        <table className="data">
          <thead>
            <tr>
              <th>{t("columns.name")}</th>
              <th>{t("columns.required")}</th>
              <th>{t("columns.rule")}</th>
              <th>{t("columns.example")}</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_COLUMNS.map((c) => (
              <tr key={c.name}>
                <td>
                  <code className="text-xs">{c.name}</code>
                </td>
                <td>{c.required ? t("columns.yes") : t("columns.no")}</td>
                <td>{t(`rules.${c.name}`)}</td>
                <td className="tabular-nums">{c.example}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

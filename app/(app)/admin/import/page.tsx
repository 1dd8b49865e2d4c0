import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listImportJobs } from "@/lib/imports/queries";
import { IMPORT_COLUMNS } from "@/lib/imports/file-format";
import { buttonClass } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ImportUploader } from "@/components/imports/import-uploader";
import { page } from "@/lib/shared/page";

export default page(async function ImportPage() {
  const actor = await requireActor();
  const jobs = await listImportJobs(actor, 10);
  const t = await getTranslations("importer");
  // Downloads are plain links: route handlers answer with a file, never prefetched.
  const download = (href: string, label: string) => (
    <a href={href} download className={buttonClass({ variant: "link" })}>
      {label}
    </a>
  );
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader title={t("title")} />
      <Section title={t("uploadTitle")} id="upload" actions={download("/api/imports/template", t("template"))}>
        <div className="space-y-3">
          <p className="text-sm text-slate-600">{t("intro")}</p>
          <ImportUploader />
        </div>
      </Section>
      <Section title={t("recentJobs")} id="jobs" flush>
        <DataTable
          label={t("recentJobs")}
          empty={t("noJobs")}
          columns={[
            { id: "fileName", header: t("jobs.file") },
            { id: "createdAt", header: t("jobs.when"), format: "datetime", nowrap: true },
            { id: "status", header: t("jobs.status") },
            { id: "processedRows", header: t("jobs.rows"), format: "integer" },
            { id: "errorCount", header: t("jobs.errors"), format: "integer" },
            { id: "report", header: t("jobs.report") },
          ]}
          rows={jobs.map((j) => ({
            id: j.id,
            fileName: j.fileName,
            createdAt: j.createdAt,
            status: t(`status.${j.status}`),
            processedRows: j.processedRows,
            errorCount: j.errorCount,
            report: j.errorCount > 0 ? download(`/api/imports/${j.id}/errors`, t("downloadReport")) : null,
          }))}
        />
      </Section>
      <Section title={t("columnsTitle")} description={t("columnsIntro")} id="columns" flush>
        <DataTable
          label={t("columnsTitle")}
          dense
          columns={[
            { id: "name", header: t("columns.name"), format: "code" },
            { id: "required", header: t("columns.required") },
            { id: "rule", header: t("columns.rule") },
            { id: "example", header: t("columns.example"), className: "tabular-nums" },
          ]}
          rows={IMPORT_COLUMNS.map((c) => ({ id: c.name, name: c.name, required: c.required, rule: t(`rules.${c.name}`), example: c.example }))}
        />
      </Section>
    </div>
  );
});

import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { searchAuditEntries } from "@/lib/audit/queries";
import { auditFilterInput } from "@/lib/audit/schemas";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { AuditTable } from "@/components/admin/audit-table";
import { page } from "@/lib/shared/page";

const FILTERS = [
  { name: "actor", label: "auditActor", type: "text" },
  { name: "entity", label: "auditEntity", type: "text" },
  { name: "action", label: "auditAction", type: "text" },
  { name: "from", label: "auditFrom", type: "date" },
  { name: "to", label: "auditTo", type: "date" },
] as const;

export default page(async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const raw = await searchParams;
  const filter = auditFilterInput.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { rows, nextBefore } = await searchAuditEntries(actor, filter, 50);
  const query = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) p.set(k, v);
    return p.toString();
  };
  return (
    <div className="space-y-4">
      <PageHeader title={t("trust.auditTitle")} />
      <Card>
        <form method="get" role="search" aria-label={t("trust.auditFilters")} className="flex flex-wrap items-end gap-3 p-3.5">
          {FILTERS.map((f) => (
            <Field key={f.name} id={`af-${f.name}`} label={t(`trust.${f.label}`)} className="w-44">
              <TextInput name={f.name} type={f.type} defaultValue={filter[f.name] ?? ""} />
            </Field>
          ))}
          <Button type="submit" variant="primary">
            {t("trust.auditApply")}
          </Button>
          {/* A plain link: the export is a file download (and audited), never prefetched. */}
          <a href={`/admin/audit/export?${query({ before: undefined })}`} download className={buttonClass()}>
            {t("trust.auditExport")}
          </a>
        </form>
      </Card>
      <Section title={t("admin.recentAudit")} id="audit-rows" flush>
        <AuditTable
          rows={rows}
          details
          empty={t("trust.auditNoMatch")}
          pager={{
            next: nextBefore ? `/admin/audit?${query({ before: nextBefore })}` : undefined,
            first: filter.before ? `/admin/audit?${query({ before: undefined })}` : undefined,
          }}
        />
      </Section>
    </div>
  );
});

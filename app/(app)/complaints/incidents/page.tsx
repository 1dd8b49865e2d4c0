import Link from "next/link";
import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listIncidents } from "@/lib/complaints/incidents";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { CreateIncidentForm } from "@/components/complaints/incident-forms";
import { page } from "@/lib/shared/page";

export default page(async function IncidentsPage() {
  const actor = await requireActor();
  if (!can(actor, "complaint:assign")) forbidden();
  const t = await getTranslations("complaints");
  const rows = await listIncidents(actor);
  return (
    <div className="space-y-4">
      <PageHeader title={t("incident.title")} description={t("incident.intro")} />
      <CreateIncidentForm />
      <Card>
        <DataTable
          label={t("incident.title")}
          empty={t("incident.empty")}
          columns={[
            { id: "title", header: t("incident.name") },
            { id: "status", header: t("col.status"), nowrap: true },
            { id: "complaints", header: t("incident.linked"), format: "integer" },
            { id: "startedAt", header: t("incident.started"), format: "datetime", nowrap: true },
          ]}
          rows={rows.map((r) => ({
            id: r.id,
            title: (
              <Link href={`/complaints/incidents/${r.id}`} className="text-brand-700 hover:underline">
                {r.title}
              </Link>
            ),
            status: t(`incident.status.${r.status}`),
            complaints: r.complaints,
            startedAt: r.startedAt,
          }))}
        />
      </Card>
    </div>
  );
});

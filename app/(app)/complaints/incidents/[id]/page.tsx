import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getIncident } from "@/lib/complaints/incidents";
import { ButtonLink } from "@/components/ui/button";
import { Badge, PageHeader, Section } from "@/components/ui/card";
import { ComplaintTable } from "@/components/complaints/complaint-table";
import { IncidentActions } from "@/components/complaints/incident-forms";
import { SlaState } from "@/components/complaints/sla-state";
import { page } from "@/lib/shared/page";

export default page(async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const t = await getTranslations("complaints");
  const i = await getIncident(actor, /^\d{1,9}$/.test(id) ? Number(id) : -1);
  return (
    <div className="space-y-4">
      <PageHeader
        title={i.title}
        description={i.description || undefined}
        actions={
          <ButtonLink href="/complaints/incidents" variant="link">
            {t("incident.title")}
          </ButtonLink>
        }
      >
        <Badge>{t(`incident.status.${i.status}`)}</Badge>
      </PageHeader>
      <IncidentActions incidentId={i.id} />
      <Section id="incident-complaints" title={t("incident.linked")} flush>
        <ComplaintTable
          label={t("incident.linked")}
          empty={t("incident.none")}
          columns={[{ id: "sla", header: t("col.sla"), nowrap: true }]}
          rows={i.complaints.map((c) => ({ ...c, cells: { sla: <SlaState state={c.slaState} /> } }))}
        />
      </Section>
    </div>
  );
});

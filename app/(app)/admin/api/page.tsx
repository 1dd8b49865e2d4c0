import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listApiClientChoices, listApiClients } from "@/lib/api/clients/queries";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/card";
import { RegisterClientForm } from "@/components/api/client-forms";
import { ApiClientTable } from "@/components/api/client-table";
import { page } from "@/lib/shared/page";

// API clients (issue 25, decision 034): register one (its secret shown once), the list, and the
// way to the event delivery log and the reference.
export default page(async function ApiClientsPage() {
  const actor = await requireActor();
  const [t, locale, clients, choices] = await Promise.all([getTranslations("apiClients"), getLocale(), listApiClients(actor), listApiClientChoices(actor)]);
  const owners = choices.owners.map((u) => ({ id: u.id, label: `${u.displayName} (${u.username})` }));
  const teams = choices.teams.map((tm) => ({ id: tm.id, name: locale === "en" ? tm.nameEn : tm.nameZh }));
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <>
            <ButtonLink href="/admin/api/reference" variant="link">
              {t("referenceLink")}
            </ButtonLink>
            <ButtonLink href="/admin/api/deliveries" variant="link" prefetch={false}>
              {t("deliveriesLink")}
            </ButtonLink>
          </>
        }
      />
      <Section title={t("register")} id="register">
        <RegisterClientForm owners={owners} teams={teams} />
      </Section>
      <Section title={t("list")} id="clients" flush>
        <ApiClientTable clients={clients} />
      </Section>
    </div>
  );
});

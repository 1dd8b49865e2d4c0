import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listHubClients, listHubDeliveries } from "@/lib/api/hub/delivery-queries";
import { deliveryLogFilters, HUB_DELIVERY_STATUSES } from "@/lib/api/hub/schemas";
import { HUB_EVENT_NAMES } from "@/lib/api/hub/event-types";
import { page } from "@/lib/shared/page";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { DeliveriesTable } from "@/components/api/deliveries-table";

// The /hub delivery log (issue 25, docs/open-api.md "Events"): admins (api:manage) see what was
// sent to each listener and replay what failed. Filters live in the URL; keyset pages.
export default page(async function HubDeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations("hubDeliveries");
  const raw = await searchParams;
  const filter = deliveryLogFilters.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [{ rows, nextBefore }, clients] = await Promise.all([listHubDeliveries(actor, filter), listHubClients(actor)]);
  const query = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v !== undefined && v !== "") p.set(k, String(v));
    return p.toString();
  };
  const filtered = Boolean(filter.status || filter.clientId || filter.eventType);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <form method="get" role="search" aria-label={t("filters")} className="flex flex-wrap items-end gap-3 p-3.5">
          <Field id="hd-status" label={t("status")} className="w-40">
            <Select name="status" defaultValue={filter.status ?? ""} placeholder={t("any")} options={HUB_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
          </Field>
          <Field id="hd-client" label={t("client")} className="w-56">
            <Select name="clientId" defaultValue={filter.clientId ?? ""} placeholder={t("any")} options={clients.map((c) => ({ value: c.id, label: c.name }))} />
          </Field>
          <Field id="hd-event" label={t("eventType")} className="w-80">
            <Select name="eventType" defaultValue={filter.eventType ?? ""} placeholder={t("any")} options={HUB_EVENT_NAMES.map((n) => ({ value: n, label: n }))} />
          </Field>
          <Button type="submit" variant="primary">
            {t("apply")}
          </Button>
          {filtered && (
            <ButtonLink href="/admin/api/deliveries" variant="ghost">
              {t("clear")}
            </ButtonLink>
          )}
        </form>
      </Card>
      <Section title={t("log")} id="hub-deliveries" flush>
        <DeliveriesTable
          rows={rows}
          empty={<EmptyState>{filtered ? t("emptyFiltered") : t("empty")}</EmptyState>}
          pager={{
            next: nextBefore ? `/admin/api/deliveries?${query({ before: nextBefore })}` : undefined,
            first: filter.before ? `/admin/api/deliveries?${query({ before: undefined })}` : undefined,
          }}
        />
      </Section>
    </div>
  );
});

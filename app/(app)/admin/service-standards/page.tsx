import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import Link from "next/link";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { FormTable, type FormTableProps } from "@/components/ui/form-table";
import { listCompensationLimits } from "@/lib/complaints/compensation-limits";
import { saveCompensationLimitAction } from "./actions";
import { page } from "@/lib/shared/page";

/** A titled table of rows saved one at a time (the SLA matrix, the limits). The escalation ladder is on /admin/routing. */
function TableSection<T>({ id, title, ...table }: { id: string; title: string } & Omit<FormTableProps<T>, "label">) {
  return (
    <Section title={title} id={id} flush>
      <FormTable label={title} {...table} />
    </Section>
  );
}

/** The places an admin configures the service from (issue #21). */
const PLACES = [
  ["/admin/categories", "categories"],
  ["/admin/sla", "sla"],
  ["/admin/calendars", "calendars"],
  ["/admin/routing", "routing"],
  ["/admin/history", "history"],
] as const;

export default page(async function ServiceStandardsPage() {
  const actor = await requireActor();
  if (!can(actor, "serviceStandards:manage")) forbidden();
  const t = await getTranslations();
  const s = await getTranslations("serviceStandards");
  const limits = await listCompensationLimits(actor);
  const saving = { success: s("saved"), saveLabel: s("save") };

  return (
    <div className="space-y-4">
      <PageHeader title={s("title")} description={s("intro")} />

      <nav aria-label={s("hub.label")}>
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {PLACES.map(([href, key]) => (
            <li key={href}>
              <Card className="h-full p-3">
                <Link href={href} className="font-semibold text-brand-700 hover:underline">
                  {s(`hub.${key}`)}
                </Link>
                <p className="mt-1 text-sm text-slate-600">{s(`hub.${key}Hint`)}</p>
              </Card>
            </li>
          ))}
        </ul>
      </nav>

      <div className="grid gap-4 lg:grid-cols-2">
        <TableSection
          id="limits"
          title={s("limits")}
          action={saveCompensationLimitAction}
          {...saving}
          columns={[
            { id: "role", header: s("role") },
            { id: "creditLimit", header: s("creditLimit"), control: { type: "number", min: 0, max: 1_000_000, step: 0.01 } },
            { id: "pointsLimit", header: s("pointsLimit"), control: { type: "number", min: 0, max: 100_000_000, className: "w-24 text-right tabular-nums" } },
          ]}
          rows={limits.map((l) => ({
            id: l.role,
            label: t(`roles.${l.role}`),
            keys: { role: l.role, version: l.version },
            values: { role: t(`roles.${l.role}`), creditLimit: l.creditLimit, pointsLimit: l.pointsLimit },
          }))}
        />
      </div>
    </div>
  );
});

import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getServiceStandards } from "@/lib/complaints/standards";
import { PageHeader, Section } from "@/components/ui/card";
import { FormTable, type FormTableProps } from "@/components/ui/form-table";
import { CalendarForm, CategoryForm } from "@/components/admin/standards-forms";
import { saveCompensationLimitAction, saveSlaTargetAction } from "./actions";
import { page } from "@/lib/shared/page";

/** A titled table of rows saved one at a time (the SLA matrix, the limits). The escalation ladder is on /admin/routing. */
function TableSection<T>({ id, title, ...table }: { id: string; title: string } & Omit<FormTableProps<T>, "label">) {
  return (
    <Section title={title} id={id} flush>
      <FormTable label={title} {...table} />
    </Section>
  );
}

const MINUTES = [
  ["firstResponseMin", "first_response_min", "firstResponse"],
  ["feedbackMin", "feedback_min", "feedback"],
  ["resolutionMin", "resolution_min", "resolution"],
  ["cycleMin", "cycle_min", "cycle"],
] as const;

export default page(async function ServiceStandardsPage() {
  const actor = await requireActor();
  if (!can(actor, "serviceStandards:manage")) forbidden();
  const t = await getTranslations();
  const s = await getTranslations("serviceStandards");
  const locale = await getLocale();
  const data = await getServiceStandards(actor);
  const named = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);
  const calName = (id: number) => {
    const c = data.calendars.find((x) => x.id === id);
    return c ? named(c) : "";
  };
  const catName = (code: string) => {
    if (code === "*") return s("all");
    const c = data.categories.find((x) => x.code === code);
    return c ? named(c) : code;
  };
  const calendarOptions = data.calendars.map((c) => ({ value: c.id, label: named(c) }));
  const saving = { success: s("saved"), saveLabel: s("save") };

  return (
    <div className="space-y-4">
      <PageHeader title={s("title")} description={`${s("intro")} ${s("revisions", { n: data.revisions })}`} />

      <TableSection
        id="matrix"
        title={s("matrix")}
        action={saveSlaTargetAction}
        {...saving}
        columns={[
          { id: "category", header: s("category"), nowrap: true },
          { id: "grade", header: t("complaints.col.grade"), nowrap: true },
          { id: "tier", header: s("tier"), nowrap: true },
          { id: "appeal", header: s("appeal") },
          ...MINUTES.map(([name, , label]) => ({ id: name, header: s(label), control: { type: "number" as const, min: 1, max: 86_400 } })),
          { id: "calendarId", header: s("calendar"), control: { type: "select", options: calendarOptions, className: "w-44" } },
          { id: "warnRatio", header: s("warnRatio"), control: { type: "number", min: 0.1, max: 1, step: 0.05, className: "w-16 text-right tabular-nums" } },
          { id: "versions", header: s("versions"), format: "integer" },
        ]}
        rows={data.targets.map((r) => {
          const grade = t(`complaints.grade.${r.grade}`);
          const tier = t.has(`enums.valueTier.${r.value_tier}`) ? t(`enums.valueTier.${r.value_tier}`) : r.value_tier;
          return {
            id: `${r.category_code}|${r.grade}|${r.value_tier}|${r.is_appeal}`,
            label: `${catName(r.category_code)} ${grade} ${tier}${r.is_appeal ? ` ${s("appeal")}` : ""}`,
            keys: { id: r.id },
            values: {
              category: catName(r.category_code),
              grade,
              tier,
              appeal: r.is_appeal,
              ...Object.fromEntries(MINUTES.map(([name, column]) => [name, r[column]])),
              calendarId: r.calendar_id,
              warnRatio: r.warn_ratio,
              versions: r.versions,
            },
          };
        })}
      />

      <Section title={s("calendars")} id="calendars">
        <div className="grid gap-4 lg:grid-cols-2">
          {data.calendars.map((c) => (
            <CalendarForm
              key={c.id}
              calendar={{
                id: c.id,
                version: c.version,
                name: calName(c.id),
                timeZone: c.definition.timeZone,
                is24x7: !!c.definition.is24x7,
                holidays: [...c.definition.holidays],
                makeupWorkdays: c.definition.makeupWorkdays.map((m) => (typeof m === "string" ? m : m.date)),
              }}
            />
          ))}
        </div>
      </Section>

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
          rows={data.limits.map((l) => ({
            id: l.role,
            label: t(`roles.${l.role}`),
            keys: { role: l.role, version: l.version },
            values: { role: t(`roles.${l.role}`), creditLimit: l.creditLimit, pointsLimit: l.pointsLimit },
          }))}
        />
      </div>

      <Section title={s("categories")} id="categories" flush>
        <div className="divide-y divide-slate-100">
          {data.categories.map((c) => (
            <CategoryForm
              key={c.id}
              category={{
                id: c.id,
                version: c.version,
                code: c.code,
                isChild: c.parentId != null,
                nameZh: c.nameZh,
                nameEn: c.nameEn,
                skillTags: c.skillTags,
                scriptZh: c.scriptZh,
                scriptEn: c.scriptEn,
                isActive: c.isActive,
              }}
            />
          ))}
        </div>
      </Section>
    </div>
  );
});

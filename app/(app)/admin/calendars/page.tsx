import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listCalendars } from "@/lib/sla/calendars";
import { PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { CreateCalendarForm } from "@/components/admin/calendar-editor";
import { page } from "@/lib/shared/page";

export default page(async function CalendarsPage() {
  const actor = await requireActor();
  const [calendars, t, locale] = await Promise.all([listCalendars(actor), getTranslations("calendars"), getLocale()]);
  const named = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <Section title={t("list")} id="calendars" flush>
        <DataTable
          label={t("list")}
          columns={[
            { id: "name", header: t("name") },
            { id: "code", header: t("code"), format: "code", nowrap: true },
            { id: "hours", header: t("hours"), nowrap: true },
            { id: "years", header: t("years"), align: "left" },
            { id: "teams", header: t("teams") },
            { id: "version", header: t("version"), format: "integer" },
          ]}
          rows={calendars.map((c) => ({
            id: c.id,
            name: (
              <Link href={`/admin/calendars/${c.id}`} className="font-medium text-brand-700 hover:underline">
                {named(c)}
              </Link>
            ),
            code: c.code,
            hours: c.is24x7 ? t("is24x7") : t("weeklyHours"),
            years: c.years.length ? c.years.join(", ") : t("none"),
            teams: c.teams.length ? c.teams.map(named).join(", ") : t("none"),
            version: c.version,
          }))}
        />
      </Section>
      <Section title={t("create")} description={t("createHint")} id="new-calendar">
        <CreateCalendarForm />
      </Section>
    </div>
  );
});

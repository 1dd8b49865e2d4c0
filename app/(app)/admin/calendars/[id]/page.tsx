import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { getCalendar } from "@/lib/sla/calendars";
import { compactDates, datesOfYear, yearsOf } from "@/lib/sla/calendar-dates";
import type { TimeInterval, Weekday } from "@/lib/sla/calendar";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/card";
import { CalendarHoursEditor, CalendarYearEditor, TeamCalendarAssignments } from "@/components/admin/calendar-editor";
import { page } from "@/lib/shared/page";

const params = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export default page(async function CalendarPage(props: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const parsed = params.safeParse(await props.params);
  if (!parsed.success) notFound();
  const [c, t, locale] = await Promise.all([getCalendar(actor, parsed.data.id), getTranslations("calendars"), getLocale()]);
  const named = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);
  const d = c.definition;
  const makeupDates = d.makeupWorkdays.map((m) => (typeof m === "string" ? m : m.date));
  const thisYear = new Date().getFullYear();
  const years = [...new Set([thisYear + 1, thisYear, ...yearsOf([...d.holidays, ...makeupDates])])].sort((a, b) => b - a);
  const weekly = Object.fromEntries(([0, 1, 2, 3, 4, 5, 6] as Weekday[]).map((w) => [w, d.weekly[w].map((iv) => ({ start: iv.start, end: iv.end }))])) as Record<Weekday, TimeInterval[]>;
  const calendarName = new Map(c.calendars.map((x) => [x.id, named(x)]));
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader
        title={named(c)}
        description={`${c.code} · ${t("versionOf", { v: c.version, tz: d.timeZone })}. ${t("openComplaints", { n: c.openComplaints })}`}
        actions={
          <ButtonLink href="/admin/calendars" variant="link">
            {t("back")}
          </ButtonLink>
        }
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <Section title={t("hoursTitle")} id="hours">
          <CalendarHoursEditor calendar={{ id: c.id, version: c.version, nameZh: c.nameZh, nameEn: c.nameEn, is24x7: d.is24x7, weekly }} />
        </Section>
        <Section title={t("assignTitle")} description={t("assignHint")} id="teams">
          <TeamCalendarAssignments
            calendarId={c.id}
            teams={c.teams.map((team) => ({ id: team.id, name: named(team), calendarId: team.calendarId, calendarName: team.calendarId === null ? null : (calendarName.get(team.calendarId) ?? null) }))}
          />
        </Section>
      </div>
      <Section title={t("yearTitle")} id="holidays">
        <CalendarYearEditor
          calendar={{
            id: c.id,
            version: c.version,
            years,
            defaultYear: thisYear + 1,
            holidays: Object.fromEntries(years.map((y) => [y, compactDates(datesOfYear(d.holidays, y))])),
            makeupWorkdays: Object.fromEntries(years.map((y) => [y, datesOfYear(makeupDates, y)])),
          }}
        />
      </Section>
    </div>
  );
});

"use client";

import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";
import { compactDates, parseDateList, parseHolidayNotice, type ParsedNotice } from "@/lib/sla/calendar-dates";
import type { TimeInterval, Weekday } from "@/lib/sla/calendar";
import { assignTeamCalendarAction, createCalendarAction, saveCalendarHoursAction, saveCalendarYearAction } from "@/app/(app)/admin/calendars/actions";

// The business-calendar editor: create, weekly hours with breaks, a year's holidays and make-up
// days (typed or pasted from the official notice, previewed before they go into the lists), and
// which teams work by the calendar. Errors name their weekday or date (lib/sla/calendars.ts keys
// them "holidays:2027-02-08" → "calendar.HOLIDAY_MAKEUP_CONFLICT").

/** Monday first, as the week is read in China. */
const WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 0];

/** Translated messages of the field errors whose key is `prefix` or starts with `prefix:`. */
function useFieldMessages(fields: Record<string, string>) {
  const tf = useTranslations("errors.field");
  return (prefix: string): string[] =>
    Object.entries(fields)
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}:`))
      .map(([k, code]) => {
        const date = k.includes(":") ? k.slice(k.indexOf(":") + 1) : "";
        return tf.has(code) ? tf(code, { date }) : tf("invalid");
      });
}

function ErrorList({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-bad">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/** Several messages as one field error (the Field announces it), a line each. */
function lines(messages: string[]): React.ReactNode {
  if (messages.length === 0) return undefined;
  return messages.map((m) => (
    <span key={m} className="block">
      {m}
    </span>
  ));
}

export function CreateCalendarForm() {
  const t = useTranslations("calendars");
  const router = useRouter();
  return (
    <ActionForm
      action={createCalendarAction}
      success={t("created")}
      onSuccess={(r: { id: number }) => router.push(`/admin/calendars/${r.id}`)}
      aria-label={t("create")}
      className="grid gap-3 sm:grid-cols-[12rem_1fr_1fr_auto]"
    >
      {({ pending, fieldError }) => (
        <>
          <Field id="cal-code" label={t("code")} hint={t("codeHint")} error={fieldError("code")} required>
            <TextInput name="code" autoComplete="off" className="font-mono uppercase" />
          </Field>
          <Field id="cal-nameZh" label={t("nameZh")} error={fieldError("nameZh")} required>
            <TextInput name="nameZh" maxLength={60} />
          </Field>
          <Field id="cal-nameEn" label={t("nameEn")} error={fieldError("nameEn")} required>
            <TextInput name="nameEn" maxLength={80} />
          </Field>
          <div className="self-start pt-5">
            <Button type="submit" variant="primary" pending={pending}>
              {t("create")}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

export interface CalendarHoursData {
  id: number;
  version: number;
  nameZh: string;
  nameEn: string;
  is24x7: boolean;
  weekly: Record<Weekday, TimeInterval[]>;
}

export function CalendarHoursEditor({ calendar }: { calendar: CalendarHoursData }) {
  const t = useTranslations("calendars");
  const [nameZh, setNameZh] = useState(calendar.nameZh);
  const [nameEn, setNameEn] = useState(calendar.nameEn);
  const [is24x7, setIs24x7] = useState(calendar.is24x7);
  const [weekly, setWeekly] = useState<Record<Weekday, TimeInterval[]>>(calendar.weekly);
  const { run, pending, error, fields, fieldError } = useAction(saveCalendarHoursAction, { success: t("saved") });
  const messages = useFieldMessages(fields);
  const dayName = (d: Weekday) => t(`weekday.${d}`);
  const setDay = (d: Weekday, intervals: TimeInterval[]) => setWeekly((w) => ({ ...w, [d]: intervals }));
  const edit = (d: Weekday, i: number, key: "start" | "end", value: string) =>
    setDay(
      d,
      weekly[d].map((iv, j) => (j === i ? { ...iv, [key]: value } : iv)),
    );
  const add = (d: Weekday) => {
    const last = weekly[d][weekly[d].length - 1];
    setDay(d, [...weekly[d], last ? { start: last.end, end: last.end } : { start: "09:00", end: "18:00" }]);
  };
  const copyMonday = () => setWeekly((w) => ({ ...w, 2: w[1], 3: w[1], 4: w[1], 5: w[1] }));
  return (
    <form
      aria-label={t("hoursTitle")}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ id: calendar.id, version: calendar.version, nameZh, nameEn, is24x7, weekly });
      }}
    >
      {error && <Alert tone="error">{error}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="hours-nameZh" label={t("nameZh")} error={fieldError("nameZh")} required>
          <TextInput value={nameZh} onChange={(e) => setNameZh(e.target.value)} maxLength={60} />
        </Field>
        <Field id="hours-nameEn" label={t("nameEn")} error={fieldError("nameEn")} required>
          <TextInput value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} />
        </Field>
      </div>
      <Field id="hours-24x7" label={t("is24x7Label")} inline>
        <Checkbox checked={is24x7} onChange={(e) => setIs24x7(e.target.checked)} />
      </Field>
      <p className="text-xs text-slate-600">{t("hoursHint")}</p>
      <table className="w-full text-sm">
        <caption className="sr-only">{t("weeklyHours")}</caption>
        <tbody className="divide-y divide-slate-100">
          {WEEK.map((d) => {
            const errs = messages(`weekly.${d}`);
            return (
              <tr key={d} className="align-top">
                <th scope="row" className="w-28 py-1.5 pr-2 text-left font-medium">
                  {dayName(d)}
                </th>
                <td className="py-1.5">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
                    {weekly[d].length === 0 && <span className="text-slate-600">{t("closed")}</span>}
                    {weekly[d].map((iv, i) => (
                      <span key={i} className="inline-flex items-center gap-1">
                        <TextInput
                          aria-label={t("intervalStart", { day: dayName(d), n: i + 1 })}
                          aria-invalid={errs.length > 0 || undefined}
                          aria-describedby={errs.length ? `weekly-${d}-error` : undefined}
                          value={iv.start}
                          onChange={(e) => edit(d, i, "start", e.target.value)}
                          placeholder="HH:MM"
                          inputMode="numeric"
                          className="w-16 text-center tabular-nums"
                        />
                        <span aria-hidden>–</span>
                        <TextInput
                          aria-label={t("intervalEnd", { day: dayName(d), n: i + 1 })}
                          aria-invalid={errs.length > 0 || undefined}
                          aria-describedby={errs.length ? `weekly-${d}-error` : undefined}
                          value={iv.end}
                          onChange={(e) => edit(d, i, "end", e.target.value)}
                          placeholder="HH:MM"
                          inputMode="numeric"
                          className="w-16 text-center tabular-nums"
                        />
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={t("removeIntervalOf", { day: dayName(d), n: i + 1 })}
                          onClick={() =>
                            setDay(
                              d,
                              weekly[d].filter((_, j) => j !== i),
                            )
                          }
                        >
                          {t("removeInterval")}
                        </Button>
                      </span>
                    ))}
                    <Button variant="link" size="sm" aria-label={t("addIntervalTo", { day: dayName(d) })} onClick={() => add(d)}>
                      {t("addInterval")}
                    </Button>
                  </div>
                  <ErrorList id={`weekly-${d}-error`} messages={errs} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorList id="hours-other-error" messages={[...messages("weekly"), ...messages("timeZone")]} />
      <div className="flex flex-wrap gap-2">
        <Button onClick={copyMonday}>{t("copyMonday")}</Button>
        <Button type="submit" variant="primary" pending={pending}>
          {t("saveHours")}
        </Button>
      </div>
    </form>
  );
}

export interface CalendarYearData {
  id: number;
  version: number;
  /** Years offered (with data, this year and next), newest first. */
  years: number[];
  defaultYear: number;
  /** Per year: holidays as ranges, make-up days as dates. */
  holidays: Record<number, string[]>;
  makeupWorkdays: Record<number, string[]>;
}

export function CalendarYearEditor({ calendar }: { calendar: CalendarYearData }) {
  const t = useTranslations("calendars");
  const [year, setYear] = useState(calendar.defaultYear);
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-600">{t("yearHint")}</p>
      <Field id="year" label={t("year")} className="w-40">
        <Select value={year} onChange={(e) => setYear(Number(e.target.value))} options={calendar.years.map((y) => ({ value: y, label: String(y) }))} />
      </Field>
      <YearForm
        key={`${year}-${calendar.version}`}
        id={calendar.id}
        version={calendar.version}
        year={year}
        holidays={calendar.holidays[year] ?? []}
        makeupWorkdays={calendar.makeupWorkdays[year] ?? []}
      />
    </div>
  );
}

function YearForm({
  id,
  version,
  year,
  holidays: initialHolidays,
  makeupWorkdays: initialMakeups,
}: {
  id: number;
  version: number;
  year: number;
  holidays: string[];
  makeupWorkdays: string[];
}) {
  const t = useTranslations("calendars");
  const tf = useTranslations("errors.field");
  const [holidays, setHolidays] = useState(initialHolidays.join("\n"));
  const [makeups, setMakeups] = useState(initialMakeups.join("\n"));
  const [notice, setNotice] = useState("");
  const [preview, setPreview] = useState<ParsedNotice | null>(null);
  const [added, setAdded] = useState(false);
  const { run, pending, error, fields } = useAction(saveCalendarYearAction, {
    success: (r: { holidays: number; makeupWorkdays: number }) => t("yearSaved", { holidays: r.holidays, makeups: r.makeupWorkdays }),
  });
  const messages = useFieldMessages(fields);
  const holidayErrors = messages("holidays");
  const makeupErrors = messages("makeupWorkdays");
  const problemText = (p: { code: string; date: string }) => (tf.has(`calendar.${p.code}`) ? tf(`calendar.${p.code}`, { date: p.date }) : tf("invalid"));
  const merge = (text: string, extra: string[], ranges: boolean) => {
    const all = [...parseDateList(text).dates, ...extra];
    return (ranges ? compactDates(all) : [...new Set(all)].sort()).join("\n");
  };
  const useDates = () => {
    if (!preview) return;
    setHolidays((h) => merge(h, preview.holidays, true));
    setMakeups((m) => merge(m, preview.makeupWorkdays, false));
    setAdded(true);
  };
  const festivals = useMemo(() => preview?.festivals ?? [], [preview]);
  return (
    <form
      aria-label={t("yearTitle")}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ id, version, year, holidays, makeupWorkdays: makeups });
      }}
    >
      {error && <Alert tone="error">{error}</Alert>}
      <div className="grid gap-3 lg:grid-cols-2">
        <Field id="year-holidays" label={t("holidays")} error={lines(holidayErrors)}>
          <TextArea value={holidays} onChange={(e) => setHolidays(e.target.value)} rows={8} className="font-mono text-xs" />
        </Field>
        <Field id="year-makeups" label={t("makeupWorkdays")} error={lines(makeupErrors)}>
          <TextArea value={makeups} onChange={(e) => setMakeups(e.target.value)} rows={8} className="font-mono text-xs" />
        </Field>
      </div>
      <Button type="submit" variant="primary" pending={pending}>
        {t("saveYear", { year })}
      </Button>

      <div className="space-y-2 rounded border border-slate-200 p-3">
        <Field id="year-notice" label={t("paste")} hint={t("pasteHint")}>
          <TextArea value={notice} onChange={(e) => setNotice(e.target.value)} rows={4} />
        </Field>
        <Button
          onClick={() => {
            setPreview(parseHolidayNotice(notice, year));
            setAdded(false);
          }}
        >
          {t("preview")}
        </Button>
        {preview && (
          <section aria-label={t("previewTitle", { year })} className="space-y-2">
            <h3 className="text-sm font-semibold">{t("previewTitle", { year })}</h3>
            {festivals.length > 0 && (
              <DataTable
                label={t("previewTitle", { year })}
                dense
                columns={[
                  { id: "festival", header: t("festival") },
                  { id: "daysOff", header: t("daysOff"), className: "font-mono text-xs" },
                  { id: "workdays", header: t("workdays"), className: "font-mono text-xs" },
                ]}
                rows={festivals.map((f, i) => ({
                  id: i,
                  festival: f.name,
                  daysOff: compactDates(f.holidays).join(", "),
                  workdays: f.makeupWorkdays.join(", "),
                }))}
              />
            )}
            {preview.problems.length > 0 && (
              <ul className="space-y-0.5 text-xs text-bad">
                {preview.problems.map((p, i) => (
                  <li key={i}>{problemText(p)}</li>
                ))}
              </ul>
            )}
            {festivals.length > 0 && (
              <div className="flex items-center gap-3">
                <Button onClick={useDates}>{t("useDates")}</Button>
                {added && (
                  <span role="status" className="text-xs text-slate-600">
                    {t("datesAdded")}
                  </span>
                )}
              </div>
            )}
          </section>
        )}
      </div>
    </form>
  );
}

export interface TeamCalendarRow {
  id: number;
  name: string;
  calendarId: number | null;
  /** The calendar it works by now (a name), or null for the SLA cell's. */
  calendarName: string | null;
}

export function TeamCalendarAssignments({ calendarId, teams }: { calendarId: number; teams: TeamCalendarRow[] }) {
  const t = useTranslations("calendars");
  const { run, pending, error } = useAction(assignTeamCalendarAction, { success: t("assigned") });
  return (
    <div className="space-y-2">
      {error && <Alert tone="error">{error}</Alert>}
      <DataTable
        label={t("team")}
        columns={[
          { id: "team", header: t("team") },
          { id: "calendar", header: t("currentCalendar") },
          { id: "action", header: <span className="sr-only">{t("useThis")}</span>, align: "right" },
        ]}
        rows={teams.map((team) => ({
          id: team.id,
          team: team.name,
          calendar: team.calendarName ?? t("cellCalendar"),
          action:
            team.calendarId === calendarId ? (
              <Button
                size="sm"
                disabled={pending}
                aria-label={t("stopUsingFor", { team: team.name })}
                onClick={() => run({ teamId: team.id, calendarId: null, expectedCalendarId: team.calendarId })}
              >
                {t("stopUsing")}
              </Button>
            ) : (
              <Button
                size="sm"
                disabled={pending}
                aria-label={t("useThisFor", { team: team.name })}
                onClick={() => run({ teamId: team.id, calendarId, expectedCalendarId: team.calendarId })}
              >
                {t("useThis")}
              </Button>
            ),
        }))}
      />
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/inputs";
import { saveCalendarAction } from "@/app/(app)/admin/service-standards/actions";

// The service-standards form that is not a table row: a business calendar's dates.

export interface CalendarFormData {
  id: number;
  version: number;
  name: string;
  timeZone: string;
  is24x7: boolean;
  holidays: string[];
  makeupWorkdays: string[];
}

export function CalendarForm({ calendar: c }: { calendar: CalendarFormData }) {
  const t = useTranslations("serviceStandards");
  const id = `cal-${c.id}`;
  return (
    <ActionForm action={saveCalendarAction} success={t("saved")} aria-label={c.name} className="space-y-2 rounded border border-slate-100 p-3">
      {({ pending, fieldError }) => (
        <>
          <h3 className="text-sm font-semibold">{c.name}</h3>
          <p className="text-xs text-slate-500">
            {t("timeZone")}: {c.timeZone}
            {c.is24x7 ? ` · ${t("is24x7")}` : ""} · {t("version", { v: c.version })}
          </p>
          <input type="hidden" name="id" value={c.id} />
          <input type="hidden" name="version" value={c.version} />
          <div className="grid grid-cols-2 gap-2">
            <Field id={`${id}-holidays`} label={t("holidays")} error={fieldError("holidays")}>
              <TextArea name="holidays" rows={6} defaultValue={c.holidays.join("\n")} className="font-mono text-xs" />
            </Field>
            <Field id={`${id}-makeup`} label={t("makeupWorkdays")} error={fieldError("makeupWorkdays")}>
              <TextArea name="makeupWorkdays" rows={6} defaultValue={c.makeupWorkdays.join("\n")} className="font-mono text-xs" />
            </Field>
          </div>
          <Button type="submit" size="sm" pending={pending} aria-label={`${t("save")} ${c.name}`}>
            {t("save")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

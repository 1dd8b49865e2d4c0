"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { addFestivalAction, fillFestivalYearsAction, removeFestivalAction } from "@/app/(app)/admin/care/actions";
import type { FestivalRow } from "@/lib/care/festival-commands";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/** The festival calendar: the coming festivals, a day added or removed by hand, whole years filled from the lunar calendar. */
export function FestivalAdmin({ festivals, locale, year }: { festivals: FestivalRow[]; locale: string; year: number }) {
  const t = useTranslations("care.admin");
  const [code, setCode] = useState("");
  const [day, setDay] = useState("");
  const [nameZh, setNameZh] = useState("");
  const [nameEn, setNameEn] = useState("");
  const [fillYear, setFillYear] = useState(String(year + 1));
  const [removing, setRemoving] = useState<FestivalRow | null>(null);
  const add = useAction(addFestivalAction, {
    success: t("festivalAdded"),
    onSuccess: () => {
      setCode("");
      setDay("");
      setNameZh("");
      setNameEn("");
    },
  });
  const remove = useAction(removeFestivalAction, { success: t("festivalRemoved"), onSuccess: () => setRemoving(null) });
  const fill = useAction(fillFestivalYearsAction, { success: (d) => t("filled", { n: d.added }) });
  return (
    <section aria-labelledby="festivals-title" className="space-y-3">
      <h2 id="festivals-title" className="text-sm font-semibold">
        {t("festivals")}
      </h2>
      <p className="text-xs text-slate-600">{t("festivalsHint")}</p>
      <DataTable
        label={t("festivals")}
        columns={[
          { id: "day", header: t("day"), nowrap: true },
          { id: "name", header: t("festivalName") },
          { id: "code", header: t("code"), format: "code" },
          { id: "remove", header: <span className="sr-only">{t("remove")}</span> },
        ]}
        rows={festivals.map((f) => ({
          id: f.id,
          day: <span className="tabular-nums">{f.day}</span>,
          name: <span>{locale === "en" ? f.nameEn : f.nameZh}</span>,
          code: f.code,
          remove: (
            <Button size="sm" variant="ghost" aria-label={t("removeOf", { name: `${locale === "en" ? f.nameEn : f.nameZh} ${f.day}` })} onClick={() => setRemoving(f)}>
              {t("remove")}
            </Button>
          ),
        }))}
        empty={t("noFestivals")}
      />
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={t("removeTitle")}
        description={removing ? t("removeText", { name: locale === "en" ? removing.nameEn : removing.nameZh, day: removing.day }) : ""}
        confirmLabel={t("remove")}
        pending={remove.pending}
        onConfirm={() => removing && remove.run({ id: removing.id })}
      />
      <form
        aria-label={t("addFestival")}
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void add.run({ code, day, nameZh, nameEn });
        }}
      >
        {add.error && !Object.keys(add.fields).length && <Alert tone="error">{add.error}</Alert>}
        <Field id="festival-code" label={t("code")} hint={t("codeHint")} error={add.fieldError("code")} className="w-48" required>
          <TextInput value={code} onChange={(e) => setCode(e.target.value)} maxLength={40} />
        </Field>
        <Field id="festival-day" label={t("day")} error={add.fieldError("day")} className="w-44" required>
          <TextInput type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </Field>
        <Field id="festival-name-zh" label={t("nameZh")} error={add.fieldError("nameZh")} className="w-44" required>
          <TextInput value={nameZh} onChange={(e) => setNameZh(e.target.value)} maxLength={60} />
        </Field>
        <Field id="festival-name-en" label={t("nameEn")} error={add.fieldError("nameEn")} className="w-52" required>
          <TextInput value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} />
        </Field>
        <Button type="submit" pending={add.pending}>
          {t("addFestival")}
        </Button>
      </form>
      <form
        aria-label={t("fillYear")}
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void fill.run({ from: Number(fillYear), to: Number(fillYear) });
        }}
      >
        <Field id="festival-fill-year" label={t("year")} hint={t("fillHint")} error={fill.fieldError("from") ?? fill.error ?? undefined} className="w-64">
          <TextInput type="number" inputMode="numeric" min={2000} max={2099} value={fillYear} onChange={(e) => setFillYear(e.target.value)} />
        </Field>
        <Button type="submit" pending={fill.pending}>
          {t("fillYear")}
        </Button>
      </form>
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { saveGradeDefAction } from "@/app/(app)/admin/membership/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

export interface GradeRow {
  grade: string;
  gradeLabel: string;
  minSpend12m: number;
  minTenureMonths: number;
  pointsMultiplier: number;
  birthdayPoints: number;
  hotlineTeamId: number | null;
  version: number;
  members: number;
}

/** One grade of the ladder, saved with the version it was loaded at (thresholds checked against the others). */
export function GradeLadderRow({ row, teams }: { row: GradeRow; teams: Array<{ id: number; label: string }> }) {
  const t = useTranslations("membership.admin");
  const id = (name: string) => `grade-${row.grade}-${name}`;
  const standard = row.grade === "STANDARD";
  return (
    <ActionForm
      action={saveGradeDefAction}
      success={t("saved", { grade: row.gradeLabel })}
      aria-label={row.gradeLabel}
      className="border-b border-slate-100 p-3 text-sm last:border-b-0"
    >
      {({ pending, fieldError }) => (
        <div className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="grade" value={row.grade} />
          <input type="hidden" name="expectedVersion" value={row.version} />
          <div className="w-32 pt-5">
            <div className="font-medium">{row.gradeLabel}</div>
            <div className="text-xs text-slate-500 tabular-nums">{t("members", { count: row.members })}</div>
          </div>
          {standard ? (
            <>
              <input type="hidden" name="minSpend12m" value={0} />
              <input type="hidden" name="minTenureMonths" value={0} />
              <p className="w-64 pt-5 text-xs text-slate-500">{t("standardHint")}</p>
            </>
          ) : (
            <>
              <Field id={id("minSpend12m")} label={t("minSpend12m")} error={fieldError("minSpend12m")} required className="w-32">
                <TextInput name="minSpend12m" type="number" step="0.01" min={0} defaultValue={row.minSpend12m} className="text-right tabular-nums" />
              </Field>
              <Field id={id("minTenureMonths")} label={t("minTenureMonths")} error={fieldError("minTenureMonths")} required className="w-28">
                <TextInput name="minTenureMonths" type="number" step="1" min={0} defaultValue={row.minTenureMonths} className="text-right tabular-nums" />
              </Field>
            </>
          )}
          <Field id={id("pointsMultiplier")} label={t("pointsMultiplier")} error={fieldError("pointsMultiplier")} required className="w-28">
            <TextInput
              name="pointsMultiplier"
              type="number"
              step="0.01"
              min={1}
              max={10}
              defaultValue={row.pointsMultiplier}
              className="text-right tabular-nums"
            />
          </Field>
          <Field id={id("birthdayPoints")} label={t("birthdayPoints")} error={fieldError("birthdayPoints")} required className="w-28">
            <TextInput name="birthdayPoints" type="number" step="1" min={0} defaultValue={row.birthdayPoints} className="text-right tabular-nums" />
          </Field>
          <Field id={id("hotlineTeamId")} label={t("hotlineTeam")} error={fieldError("hotlineTeamId")} className="w-44">
            <Select
              name="hotlineTeamId"
              defaultValue={row.hotlineTeamId == null ? "" : String(row.hotlineTeamId)}
              options={[{ value: "", label: t("noHotline") }, ...teams.map((tm) => ({ value: String(tm.id), label: tm.label }))]}
            />
          </Field>
          <div className="pt-5">
            <Button type="submit" pending={pending}>
              {t("save", { grade: row.gradeLabel })}
            </Button>
          </div>
        </div>
      )}
    </ActionForm>
  );
}

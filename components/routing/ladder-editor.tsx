"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";
import { saveEscalationLadderAction } from "@/app/(app)/admin/routing/actions";
import { LADDER_ROLES, MAX_LADDER_DELAY_MIN, MAX_LADDER_LEVELS } from "@/lib/routing/schemas";

type Step = { key: number; notifyRole: (typeof LADDER_ROLES)[number]; delayMin: string };

/** The whole ladder edited at once: add and remove levels, each level's role and delay; one save. */
export function LadderEditor({ version, steps: initial }: { version: number; steps: Array<{ notifyRole: (typeof LADDER_ROLES)[number]; delayMin: number }> }) {
  const t = useTranslations("routing.ladder");
  const [steps, setSteps] = useState<Step[]>(() => initial.map((s, i) => ({ key: i, notifyRole: s.notifyRole, delayMin: String(s.delayMin) })));
  const [nextKey, setNextKey] = useState(initial.length);
  const { run, pending, error, fieldError } = useAction(saveEscalationLadderAction, { success: t("saved") });
  const roleOptions = LADDER_ROLES.map((r) => ({ value: r, label: t(`role${r}`) }));
  const change = (key: number, patch: Partial<Step>) => setSteps((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const add = () => {
    const last = steps[steps.length - 1];
    setSteps([...steps, { key: nextKey, notifyRole: "MANAGER", delayMin: last ? last.delayMin : "0" }]);
    setNextKey(nextKey + 1);
  };
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ version, steps: steps.map((s) => ({ notifyRole: s.notifyRole, delayMin: s.delayMin })) });
      }}
    >
      {error && <Alert tone="error">{error}</Alert>}
      <ol className="space-y-2">
        {steps.map((s, i) => (
          <li key={s.key} className="flex flex-wrap items-end gap-3 border-b border-slate-100 pb-2">
            <span className="w-16 pb-1.5 text-sm font-medium text-slate-700">{t("level", { n: i + 1 })}</span>
            <Field id={`ladder-${s.key}-role`} label={`${t("role")} (${t("level", { n: i + 1 })})`} error={fieldError(`steps.${i}.notifyRole`)}>
              <Select options={roleOptions} value={s.notifyRole} onChange={(e) => change(s.key, { notifyRole: e.target.value as Step["notifyRole"] })} className="w-56" />
            </Field>
            <Field id={`ladder-${s.key}-delay`} label={`${t("delay")} (${t("level", { n: i + 1 })})`} error={fieldError(`steps.${i}.delayMin`)}>
              <TextInput
                type="number"
                min={0}
                max={MAX_LADDER_DELAY_MIN}
                value={s.delayMin}
                onChange={(e) => change(s.key, { delayMin: e.target.value })}
                className="w-24 text-right tabular-nums"
              />
            </Field>
            <Button variant="ghost" size="sm" disabled={steps.length <= 1} onClick={() => setSteps(steps.filter((x) => x.key !== s.key))}>
              {t("remove", { n: i + 1 })}
            </Button>
          </li>
        ))}
      </ol>
      {fieldError("steps") && <p className="text-sm text-bad">{fieldError("steps")}</p>}
      <div className="flex gap-2">
        <Button onClick={add} disabled={steps.length >= MAX_LADDER_LEVELS}>
          {t("add")}
        </Button>
        <Button type="submit" variant="primary" pending={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

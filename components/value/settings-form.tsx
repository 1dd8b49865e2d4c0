"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { saveValueSettingsAction } from "@/app/(app)/admin/value/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

type Settings = {
  version: number;
  weights: Record<"profitability" | "loyalty" | "potential" | "satisfaction" | "credit", number>;
  tiers: { mode: "ABSOLUTE" | "PERCENTILE"; diamond: number; gold: number; silver: number };
  churnBands: { medium: number; high: number };
};

const DIMS = [
  ["profitability", "weightProfitability"],
  ["loyalty", "weightLoyalty"],
  ["potential", "weightPotential"],
  ["satisfaction", "weightSatisfaction"],
  ["credit", "weightCredit"],
] as const;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** A percentage (0–100) input with its label and error. */
function PercentField({ name, label, error, ...input }: { name: string; label: string; error?: string } & Pick<React.ComponentProps<"input">, "value" | "defaultValue" | "onChange">) {
  return (
    <Field id={`vs-${name}`} label={label} error={error} required className="w-32">
      <TextInput name={name} type="number" step="0.1" min={0} max={100} className="text-right tabular-nums" {...input} />
    </Field>
  );
}

/** Weights (percent, must add to 100), tier cut-offs (score or percentile) and churn bands. */
export function ValueSettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations("value.settings");
  const { run, pending, error, fields, fieldError } = useAction(saveValueSettingsAction, { success: (d) => t("saved", { version: d.version }) });
  const pct = settings.tiers.mode === "PERCENTILE" ? 100 : 1;
  const [weights, setWeights] = useState<Record<string, number>>(Object.fromEntries(DIMS.map(([d, f]) => [f, round(settings.weights[d] * 100)])));
  const sum = round(Object.values(weights).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0));
  // A rule across fields (weights add to 100, thresholds in order) comes back under its group's name.
  const rule = (group: "weights" | "tiers" | "churn") => fields[group] && <Alert tone="error" className="w-full">{t.has(`error.${fields[group]}`) ? t(`error.${fields[group]}`) : fieldError(group)}</Alert>;
  return (
    <form
      noValidate
      className="space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void run(new FormData(e.currentTarget));
      }}
    >
      <input type="hidden" name="expectedVersion" value={settings.version} />
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="mb-1 font-medium">{t("weights")}</legend>
        {DIMS.map(([d, f]) => (
          <PercentField key={f} name={f} label={`${t(`dimension.${d}`)} (%)`} error={fieldError(f)} value={weights[f]} onChange={(e) => setWeights({ ...weights, [f]: Number(e.target.value) })} />
        ))}
        <p className={cn("pb-1 tabular-nums", Math.abs(sum - 100) > 1e-6 ? "text-bad" : "text-slate-500")}>{t("sum", { sum })}</p>
        {rule("weights")}
      </fieldset>
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="mb-1 font-medium">{t("tiers")}</legend>
        <Field id="vs-tierMode" label={t("tierMode")} className="w-48">
          <Select name="tierMode" defaultValue={settings.tiers.mode} options={(["ABSOLUTE", "PERCENTILE"] as const).map((m) => ({ value: m, label: t(`mode.${m}`) }))} />
        </Field>
        {(["tierDiamond", "tierGold", "tierSilver"] as const).map((f) => (
          <PercentField key={f} name={f} label={t(f)} error={fieldError(f)} defaultValue={round(settings.tiers[f === "tierDiamond" ? "diamond" : f === "tierGold" ? "gold" : "silver"] * pct)} />
        ))}
        {rule("tiers")}
      </fieldset>
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="mb-1 font-medium">{t("churnBands")}</legend>
        <PercentField name="churnMedium" label={t("churnMedium")} error={fieldError("churnMedium")} defaultValue={round(settings.churnBands.medium * 100)} />
        <PercentField name="churnHigh" label={t("churnHigh")} error={fieldError("churnHigh")} defaultValue={round(settings.churnBands.high * 100)} />
        {rule("churn")}
      </fieldset>
      {error && !fields.weights && !fields.tiers && !fields.churn && <Alert tone="error">{error}</Alert>}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" pending={pending}>
          {pending ? t("saving") : t("save")}
        </Button>
        <span className="text-slate-500">{t("version", { version: settings.version })}</span>
      </div>
    </form>
  );
}

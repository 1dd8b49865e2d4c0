"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { saveValueSettingsAction } from "@/app/(app)/admin/value/actions";

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

const KNOWN_ERRORS = ["weightsSum", "tierOrder", "churnOrder"];
const round = (n: number) => Math.round(n * 1000) / 1000;

/** Weights (percent, must add to 100), tier cut-offs (score or percentile) and churn bands. */
export function ValueSettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations("value.settings");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState(saveValueSettingsAction, null);
  const pct = settings.tiers.mode === "PERCENTILE" ? 100 : 1;
  const [weights, setWeights] = useState<Record<string, number>>(Object.fromEntries(DIMS.map(([d, f]) => [f, round(settings.weights[d] * 100)])));
  const sum = round(Object.values(weights).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0));
  const input = "w-24 rounded border border-slate-300 px-2 py-1 text-right tabular-nums";
  return (
    <form action={action} className="space-y-3 p-3 text-sm">
      <input type="hidden" name="expectedVersion" value={settings.version} />
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 font-medium">{t("weights")}</legend>
        {DIMS.map(([d, f]) => (
          <label key={f} className="flex flex-col gap-1">
            <span>{t(`dimension.${d}`)} (%)</span>
            <input
              name={f}
              type="number"
              step="0.1"
              min={0}
              max={100}
              required
              className={input}
              value={weights[f]}
              onChange={(e) => setWeights({ ...weights, [f]: Number(e.target.value) })}
            />
          </label>
        ))}
        <p className={`self-end pb-1 tabular-nums ${Math.abs(sum - 100) > 1e-6 ? "text-bad" : "text-slate-500"}`}>{t("sum", { sum })}</p>
      </fieldset>
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="mb-1 font-medium">{t("tiers")}</legend>
        <label className="flex flex-col gap-1">
          <span>{t("tierMode")}</span>
          <select name="tierMode" defaultValue={settings.tiers.mode} className="rounded border border-slate-300 px-2 py-1">
            <option value="ABSOLUTE">{t("mode.ABSOLUTE")}</option>
            <option value="PERCENTILE">{t("mode.PERCENTILE")}</option>
          </select>
        </label>
        {(["tierDiamond", "tierGold", "tierSilver"] as const).map((f) => (
          <label key={f} className="flex flex-col gap-1">
            <span>{t(f)}</span>
            <input name={f} type="number" step="0.1" min={0} max={100} required className={input} defaultValue={round(settings.tiers[f === "tierDiamond" ? "diamond" : f === "tierGold" ? "gold" : "silver"] * pct)} />
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="mb-1 font-medium">{t("churnBands")}</legend>
        <label className="flex flex-col gap-1">
          <span>{t("churnMedium")}</span>
          <input name="churnMedium" type="number" step="0.1" min={0} max={100} required className={input} defaultValue={round(settings.churnBands.medium * 100)} />
        </label>
        <label className="flex flex-col gap-1">
          <span>{t("churnHigh")}</span>
          <input name="churnHigh" type="number" step="0.1" min={0} max={100} required className={input} defaultValue={round(settings.churnBands.high * 100)} />
        </label>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-white disabled:opacity-50">
          {pending ? t("saving") : t("save")}
        </button>
        <span className="text-slate-500">{t("version", { version: settings.version })}</span>
        {state?.ok && (
          <span role="status" className="text-ok">
            {t("saved", { version: state.data.version })}
          </span>
        )}
        {state && !state.ok && (
          <span role="alert" className="text-bad">
            {state.fields
              ? Object.values(state.fields)
                  .map((m) => (KNOWN_ERRORS.includes(m) ? t(`error.${m}`) : te("validation")))
                  .join(" · ")
              : te(state.error)}
          </span>
        )}
      </div>
    </form>
  );
}

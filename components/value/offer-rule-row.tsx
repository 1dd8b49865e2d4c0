"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { saveOfferRuleAction } from "@/app/(app)/admin/value/actions";

type Rule = { id: number; code: string; nameZh: string; nameEn: string; condition: string; threshold: number; priority: number; isActive: boolean; version: number };

/** One editable next-best-offer rule (names, threshold, priority, active). */
export function OfferRuleForm({ rule }: { rule: Rule }) {
  const t = useTranslations("value.offers");
  const te = useTranslations("errors");
  const [state, action, pending] = useActionState(saveOfferRuleAction, null);
  const cell = "rounded border border-slate-300 px-2 py-1";
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 border-b border-slate-100 p-3 text-sm" aria-label={rule.code}>
      <input type="hidden" name="id" value={rule.id} />
      <input type="hidden" name="expectedVersion" value={rule.version} />
      <div className="w-48">
        <div className="font-medium">{rule.code}</div>
        <div className="text-xs text-slate-500">{t(`condition.${rule.condition}`)}</div>
      </div>
      <label className="flex flex-col gap-1">
        <span>{t("nameZh")}</span>
        <input name="nameZh" defaultValue={rule.nameZh} required className={`${cell} w-40`} />
      </label>
      <label className="flex flex-col gap-1">
        <span>{t("nameEn")}</span>
        <input name="nameEn" defaultValue={rule.nameEn} required className={`${cell} w-52`} />
      </label>
      <label className="flex flex-col gap-1">
        <span>{t(`threshold.${rule.condition}`)}</span>
        <input name="threshold" type="number" step="0.1" min={0} defaultValue={rule.threshold} className={`${cell} w-24 text-right`} />
      </label>
      <label className="flex flex-col gap-1">
        <span>{t("priority")}</span>
        <input name="priority" type="number" min={0} defaultValue={rule.priority} className={`${cell} w-20 text-right`} />
      </label>
      <label className="flex items-center gap-1 pb-1">
        <input name="isActive" type="checkbox" defaultChecked={rule.isActive} />
        {t("active")}
      </label>
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-50">
        {t("save", { code: rule.code })}
      </button>
      {state?.ok && (
        <span role="status" className="text-ok">
          {t("saved")}
        </span>
      )}
      {state && !state.ok && (
        <span role="alert" className="text-bad">
          {te(state.error)}
        </span>
      )}
    </form>
  );
}

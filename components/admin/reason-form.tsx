"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { saveReasonAction } from "@/app/(app)/admin/reasons/actions";

type Reason = { code: string; nameZh: string; nameEn: string; sortOrder: number; isActive: boolean };

/** One row of the reason-code table (update) or the "new reason" row (create). */
export function ReasonForm({ reason }: { reason?: Reason }) {
  const t = useTranslations("reasonAdmin");
  const te = useTranslations("errors");
  const mode = reason ? "update" : "create";
  const [state, action, pending] = useActionState(saveReasonAction.bind(null, mode), null);
  const cls = (k: string) => `w-full rounded border px-2 py-1 text-sm ${!state?.ok && state?.fields?.[k] ? "border-bad" : "border-slate-300"}`;
  return (
    <form
      action={action}
      className="grid grid-cols-[10rem_1fr_1fr_5rem_6rem_auto] items-center gap-2 px-3 py-1.5"
      aria-label={reason ? t("editRow", { code: reason.code }) : t("newRow")}
    >
      {reason ? (
        <>
          <code className="text-xs">{reason.code}</code>
          <input type="hidden" name="code" value={reason.code} />
        </>
      ) : (
        <input name="code" aria-label={t("code")} placeholder="NEW_REASON" className={cls("code")} required />
      )}
      <input name="nameZh" aria-label={t("nameZh")} defaultValue={reason?.nameZh} className={cls("nameZh")} required />
      <input name="nameEn" aria-label={t("nameEn")} defaultValue={reason?.nameEn} className={cls("nameEn")} required />
      <input name="sortOrder" type="number" min={0} aria-label={t("sortOrder")} defaultValue={reason?.sortOrder ?? 100} className={cls("sortOrder")} />
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" name="isActive" defaultChecked={reason?.isActive ?? true} />
        {t("active")}
      </label>
      <div className="flex items-center gap-2">
        <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">
          {reason ? t("save") : t("add")}
        </button>
        <span role="status" className="text-xs">
          {state?.ok ? (
            <span className="text-ok">{t("saved")}</span>
          ) : state ? (
            <span className="text-bad">{state.fields?.code === "taken" ? t("codeTaken") : te(state.error)}</span>
          ) : null}
        </span>
      </div>
    </form>
  );
}

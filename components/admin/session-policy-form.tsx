"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { updateSessionPolicyAction } from "@/app/(app)/admin/users/actions";

export function SessionPolicyForm({ policy }: { policy: { idleMinutes: number; absoluteHours: number } }) {
  const t = useTranslations();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = Object.fromEntries(new FormData(e.currentTarget));
        start(async () => {
          const r = await updateSessionPolicyAction(f);
          setMessage(r.ok ? { ok: true, text: t("trust.policySaved") } : { ok: false, text: t(`errors.${r.error}`) });
        });
      }}
    >
      <div>
        <label htmlFor="idleMinutes" className="mb-1 block text-xs font-medium">
          {t("trust.idleMinutes")}
        </label>
        <input id="idleMinutes" name="idleMinutes" type="number" min={5} max={240} defaultValue={policy.idleMinutes} className="w-28 rounded border border-slate-300 px-2 py-1 text-sm" />
      </div>
      <div>
        <label htmlFor="absoluteHours" className="mb-1 block text-xs font-medium">
          {t("trust.absoluteHours")}
        </label>
        <input id="absoluteHours" name="absoluteHours" type="number" min={1} max={24} defaultValue={policy.absoluteHours} className="w-28 rounded border border-slate-300 px-2 py-1 text-sm" />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {t("common.save")}
      </button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-ok" : "text-bad"}`}>
          {message.text}
        </p>
      )}
    </form>
  );
}

"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { claimFollowUpAction, completeFollowUpAction } from "@/app/(app)/follow-ups/actions";
import { useErrorText } from "@/components/ui/use-action";

const button = "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-60";
const primary = "rounded bg-brand-600 px-2 py-1 text-xs text-white hover:bg-brand-700 disabled:opacity-60";

/** Claim / complete one follow-up; the version the page loaded travels with each action. */
export function FollowUpActions({ id, version, claimedByMe, customerLabel }: { id: number; version: number; claimedByMe: boolean; customerLabel: string }) {
  const t = useTranslations("surveys.followUps");
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (fn: () => ReturnType<typeof claimFollowUpAction>, done: string) =>
    start(async () => {
      const r = await fn();
      if (!r.ok) {
        setMessage({ ok: false, text: r.error === "validation" && r.fields?.outcome ? t("outcomeTooShort") : errorText(r.error) });
        return;
      }
      setMessage({ ok: true, text: done });
      setOpen(false);
      router.refresh();
    });
  const fieldId = `outcome-${id}`;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-1">
        {!claimedByMe && (
          <button
            type="button"
            className={button}
            disabled={pending}
            onClick={() => run(() => claimFollowUpAction({ id, version }), t("claimed"))}
            aria-label={t("claimFor", { customer: customerLabel })}
          >
            {pending ? t("working") : t("claim")}
          </button>
        )}
        <button
          type="button"
          className={button}
          aria-expanded={open}
          aria-controls={`complete-${id}`}
          onClick={() => setOpen((v) => !v)}
          aria-label={t("completeFor", { customer: customerLabel })}
        >
          {t("complete")}
        </button>
      </div>
      {open && (
        <form
          id={`complete-${id}`}
          className="space-y-1"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => completeFollowUpAction({ id, version, outcome }), t("completed"));
          }}
        >
          <label htmlFor={fieldId} className="block text-xs text-slate-600">
            {t("outcome")}
          </label>
          <textarea
            id={fieldId}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            rows={3}
            maxLength={2000}
            required
            minLength={5}
            className="w-64 rounded border border-slate-300 px-2 py-1 text-sm"
          />
          <p className="text-xs text-slate-500">{t("outcomeHint")}</p>
          <button type="submit" className={primary} disabled={pending}>
            {pending ? t("working") : t("markDone")}
          </button>
        </form>
      )}
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-ok" : "text-bad"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}

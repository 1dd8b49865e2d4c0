"use client";

import { useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { revealPiiAction } from "@/app/(app)/customers/[id]/actions";
import type { PiiField } from "@/lib/customers/schemas";

/**
 * Reveal one PII value (roles with customer:revealPii). Asks for a reason; the clear value lives
 * only in this dialog's state and is dropped when the dialog closes.
 */
export function RevealPiiButton({ customerId, field, lineId, fieldLabel }: { customerId: number; field: PiiField; lineId?: number; fieldLabel: string }) {
  const t = useTranslations("c360");
  const te = useTranslations("errors");
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function close() {
    ref.current?.close();
  }
  function onClose() {
    setValue(null);
    setReason("");
    setError(null);
  }
  function submit(e: React.FormEvent) {
    e.preventDefault();
    start(async () => {
      const r = await revealPiiAction({ customerId, field, lineId, reason });
      if (r.ok) {
        setValue(r.data.value);
        setError(null);
      } else setError(r.error === "validation" ? t("revealReasonTooShort") : te(r.error));
    });
  }
  return (
    <>
      <button
        type="button"
        onClick={() => ref.current?.showModal()}
        className="ml-1 rounded border border-slate-300 px-1.5 text-xs text-slate-600 hover:bg-slate-100"
        aria-label={t("revealField", { field: fieldLabel })}
      >
        {t("reveal")}
      </button>
      <dialog
        ref={ref}
        onClose={onClose}
        aria-labelledby={`reveal-${field}-${lineId ?? 0}-h`}
        className="m-auto w-96 rounded-lg p-0 shadow-xl backdrop:bg-slate-900/30"
      >
        <form onSubmit={submit} className="space-y-3 p-4">
          <h2 id={`reveal-${field}-${lineId ?? 0}-h`} className="font-semibold">
            {t("revealField", { field: fieldLabel })}
          </h2>
          {value === null ? (
            <>
              <p className="text-xs text-slate-500">{t("revealNotice")}</p>
              <label className="block text-sm">
                <span className="mb-1 block">{t("revealReason")}</span>
                <textarea
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  required
                  minLength={5}
                  maxLength={300}
                  rows={2}
                  className="w-full rounded border border-slate-300 px-2 py-1"
                />
              </label>
            </>
          ) : (
            <p className="text-sm">
              <span className="text-slate-500">{fieldLabel}: </span>
              <output className="font-medium tabular-nums" aria-label={t("revealedValue")}>
                {value}
              </output>
            </p>
          )}
          {error && (
            <p role="alert" className="text-sm text-bad">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={close} className="rounded border border-slate-300 px-3 py-1 text-sm">
              {t("close")}
            </button>
            {value === null && (
              <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1 text-sm text-white disabled:opacity-60">
                {pending ? t("working") : t("revealSubmit")}
              </button>
            )}
          </div>
        </form>
      </dialog>
    </>
  );
}

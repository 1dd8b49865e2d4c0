"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { logInteractionAction } from "@/app/(app)/customers/[id]/actions";
import { CHANNELS, DIRECTIONS, DISPOSITIONS } from "@/lib/interactions/schemas";

type Reason = { code: string; nameZh: string; nameEn: string };

/** "Log interaction" button and form. Shortcut: N (when not typing) opens it. */
export function LogInteractionDialog({ customerId, reasons, lines }: { customerId: number; reasons: Reason[]; lines: Array<{ id: number; label: string }> }) {
  const t = useTranslations("c360");
  const te = useTranslations("errors");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const router = useRouter();
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [pending, start] = useTransition();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement | null;
      const typing = el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
      if ((e.key === "n" || e.key === "N") && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && !document.querySelector("dialog[open]")) {
        e.preventDefault();
        open();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  function open() {
    setError(null);
    setFields({});
    setDone(false);
    ref.current?.showModal();
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const form = e.currentTarget;
    start(async () => {
      const r = await logInteractionAction({
        customerId,
        lineId: f.get("lineId") ? Number(f.get("lineId")) : undefined,
        channel: f.get("channel"),
        direction: f.get("direction"),
        reasonCode: f.get("reasonCode"),
        disposition: f.get("disposition"),
        notes: String(f.get("notes") ?? ""),
        durationSec: Math.round(Number(f.get("durationMin") || 0) * 60),
      });
      if (r.ok) {
        form.reset();
        ref.current?.close();
        setDone(true);
        router.refresh();
      } else {
        setError(te(r.error));
        setFields(r.fields ?? {});
      }
    });
  }

  const sel = "w-full rounded border border-slate-300 px-2 py-1 text-sm";
  const invalid = (k: string) => (fields[k] ? { "aria-invalid": true as const, "aria-describedby": `li-${k}-err` } : {});
  const err = (k: string) =>
    fields[k] ? (
      <span id={`li-${k}-err`} className="text-xs text-bad">
        {t("fieldInvalid")}
      </span>
    ) : null;
  return (
    <>
      <button type="button" onClick={open} className="rounded bg-brand-600 px-3 py-1 text-sm text-white" aria-keyshortcuts="n">
        {t("logInteraction")} <kbd className="ml-1 rounded bg-white/20 px-1 text-xs">N</kbd>
      </button>
      <p role="status" className="sr-only">
        {done ? t("interactionLogged") : ""}
      </p>
      <dialog ref={ref} aria-labelledby="log-h" className="m-auto w-[28rem] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/30">
        <form onSubmit={submit} className="space-y-3 p-4">
          <h2 id="log-h" className="font-semibold">
            {t("logInteraction")}
          </h2>
          <div className="grid grid-cols-2 gap-3 text-sm">
            <label>
              <span className="mb-1 block">{t("channel")}</span>
              <select name="channel" defaultValue="HOTLINE" className={sel}>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {tEnum(`channel.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="mb-1 block">{t("direction")}</span>
              <select name="direction" defaultValue="INBOUND" className={sel}>
                {DIRECTIONS.map((d) => (
                  <option key={d} value={d}>
                    {tEnum(`direction.${d}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="mb-1 block">{t("reason")}</span>
              <select name="reasonCode" required defaultValue="" className={sel} {...invalid("reasonCode")}>
                <option value="" disabled>
                  {t("choose")}
                </option>
                {reasons.map((r) => (
                  <option key={r.code} value={r.code}>
                    {locale === "en" ? r.nameEn : r.nameZh}
                  </option>
                ))}
              </select>
              {err("reasonCode")}
            </label>
            <label>
              <span className="mb-1 block">{t("disposition")}</span>
              <select name="disposition" defaultValue="RESOLVED" className={sel}>
                {DISPOSITIONS.map((d) => (
                  <option key={d} value={d}>
                    {tEnum(`disposition.${d}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="mb-1 block">{t("line")}</span>
              <select name="lineId" defaultValue="" className={sel}>
                <option value="">{t("noLine")}</option>
                {lines.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="mb-1 block">{t("durationMin")}</span>
              <input name="durationMin" type="number" min={0} max={600} step={0.5} defaultValue={0} className={sel} />
            </label>
          </div>
          <label className="block text-sm">
            <span className="mb-1 block">{t("notes")}</span>
            <textarea name="notes" rows={3} maxLength={2000} className={sel} {...invalid("notes")} />
          </label>
          {error && (
            <p role="alert" className="text-sm text-bad">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => ref.current?.close()} className="rounded border border-slate-300 px-3 py-1 text-sm">
              {t("cancel")}
            </button>
            <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1 text-sm text-white disabled:opacity-60">
              {pending ? t("working") : t("save")}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

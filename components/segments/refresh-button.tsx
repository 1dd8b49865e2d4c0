"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { refreshSegmentAction } from "@/app/(app)/segments/actions";

export function RefreshSegmentButton({ id }: { id: number }) {
  const t = useTranslations("segments.detail");
  const te = useTranslations("errors");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <span className="flex items-center gap-2 text-sm">
      <button
        type="button"
        disabled={pending}
        className="rounded bg-brand-600 px-3 py-1.5 text-white disabled:opacity-50"
        onClick={() =>
          start(async () => {
            const r = await refreshSegmentAction(id);
            setMessage(r.ok ? { ok: true, text: t("refreshed", { count: r.data.size, ms: r.data.ms }) } : { ok: false, text: te(r.error) });
            if (r.ok) router.refresh();
          })
        }
      >
        {pending ? t("refreshing") : t("refresh")}
      </button>
      {message && (
        <span role={message.ok ? "status" : "alert"} className={message.ok ? "text-ok" : "text-bad"}>
          {message.text}
        </span>
      )}
    </span>
  );
}

"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { setPinnedAction } from "@/app/(app)/customers/[id]/actions";

export function PinButton({ customerId, pinned: initial }: { customerId: number; pinned: boolean }) {
  const t = useTranslations("c360");
  const [pinned, setPinned] = useState(initial);
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      aria-pressed={pinned}
      disabled={pending}
      onClick={() =>
        start(async () => {
          const r = await setPinnedAction({ customerId, pinned: !pinned });
          if (r.ok) setPinned(r.data.pinned);
        })
      }
      className={`rounded border px-2.5 py-1 text-sm ${pinned ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 hover:bg-slate-100"}`}
    >
      {pinned ? t("unpin") : t("pin")}
    </button>
  );
}

"use client";

import { useRouter, usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { CHANNELS } from "@/lib/interactions/schemas";

/** Channel filter of the timeline; the choice lives in the URL (?channel=…). */
export function TimelineFilter({ channel }: { channel?: string }) {
  const t = useTranslations("c360");
  const tEnum = useTranslations("enums");
  const router = useRouter();
  const path = usePathname();
  return (
    <label className="flex items-center gap-1 text-xs font-normal text-slate-600">
      <span>{t("channel")}</span>
      <select
        value={channel ?? ""}
        onChange={(e) => router.push(e.target.value ? `${path}?channel=${e.target.value}` : path, { scroll: false })}
        className="rounded border border-slate-300 px-1 py-0.5 text-xs"
      >
        <option value="">{t("allChannels")}</option>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {tEnum(`channel.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

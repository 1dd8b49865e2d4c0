"use client";

import { useRouter, usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Select } from "@/components/ui/field";
import { useInteractionOptions } from "@/components/customers/interaction-options";

/** Channel filter of the timeline; the choice lives in the URL (?channel=…). */
export function TimelineFilter({ channel }: { channel?: string }) {
  const t = useTranslations("c360");
  const router = useRouter();
  const path = usePathname();
  return (
    <label className="flex items-center gap-1.5 text-xs text-slate-600">
      {t("channel")}
      <Select
        value={channel ?? ""}
        onChange={(e) => router.push(e.target.value ? `${path}?channel=${e.target.value}` : path, { scroll: false })}
        placeholder={t("allChannels")}
        options={useInteractionOptions().channels}
        className="h-7 w-auto py-0 text-xs"
      />
    </label>
  );
}

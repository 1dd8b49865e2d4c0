"use client";

import { useTranslations } from "next-intl";
import { CHANNELS, DIRECTIONS, DISPOSITIONS } from "@/lib/interactions/schemas";

/** The interaction enums as Select options, labelled through the catalogue (enums.*). */
export function useInteractionOptions() {
  const t = useTranslations("enums");
  return {
    channels: CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) })),
    directions: DIRECTIONS.map((value) => ({ value, label: t(`direction.${value}`) })),
    dispositions: DISPOSITIONS.map((value) => ({ value, label: t(`disposition.${value}`) })),
  };
}

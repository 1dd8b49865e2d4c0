import { getTranslations } from "next-intl/server";

/** A "routed" timeline entry (lib/routing/intake-routing.ts) as a sentence in the page's language. */
export async function routingTimelineText() {
  const t = await getTranslations("routing.timeline");
  return (ev: { outcome?: string; toName?: string | null; skills?: string[] }): string => {
    const skills = ev.skills?.length ? ev.skills.join(", ") : t("anySkill");
    if (ev.outcome === "assigned") return t("assigned", { name: ev.toName ?? "", skills });
    if (ev.outcome === "allAtCapacity") return t("allAtCapacity", { skills });
    return t("noneOnShift", { skills });
  };
}

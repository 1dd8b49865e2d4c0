import { getTranslations } from "next-intl/server";

/** A "routed" timeline entry (lib/routing/intake-routing.ts) as a sentence in the page's language. */
export async function routingTimelineText() {
  const t = await getTranslations("routing.timeline");
  const tg = await getTranslations("enums.memberGrade");
  return (ev: { outcome?: string; toName?: string | null; skills?: string[]; hotline?: { memberGrade?: string } }): string => {
    const skills = ev.skills?.length ? ev.skills.join(", ") : t("anySkill");
    let text: string;
    if (ev.outcome === "assigned") text = t("assigned", { name: ev.toName ?? "", skills });
    else if (ev.outcome === "allAtCapacity") text = t("allAtCapacity", { skills });
    else text = t("noneOnShift", { skills });
    // A member's dedicated hotline team (issue 23): why it went there.
    const grade = ev.hotline?.memberGrade;
    return grade && tg.has(grade) ? `${t("hotline", { grade: tg(grade) })} · ${text}` : text;
  };
}

import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { CustomerMembershipView } from "@/lib/membership/queries";
import { TierBadge } from "@/components/value/tier-badge";

/** The 360 header's member grade: the grade, since when, the grace period if one runs, the hotline team. */
export async function MemberGradeBadge({ membership }: { membership: CustomerMembershipView | null }) {
  if (!membership) return null;
  const [t, tEnum, format, locale] = await Promise.all([getTranslations("membership.c360"), getTranslations("enums"), getFormatter(), getLocale()]);
  const day = (d: string) => format.dateTime(new Date(`${d}T00:00:00+08:00`), { dateStyle: "medium" });
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-xs text-slate-600" data-testid="member-grade">
      <TierBadge tier={membership.grade} label={tEnum(`memberGrade.${membership.grade}`)} />
      <span>{t("since", { date: day(membership.since) })}</span>
      {membership.graceUntil && (
        <span className="text-warn" title={t("graceHint", { grade: tEnum(`memberGrade.${membership.computedGrade}`) })}>
          {t("graceUntil", { date: day(membership.graceUntil) })}
        </span>
      )}
      {membership.hotlineTeam && <span>{t("hotline", { team: locale === "en" ? membership.hotlineTeam.en : membership.hotlineTeam.zh })}</span>}
    </span>
  );
}

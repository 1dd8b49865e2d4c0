import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { CustomerValue } from "@/lib/scoring/queries";
import { TierBadge } from "@/components/value/tier-badge";
import { Section } from "@/components/ui/card";

const RATIO = new Set(["arpu_trend", "usage_change"]);
const BAND_STYLE: Record<string, string> = { LOW: "text-ok", MEDIUM: "text-warn", HIGH: "text-bad" };

/** 360 view: value tier and score, churn band with the factors behind it, next-best offer. */
export async function CustomerValuePanel({ actor, value: v }: { actor: Actor; value: CustomerValue | null }) {
  if (!can(actor, "value:read")) return null;
  const t = await getTranslations("value");
  const te = await getTranslations("enums");
  const format = await getFormatter();
  const locale = await getLocale();
  return (
    <Section id="value" title={t("panel.title")} className="@container">
      {!v ? (
        <p className="text-sm text-slate-500">{t("panel.notScored")}</p>
      ) : (
        <div className="grid gap-3 text-sm @xl:grid-cols-3">
          <div>
            <div className="flex items-center gap-2">
              <TierBadge tier={v.tier} label={te(`valueTier.${v.tier}`)} />
              <span className="text-lg font-semibold tabular-nums" aria-label={t("panel.scoreLabel")}>
                {v.score.toFixed(1)}
              </span>
              <span className="text-slate-500">/ 100</span>
            </div>
            <dl className="mt-1 text-xs text-slate-600">
              <div className="flex gap-2">
                <dt>{t("panel.lifecycle")}</dt>
                <dd>{t(`lifecycle.${v.lifecycleStage}`)}</dd>
              </div>
              <div className="flex gap-2">
                <dt>{t("panel.rfm")}</dt>
                <dd className="tabular-nums">{v.rfmCode}</dd>
              </div>
              <div className="flex gap-2">
                <dt>{t("panel.clv")}</dt>
                <dd className="tabular-nums">¥{format.number(v.clv, { maximumFractionDigits: 0 })}</dd>
              </div>
            </dl>
          </div>
          <div>
            <div className="font-medium">
              {t("panel.churn")}:{" "}
              {v.churnBand ? (
                <span className={BAND_STYLE[v.churnBand]}>
                  {t(`band.${v.churnBand}`)} ({format.number(v.churnProbability ?? 0, { style: "percent" })})
                </span>
              ) : (
                <span className="text-slate-500">{t("panel.noChurn")}</span>
              )}
            </div>
            {v.churnFactors.length > 0 && (
              <ul className="mt-1 list-inside list-disc text-xs text-slate-600" aria-label={t("panel.reasons")}>
                {v.churnFactors.map((f) => (
                  <li key={f.feature}>{t(`reason.${f.feature}`, { value: RATIO.has(f.feature) ? format.number(f.value, { style: "percent", signDisplay: "exceptZero" }) : f.value })}</li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <div className="font-medium">{t("panel.offer")}</div>
            <p className="mt-1">{v.offer ? (locale === "en" ? v.offer.nameEn : v.offer.nameZh) : <span className="text-slate-500">{t("panel.noOffer")}</span>}</p>
          </div>
        </div>
      )}
    </Section>
  );
}

import { getFormatter, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { ResponseRow } from "@/lib/surveys/queries";
import { Badge, EmptyState, Section } from "@/components/ui/card";

const SCALE = { CSAT: " / 5", NPS: " / 10", CSI: " / 100" } as Record<string, string>;

/** Survey answers on a complaint or a customer (360 view); detractors are marked. */
export async function SurveyResponsesPanel({ actor, rows, onComplaint }: { actor: Actor; rows: ResponseRow[]; onComplaint?: boolean }) {
  if (!onComplaint ? !can(actor, "customer:read") : !can(actor, "complaint:read")) return null;
  const [t, format] = await Promise.all([getTranslations("surveys.panel"), getFormatter()]);
  return (
    <Section title={t("title")} id="survey-panel" flush>
      {rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-2 px-3.5 py-2">
              <span className="font-medium tabular-nums">
                {r.kind} {r.score ?? (r.csiScore === null ? "—" : r.csiScore.toFixed(0))}
                {SCALE[r.kind]}
              </span>
              {r.isDetractor && <Badge tone="bad">{t("detractor")}</Badge>}
              <span className="text-xs text-slate-500">{format.dateTime(r.answeredAt, { dateStyle: "short", timeStyle: "short" })}</span>
              {r.comment && <p className="w-full break-words text-slate-700">“{r.comment}”</p>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

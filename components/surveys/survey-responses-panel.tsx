import { getFormatter, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { ResponseRow } from "@/lib/surveys/queries";

/** Survey answers on a complaint or a customer (360 view); detractors are marked. */
export async function SurveyResponsesPanel({ actor, rows, onComplaint }: { actor: Actor; rows: ResponseRow[]; onComplaint?: boolean }) {
  if (!onComplaint ? !can(actor, "customer:read") : !can(actor, "complaint:read")) return null;
  const t = await getTranslations("surveys.panel");
  const format = await getFormatter();
  return (
    <section className="card" aria-labelledby="survey-panel-h">
      <h2 id="survey-panel-h" className="card-title">
        {t("title")}
      </h2>
      {rows.length === 0 ? (
        <p className="p-3 text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-2 px-3 py-2">
              <span className="font-medium tabular-nums">
                {r.kind} {r.score ?? (r.csiScore === null ? "—" : r.csiScore.toFixed(0))}
                {r.kind === "CSAT" ? " / 5" : r.kind === "NPS" ? " / 10" : " / 100"}
              </span>
              {r.isDetractor && <span className="rounded bg-red-50 px-1.5 text-xs text-red-800">{t("detractor")}</span>}
              <span className="text-xs text-slate-500">{format.dateTime(r.answeredAt, { dateStyle: "short", timeStyle: "short" })}</span>
              {r.comment && <p className="w-full text-slate-700">“{r.comment}”</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

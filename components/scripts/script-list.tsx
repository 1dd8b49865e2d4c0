import { getTranslations } from "next-intl/server";
import type { RenderedScript } from "@/lib/scripts/queries";
import { EmptyState } from "@/components/ui/card";

/**
 * Standard scripts as the agent reads them, one per stage in the call's order: the filled values
 * are marked, a value this page does not know shows its placeholder's name. Plain text: React
 * escapes every value (docs/scripts-and-palette.md).
 */
export async function ScriptList({ scripts, emptyText, highlight }: { scripts: RenderedScript[]; emptyText?: string; highlight?: RenderedScript["stage"] }) {
  const [t, te] = await Promise.all([getTranslations("scripts"), getTranslations("enums.scriptStage")]);
  if (!scripts.length) return <EmptyState>{emptyText ?? t("none")}</EmptyState>;
  return (
    <ol className="space-y-3">
      {scripts.map((s) => (
        <li key={s.stage} aria-label={te(s.stage)} data-stage={s.stage}>
          <div className="flex flex-wrap items-baseline gap-x-2">
            <h3 className="text-xs font-semibold text-slate-700">{te(s.stage)}</h3>
            <span className="text-xs text-slate-500">
              {s.name || t("categoryReply")}
              {s.match !== "general" && ` · ${t(`match.${s.match}`)}`}
            </span>
          </div>
          <blockquote
            className={
              s.stage === highlight
                ? "mt-1 rounded border-l-4 border-brand-600 bg-slate-50 px-3 py-2 text-base leading-relaxed break-words whitespace-pre-line"
                : "mt-1 rounded border-l-4 border-slate-200 px-3 py-1.5 text-sm leading-relaxed break-words whitespace-pre-line"
            }
          >
            {s.segments.map((seg, i) =>
              seg.kind === "text" ? (
                <span key={i}>{seg.text}</span>
              ) : seg.kind === "value" ? (
                <strong key={i} className="font-semibold text-brand-700" data-placeholder={seg.name}>
                  {seg.text}
                </strong>
              ) : (
                <span key={i} className="rounded bg-slate-100 px-1 text-slate-700" title={t("missing")}>
                  {t(`placeholder.${seg.name}`)}
                </span>
              ),
            )}
          </blockquote>
        </li>
      ))}
    </ol>
  );
}

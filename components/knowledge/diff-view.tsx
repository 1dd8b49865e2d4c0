import type { DiffOp } from "@/lib/knowledge/text";
import { cn } from "@/components/ui/cn";

/** A line diff: removed lines struck through on red, added ones on green, the rest plain. */
export function DiffView({ label, ops, addedLabel, removedLabel, emptyLabel, lang }: { label: string; ops: DiffOp[]; addedLabel: string; removedLabel: string; emptyLabel: string; lang?: string }) {
  const changed = ops.some((o) => o.op !== "same");
  return (
    <section aria-label={label} className="space-y-1">
      <h3 className="text-xs font-semibold text-slate-700">{label}</h3>
      {!changed ? (
        <p className="text-xs text-slate-500">{emptyLabel}</p>
      ) : (
        <ul lang={lang} className="space-y-0.5 text-sm">
          {ops.map((o, i) => (
            <li key={i} className={cn("rounded px-2 py-0.5", o.op === "added" && "bg-emerald-50 text-emerald-900", o.op === "removed" && "bg-red-50 text-red-900 line-through")}>
              {o.op !== "same" && <span className="sr-only">{o.op === "added" ? addedLabel : removedLabel}: </span>}
              <span aria-hidden="true" className="mr-1 inline-block w-3 font-mono text-slate-500">
                {o.op === "added" ? "+" : o.op === "removed" ? "−" : ""}
              </span>
              {o.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import Link from "next/link";
import { cn } from "@/components/ui/cn";

export interface FilterChip {
  label: React.ReactNode;
  href: string;
  /** Shown as chosen (announced as the current choice). */
  selected: boolean;
}

/**
 * A row of filter chips that are links (the filter lives in the URL, so it works without script
 * and the back button undoes it). Each chip's href says what choosing it does (toggle a kind, "all").
 */
export function FilterChips({ label, chips, className }: { label: string; chips: FilterChip[]; className?: string }) {
  return (
    <nav aria-label={label} className={cn("flex flex-wrap items-center gap-1.5", className)}>
      {chips.map((c) => (
        <Link
          key={c.href}
          href={c.href}
          scroll={false}
          aria-current={c.selected ? "true" : undefined}
          className={cn(
            "inline-flex items-center rounded-full border px-2 py-0.5 text-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
            c.selected ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-slate-300 text-slate-700 hover:bg-slate-50",
          )}
        >
          {c.label}
        </Link>
      ))}
    </nav>
  );
}

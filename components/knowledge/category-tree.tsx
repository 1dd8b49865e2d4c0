import Link from "next/link";
import type { KbCategoryNode } from "@/lib/knowledge/queries";
import { cn } from "@/components/ui/cn";

/** The category tree as links (the chosen one is the current page's filter). */
export function CategoryTree({ label, allLabel, categories, selected, locale, hrefOf }: { label: string; allLabel: string; categories: KbCategoryNode[]; selected?: number; locale: string; hrefOf: (id?: number) => string }) {
  const item = "block rounded px-2 py-1 text-sm hover:bg-slate-100";
  return (
    <nav aria-label={label}>
      <ul className="space-y-0.5">
        <li>
          <Link href={hrefOf()} aria-current={selected ? undefined : "page"} className={cn(item, !selected && "bg-brand-50 font-medium text-brand-700")}>
            {allLabel}
          </Link>
        </li>
        {categories.map((c) => (
          <li key={c.id} style={{ paddingLeft: `${c.depth * 0.75}rem` }}>
            <Link href={hrefOf(c.id)} aria-current={selected === c.id ? "page" : undefined} className={cn(item, "flex justify-between gap-2", selected === c.id && "bg-brand-50 font-medium text-brand-700")}>
              <span>{locale === "en" ? c.nameEn : c.nameZh}</span>
              <span className="tabular-nums text-xs text-slate-500">{c.articleCount}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

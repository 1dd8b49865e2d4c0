import Link from "next/link";
import { cn } from "@/components/ui/cn";

export interface LinkTab {
  href: string;
  label: React.ReactNode;
  current: boolean;
  /** A count shown after the label (queue sizes). */
  count?: number | string;
}

/** Tabs that are places (their state lives in the URL): a nav of links, the current one marked. */
export function LinkTabs({ label, tabs, className }: { label: string; tabs: LinkTab[]; className?: string }) {
  return (
    <nav aria-label={label} className={cn("flex flex-wrap gap-1 border-b border-slate-200", className)}>
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.current ? "page" : undefined}
          className={cn("-mb-px inline-flex items-center gap-1.5 border-b-2 px-3 py-1.5 text-sm", tab.current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900")}
        >
          {tab.label}
          {tab.count !== undefined && <span className="rounded-full bg-slate-100 px-1.5 text-xs tabular-nums text-slate-600">{tab.count}</span>}
        </Link>
      ))}
    </nav>
  );
}

export { Tabs, TabPanel } from "@/components/ui/tabs-client";

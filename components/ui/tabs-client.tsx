"use client";

import * as RadixTabs from "@radix-ui/react-tabs";
import { cn } from "@/components/ui/cn";

/** In-page tabs (Radix: arrow keys move between tabs). Panels are <TabPanel value=…>. */
export function Tabs({ label, items, defaultValue, value, onValueChange, children, className }: { label: string; items: ReadonlyArray<{ value: string; label: React.ReactNode }>; defaultValue?: string; value?: string; onValueChange?: (v: string) => void; children: React.ReactNode; className?: string }) {
  return (
    <RadixTabs.Root defaultValue={defaultValue ?? items[0]?.value} value={value} onValueChange={onValueChange} className={className}>
      <RadixTabs.List aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200">
        {items.map((i) => (
          <RadixTabs.Trigger key={i.value} value={i.value} className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-slate-600 hover:text-slate-900 data-[state=active]:border-brand-600 data-[state=active]:font-medium data-[state=active]:text-brand-700">
            {i.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {children}
    </RadixTabs.Root>
  );
}

export function TabPanel({ value, className, children }: { value: string; className?: string; children: React.ReactNode }) {
  return (
    <RadixTabs.Content value={value} className={cn("pt-3", className)}>
      {children}
    </RadixTabs.Content>
  );
}

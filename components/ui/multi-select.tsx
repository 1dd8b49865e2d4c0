"use client";

import { useId, useState } from "react";
import * as Popover from "@radix-ui/react-popover";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Checkbox, CONTROL } from "@/components/ui/field";

export interface MultiSelectOption {
  value: string;
  label: string;
}

/** From this many options on, the list gets a filter box. */
const FILTER_FROM = 8;

/**
 * A choice of several options: a button that names what is chosen ("Gold, Diamond") and opens a
 * list of checkboxes (Space or a click toggles one; with many options, type to filter). Replaces
 * the native `<select multiple>`, which needs Ctrl-click and hides what is chosen. The values
 * travel in hidden inputs named `name` (one per value) for plain forms, or through `onChange`.
 */
export function MultiSelect({
  id,
  name,
  label,
  options,
  value,
  defaultValue,
  onChange,
  placeholder,
  className,
  ...aria
}: {
  id?: string;
  name?: string;
  /** What is being chosen (the accessible name after the visible summary, and the list's label). */
  label: string;
  options: MultiSelectOption[];
  value?: string[];
  defaultValue?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  className?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}) {
  const t = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [inner, setInner] = useState<string[]>(defaultValue ?? []);
  const [filter, setFilter] = useState("");
  const current = value ?? inner;
  const listId = useId();
  const chosen = options.filter((o) => current.includes(o.value));
  const summary = chosen.length ? chosen.map((o) => o.label).join(", ") : (placeholder ?? t("choose"));
  const toggle = (v: string, on: boolean) => {
    // Keep the options' order, whatever the order of the clicks.
    const next = options.map((o) => o.value).filter((x) => (x === v ? on : current.includes(x)));
    setInner(next);
    onChange?.(next);
  };
  const shown = filter ? options.filter((o) => `${o.label} ${o.value}`.toLowerCase().includes(filter.toLowerCase())) : options;
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      {name && current.map((v) => <input key={v} type="hidden" name={name} value={v} />)}
      <Popover.Trigger asChild>
        <button
          type="button"
          id={id}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          // Visible text first: the summary the person sees, then what it is.
          aria-label={`${summary}, ${label}`}
          className={cn(CONTROL, "flex max-w-72 items-center justify-between text-left", !chosen.length && "text-slate-500", className)}
          {...aria}
        >
          <span className="truncate" title={summary}>
            {summary}
          </span>
          <span aria-hidden className="ml-2 text-slate-500">
            ▾
          </span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} aria-label={label} className="z-50 w-[var(--radix-popover-trigger-width)] min-w-56 rounded-md border border-slate-200 bg-white shadow-lg">
          {options.length >= FILTER_FROM && (
            <input
              autoFocus
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder={t("typeToFilter")}
              aria-label={t("typeToFilter")}
              className="w-full border-b border-slate-100 px-2 py-1.5 text-sm outline-none"
            />
          )}
          <fieldset id={listId} className="max-h-64 overflow-y-auto p-1 text-sm">
            <legend className="sr-only">{label}</legend>
            {shown.length === 0 && <p className="px-2 py-1.5 text-slate-500">{t("noMatch")}</p>}
            {shown.map((o) => (
              <label key={o.value} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 hover:bg-brand-50">
                <Checkbox checked={current.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} autoFocus={options.length < FILTER_FROM && o === shown[0]} />
                <span>{o.label}</span>
              </label>
            ))}
          </fieldset>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

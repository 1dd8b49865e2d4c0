"use client";

import { useId, useState } from "react";
import * as Popover from "@radix-ui/react-popover";
import { Command } from "cmdk";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { CONTROL } from "@/components/ui/field";

export interface ComboboxOption {
  value: string;
  label: string;
  /** A heading the option is listed under (e.g. the parent category). */
  group?: string;
  /** More words it is found by (codes, pinyin, the English name). */
  keywords?: string[];
  disabled?: boolean;
}

/**
 * Type-to-filter choice of one option; the value travels in a hidden input named `name`, so it
 * works inside plain forms. No default: an empty combobox says so, it never picks for the person.
 */
export function Combobox({ id, name, options, value, defaultValue, onChange, placeholder, searchPlaceholder, emptyText, disabled, className, autoFocus, ...aria }: { id?: string; name?: string; options: ComboboxOption[]; value?: string; defaultValue?: string; onChange?: (value: string) => void; placeholder?: string; searchPlaceholder?: string; emptyText?: string; disabled?: boolean; className?: string; autoFocus?: boolean; "aria-describedby"?: string; "aria-invalid"?: boolean; "aria-required"?: boolean }) {
  const t = useTranslations("common");
  const [open, setOpen] = useState(false);
  const [inner, setInner] = useState(defaultValue ?? "");
  const current = value ?? inner;
  const selected = options.find((o) => o.value === current);
  const listId = useId();
  const groups = [...new Set(options.map((o) => o.group ?? ""))];
  const choose = (v: string) => {
    setInner(v);
    onChange?.(v);
    setOpen(false);
  };
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      {name && <input type="hidden" name={name} value={current} />}
      <Popover.Trigger asChild disabled={disabled}>
        <button type="button" id={id} autoFocus={autoFocus} role="combobox" aria-expanded={open} aria-controls={listId} className={cn(CONTROL, "flex items-center justify-between text-left", !selected && "text-slate-500", className)} {...aria}>
          <span className="truncate">{selected?.label ?? placeholder ?? t("choose")}</span>
          <span aria-hidden className="ml-2 text-slate-500">
            ▾
          </span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 w-[var(--radix-popover-trigger-width)] min-w-56 rounded-md border border-slate-200 bg-white shadow-lg">
          <Command label={placeholder ?? t("choose")} filter={(itemValue, search, keywords) => (`${itemValue} ${(keywords ?? []).join(" ")}`.toLowerCase().includes(search.toLowerCase()) ? 1 : 0)}>
            <Command.Input autoFocus placeholder={searchPlaceholder ?? t("typeToFilter")} className="w-full border-b border-slate-100 px-2 py-1.5 text-sm outline-none" />
            <Command.List id={listId} className="max-h-64 overflow-y-auto p-1 text-sm">
              <Command.Empty className="px-2 py-1.5 text-slate-500">{emptyText ?? t("noMatch")}</Command.Empty>
              {groups.map((g) => (
                <Command.Group key={g} heading={g || undefined} className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-slate-500">
                  {options
                    .filter((o) => (o.group ?? "") === g)
                    .map((o) => (
                      <Command.Item key={o.value} value={`${o.label} ${o.value}`} keywords={[...(o.keywords ?? []), g]} disabled={o.disabled} onSelect={() => choose(o.value)} className="cursor-pointer rounded px-2 py-1 data-[disabled=true]:cursor-not-allowed data-[disabled=true]:opacity-50 data-[selected=true]:bg-brand-50" aria-selected={o.value === current}>
                        {o.label}
                      </Command.Item>
                    ))}
                </Command.Group>
              ))}
            </Command.List>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

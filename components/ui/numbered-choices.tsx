"use client";

import type { ReactNode } from "react";
import { Kbd } from "@/components/ui/kbd";
import { cn } from "@/components/ui/cn";

/**
 * A required choice among a few options, each numbered for the keyboard (1, 2, 3…): the outcome of
 * a call or a care task. The component renders the radio group, its key hint and its error; the
 * page's own shortcut handler maps the digit keys to `onChange` (the keys depend on the page).
 * `id` names the hint (`<id>-keys`) and the error (`<id>-error`) the group is described by.
 */
export function NumberedChoices<T extends string>({
  id,
  name,
  legend,
  options,
  value,
  onChange,
  keysHint,
  error,
  className,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  options: ReadonlyArray<{ value: T; label: ReactNode }>;
  value: T | null;
  onChange: (value: T) => void;
  keysHint: ReactNode;
  error?: ReactNode;
  /** The grid's columns (default two). */
  className?: string;
}) {
  return (
    <fieldset aria-describedby={`${id}-keys ${id}-error`}>
      <legend className="mb-1 text-xs font-medium text-slate-700">
        {legend}
        <span aria-hidden className="text-bad">
          {" "}
          *
        </span>
      </legend>
      <div className={cn("grid grid-cols-2 gap-1.5", className)}>
        {options.map((o, i) => (
          <label
            key={o.value}
            className={cn(
              "flex cursor-pointer items-center gap-2 rounded border px-2 py-1.5 text-sm",
              value === o.value ? "border-brand-600 bg-brand-50 font-medium" : "border-slate-300 bg-white hover:bg-slate-50",
            )}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              aria-keyshortcuts={String(i + 1)}
              onChange={() => onChange(o.value)}
              className="size-4 accent-brand-600"
            />
            <span aria-hidden>
              <Kbd>{i + 1}</Kbd>
            </span>
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <p id={`${id}-keys`} className="mt-1 text-xs text-slate-500">
        {keysHint}
      </p>
      <p id={`${id}-error`} aria-live="polite" className={cn("text-xs text-bad", error ? "mt-0.5" : "sr-only")}>
        {error}
      </p>
    </fieldset>
  );
}

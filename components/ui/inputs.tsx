"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { CONTROL } from "@/components/ui/field";

/** The live "123 / 200" under a limited field; announced politely near the limit only. */
function Counter({ length, max, id }: { length: number; max: number; id?: string }) {
  const t = useTranslations("common");
  const near = length >= max * 0.9;
  return (
    <span id={id ? `${id}-count` : undefined} aria-live={near ? "polite" : "off"} className={cn("block text-right text-xs tabular-nums", length >= max ? "text-bad" : near ? "text-warn" : "text-slate-400")}>
      {t("charCount", { count: length, max })}
    </span>
  );
}

/** The length the counter shows: a controlled field's value, else what was typed since the last
 *  render or form reset (a reset restores the default without an input event). */
function useLength(id: string | undefined, value: unknown, defaultValue: unknown) {
  const [typed, setTyped] = useState(String(value ?? defaultValue ?? "").length);
  useEffect(() => {
    const form = id ? (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.form : null;
    if (!form) return;
    const onReset = () => setTyped(String(defaultValue ?? "").length);
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, [id, defaultValue]);
  return [value !== undefined ? String(value).length : typed, setTyped] as const;
}

/** A text input; with `maxLength` it shows a character counter (the browser stops at the limit). */
export function TextInput({ className, maxLength, counter = maxLength !== undefined, onChange, defaultValue, value, ...rest }: React.ComponentProps<"input"> & { counter?: boolean }) {
  const [length, setLength] = useLength(rest.id, value, defaultValue);
  return (
    <>
      <input
        className={cn(CONTROL, className)}
        maxLength={maxLength}
        defaultValue={defaultValue}
        value={value}
        onChange={(e) => {
          setLength(e.currentTarget.value.length);
          onChange?.(e);
        }}
        {...rest}
      />
      {counter && maxLength !== undefined && <Counter length={length} max={maxLength} id={rest.id} />}
    </>
  );
}

/** A text area that wraps long unbroken text; with `maxLength` it shows a character counter. */
export function TextArea({ className, maxLength, counter = maxLength !== undefined, onChange, defaultValue, value, rows = 3, ...rest }: React.ComponentProps<"textarea"> & { counter?: boolean }) {
  const [length, setLength] = useLength(rest.id, value, defaultValue);
  return (
    <>
      <textarea
        className={cn(CONTROL, "break-words", className)}
        rows={rows}
        maxLength={maxLength}
        defaultValue={defaultValue}
        value={value}
        onChange={(e) => {
          setLength(e.currentTarget.value.length);
          onChange?.(e);
        }}
        {...rest}
      />
      {counter && maxLength !== undefined && <Counter length={length} max={maxLength} id={rest.id} />}
    </>
  );
}

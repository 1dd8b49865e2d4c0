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
    <span id={id ? `${id}-count` : undefined} aria-live={near ? "polite" : "off"} className={cn("block text-right text-xs tabular-nums", length >= max ? "text-bad" : near ? "text-warn" : "text-slate-500")}>
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

type Counted<E> = { maxLength?: number; counter?: boolean; onChange?: React.ChangeEventHandler<E>; defaultValue?: unknown; value?: unknown; id?: string };

/** The props a counted control passes on, and its counter (shown with `maxLength` unless `counter={false}`). */
function useCounted<E extends HTMLInputElement | HTMLTextAreaElement>({ maxLength, counter = maxLength !== undefined, onChange, defaultValue, value, id }: Counted<E>) {
  const [length, setLength] = useLength(id, value, defaultValue);
  const handle: React.ChangeEventHandler<E> = (e) => {
    setLength(e.currentTarget.value.length);
    onChange?.(e);
  };
  return { onChange: handle, counterNode: counter && maxLength !== undefined ? <Counter length={length} max={maxLength} id={id} /> : null };
}

/** A text input; with `maxLength` it shows a character counter (the browser stops at the limit). */
export function TextInput({ className, counter, onChange, ...rest }: React.ComponentProps<"input"> & { counter?: boolean }) {
  const counted = useCounted<HTMLInputElement>({ ...rest, counter, onChange });
  return (
    <>
      <input className={cn(CONTROL, className)} {...rest} onChange={counted.onChange} />
      {counted.counterNode}
    </>
  );
}

/** A text area that wraps long unbroken text; with `maxLength` it shows a character counter. */
export function TextArea({ className, counter, onChange, rows = 3, ...rest }: React.ComponentProps<"textarea"> & { counter?: boolean }) {
  const counted = useCounted<HTMLTextAreaElement>({ ...rest, counter, onChange });
  return (
    <>
      <textarea className={cn(CONTROL, "break-words", className)} rows={rows} {...rest} onChange={counted.onChange} />
      {counted.counterNode}
    </>
  );
}

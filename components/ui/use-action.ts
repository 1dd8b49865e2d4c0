"use client";

import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

// The client half of the action pipeline (lib/shared/action.ts): runs an action, keeps its
// pending state, field errors and error text, toasts success, refreshes the page's data, and puts
// focus back on the control that started it (not the top of the page).

export type ActionOutcome<T> = { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string> };

/** Translates an action error code: every code is a key under "errors." ("conflict", or a
 *  domain's own such as "complaint.illegalTransition"). */
export function useErrorText() {
  const t = useTranslations("errors");
  return useCallback((code: string) => (t.has(code) ? t(code) : t("generic")), [t]);
}

export interface UseActionOptions<T> {
  /** Toasted on success (already translated). */
  success?: string | ((data: T) => string);
  /** Re-render the server components of the page after success (default true). */
  refresh?: boolean;
  onSuccess?: (data: T) => void;
}

export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<ActionOutcome<T>>, options: UseActionOptions<T> = {}) {
  const router = useRouter();
  const errorText = useErrorText();
  const tf = useTranslations("errors.field");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });
  // Focus stays with the work: back on the control that started the action, if it is still there,
  // once it is no longer pending (a pending Button is disabled, and a disabled control takes no focus).
  const refocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const trigger = refocus.current;
    if (pending || !trigger) return;
    refocus.current = null;
    if (trigger.isConnected && trigger !== document.body) trigger.focus({ preventScroll: true });
  }, [pending]);

  const run = useCallback(
    (...args: A) =>
      new Promise<ActionOutcome<T>>((resolve) => {
        const trigger = typeof document !== "undefined" ? (document.activeElement as HTMLElement | null) : null;
        startTransition(async () => {
          let r: ActionOutcome<T>;
          try {
            r = await fn(...args);
          } catch {
            r = { ok: false, error: "generic" };
          }
          const o = optionsRef.current;
          if (r.ok) {
            setError(null);
            setFields({});
            const message = typeof o.success === "function" ? o.success(r.data) : o.success;
            if (message) toast.success(message);
            o.onSuccess?.(r.data);
            if (o.refresh !== false) router.refresh();
          } else {
            setError(errorText(r.error));
            setFields(r.fields ?? {});
          }
          refocus.current = trigger;
          resolve(r);
        });
      }),
    [fn, router, errorText],
  );

  /** The translated error of one field, or undefined. */
  const fieldError = useCallback((name: string) => (fields[name] ? (tf.has(fields[name]) ? tf(fields[name]) : tf("invalid")) : undefined), [fields, tf]);
  const reset = useCallback(() => {
    setError(null);
    setFields({});
  }, []);
  return { run, pending, error, fields, fieldError, reset };
}

"use client";

import { useAction, type ActionOutcome, type UseActionOptions } from "@/components/ui/use-action";
import { Alert } from "@/components/ui/card";

/**
 * A form that submits to a pipeline action as FormData and shows its outcome: the error above
 * the fields, field errors through `children` (a render function gets `fieldError`), a toast on
 * success. For forms whose fields are plain inputs; complex editors call useAction directly.
 * Ctrl/⌘+Enter submits from any field (a textarea or a select included): the hands stay on the keys.
 */
export function ActionForm<T>({ action, children, className, resetOnSuccess, id, "aria-label": ariaLabel, ...options }: UseActionOptions<T> & { action: (form: FormData) => Promise<ActionOutcome<T>>; children: (state: { pending: boolean; fieldError: (name: string) => string | undefined }) => React.ReactNode; className?: string; resetOnSuccess?: boolean; id?: string; "aria-label"?: string }) {
  const { run, pending, error, fieldError } = useAction(action, options);
  return (
    <form
      id={id}
      aria-label={ariaLabel}
      className={className}
      noValidate
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !pending) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        void run(new FormData(form)).then((r) => {
          if (r.ok && resetOnSuccess) form.reset();
        });
      }}
    >
      {error && <Alert tone="error" className="mb-2">{error}</Alert>}
      {children({ pending, fieldError })}
    </form>
  );
}

import { Children, cloneElement, isValidElement, type ReactElement } from "react";
import { cn } from "@/components/ui/cn";

export const CONTROL = "w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-bad disabled:bg-slate-50";

interface ControlProps {
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
  "aria-required"?: boolean;
}

/**
 * A labelled control: label, hint, and an error that screen readers announce. It gives its one
 * child control the id, aria-describedby and aria-invalid, so a page writes
 *   <Field id="summary" label={t("summary")} error={fieldError("summary")}><TextArea name="summary" maxLength={200} /></Field>
 */
export function Field({ id, label, hint, error, required, inline, className, children }: { id: string; label: React.ReactNode; hint?: React.ReactNode; error?: React.ReactNode; required?: boolean; inline?: boolean; className?: string; children: ReactElement<ControlProps> }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const control = Children.only(children);
  const described = [hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  const enhanced = isValidElement(control) ? cloneElement(control, { id, "aria-describedby": described, "aria-invalid": error ? true : undefined, "aria-required": required || undefined }) : control;
  if (inline) {
    return (
      <div className={cn("text-sm", className)}>
        <label htmlFor={id} className="inline-flex items-center gap-2">
          {enhanced}
          <span>{label}</span>
        </label>
        <FieldMessages hintId={hintId} hint={hint} errorId={errorId} error={error} />
      </div>
    );
  }
  return (
    <div className={cn("min-w-0 text-sm", className)}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
        {required && (
          <span aria-hidden className="text-bad">
            {" "}
            *
          </span>
        )}
      </label>
      {enhanced}
      <FieldMessages hintId={hintId} hint={hint} errorId={errorId} error={error} />
    </div>
  );
}

function FieldMessages({ hintId, hint, errorId, error }: { hintId?: string; hint?: React.ReactNode; errorId: string; error?: React.ReactNode }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <p id={errorId} aria-live="polite" className={cn("text-xs text-bad", error ? "mt-0.5" : "sr-only")}>
        {error}
      </p>
    </>
  );
}

/** A native select with the kit's look (accessible everywhere, type-ahead by first letter). */
export function Select({ options, placeholder, className, ...rest }: React.ComponentProps<"select"> & { options: ReadonlyArray<{ value: string | number; label: string; disabled?: boolean }>; placeholder?: string }) {
  return (
    <select className={cn(CONTROL, "pr-6", className)} {...rest}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Checkbox({ className, ...rest }: Omit<React.ComponentProps<"input">, "type">) {
  return <input type="checkbox" className={cn("size-4 rounded border-slate-300 accent-brand-600", className)} {...rest} />;
}

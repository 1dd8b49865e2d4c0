import { cn } from "@/components/ui/cn";

/** A white panel. */
export function Card({ className, children, ...rest }: React.ComponentProps<"div">) {
  return (
    <div className={cn("rounded-lg border border-slate-200 bg-white", className)} {...rest}>
      {children}
    </div>
  );
}

/**
 * A titled card: the title is the section's accessible name. `actions` sit on the title row
 * (buttons, links); `flush` drops the body padding for tables that reach the edges.
 */
export function Section({ title, description, actions, id, flush, className, children }: { title: React.ReactNode; description?: React.ReactNode; actions?: React.ReactNode; id?: string; flush?: boolean; className?: string; children: React.ReactNode }) {
  const headingId = id ? `${id}-h` : undefined;
  return (
    <section id={id} aria-labelledby={headingId} className={cn("rounded-lg border border-slate-200 bg-white", className)}>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3.5 py-2">
        <h2 id={headingId} className="text-sm font-semibold text-slate-700">
          {title}
        </h2>
        {description && <p className="text-xs text-slate-500">{description}</p>}
        {actions && <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      <div className={flush ? "overflow-x-auto" : "p-3.5"}>{children}</div>
    </section>
  );
}

/** The page's title row: one h1, an optional line under it, actions on the right. */
export function PageHeader({ title, description, actions, children }: { title: React.ReactNode; description?: React.ReactNode; actions?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
      <div className="min-w-0 max-w-full">
        <h1 className="text-xl font-semibold break-words">{title}</h1>
        {description && <p className="text-sm break-words text-slate-600">{description}</p>}
      </div>
      {children}
      {actions && <div className="ml-auto flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

/** What to do when a list is empty: one sentence and, where there is one, the next step. */
export function EmptyState({ children, action, className }: { children: React.ReactNode; action?: React.ReactNode; className?: string }) {
  return (
    <div className={cn("flex flex-wrap items-center gap-3 p-4 text-sm text-slate-500", className)}>
      <p>{children}</p>
      {action}
    </div>
  );
}

export type AlertTone = "info" | "success" | "warning" | "error";
const TONES: Record<AlertTone, string> = {
  info: "border-brand-100 bg-brand-50 text-slate-800",
  success: "border-green-200 bg-green-50 text-ok",
  warning: "border-amber-200 bg-amber-50 text-warn",
  error: "border-red-200 bg-red-50 text-bad",
};
/** An inline message that stays (a toast is for what just happened). Errors are announced. */
export function Alert({ tone = "info", children, className }: { tone?: AlertTone; children: React.ReactNode; className?: string }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={cn("rounded border px-3 py-2 text-sm", TONES[tone], className)}>
      {children}
    </div>
  );
}

export type BadgeTone = "neutral" | "brand" | "ok" | "warn" | "bad" | "paused";
const BADGES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700",
  brand: "bg-brand-50 text-brand-700",
  ok: "bg-green-50 text-ok",
  warn: "bg-amber-50 text-warn",
  bad: "bg-red-50 text-bad",
  paused: "bg-slate-100 text-paused",
};
/** A small status label; status colours only for status. */
export function Badge({ tone = "neutral", children, className, title }: { tone?: BadgeTone; children: React.ReactNode; className?: string; title?: string }) {
  return (
    <span title={title} className={cn("inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium", BADGES[tone], className)}>
      {children}
    </span>
  );
}

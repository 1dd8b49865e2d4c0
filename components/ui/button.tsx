import Link from "next/link";
import { forwardRef, type ComponentProps } from "react";
import { cn } from "@/components/ui/cn";

// The one button. Variants: primary (the next sensible step: at most one per area), secondary
// (everything else), ghost (quiet, in tables and toolbars), danger (destructive; confirm first).
export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger" | "link";
export type ButtonSize = "sm" | "md";

const BASE = "inline-flex items-center justify-center gap-1.5 whitespace-nowrap rounded font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:opacity-50";
const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
  ghost: "text-slate-700 hover:bg-slate-100",
  danger: "border border-red-300 bg-white text-bad hover:bg-red-50",
  link: "px-0 text-brand-700 underline-offset-2 hover:underline",
};
const SIZES: Record<ButtonSize, string> = { sm: "h-7 px-2 text-xs", md: "h-8 px-3 text-sm" };

export function buttonClass({ variant = "secondary", size = "md", className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cn(BASE, VARIANTS[variant], variant === "link" ? "h-auto" : SIZES[size], className);
}

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a busy state and blocks a second submit while the action runs. */
  pending?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant, size, pending, className, type = "button", disabled, children, ...rest }, ref) {
  return (
    <button ref={ref} type={type} disabled={disabled || pending} aria-busy={pending || undefined} className={buttonClass({ variant, size, className })} {...rest}>
      {pending && <span aria-hidden className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {children}
    </button>
  );
});

/** A link that looks like a button (navigation, downloads). */
export function ButtonLink({ variant, size, className, ...rest }: ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link className={buttonClass({ variant, size, className })} {...rest} />;
}

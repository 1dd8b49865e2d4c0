import { cn } from "@/components/ui/cn";

/** A key or chord as the person presses it: <Kbd>Ctrl</Kbd>+<Kbd>K</Kbd>. */
export function Kbd({ children, className }: { children: React.ReactNode; className?: string }) {
  return <kbd className={cn("rounded border border-slate-300 bg-slate-50 px-1 font-sans text-[0.7rem] leading-4 text-slate-600 shadow-[inset_0_-1px_0_#cbd5e1]", className)}>{children}</kbd>;
}

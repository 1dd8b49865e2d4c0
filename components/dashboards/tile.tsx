import Link from "next/link";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

/** A number with its label; the whole tile links to the list behind it when there is one. */
export function Tile({ label, value, href, hint, tone }: { label: string; value: string; href?: string; hint?: string; tone?: "ok" | "bad" }) {
  const card = (
    <Card className={cn("h-full px-4 py-3", href && "hover:border-brand-600")}>
      <p className="text-xs text-slate-500">{label}</p>
      <p className={cn("mt-1 text-2xl font-semibold tabular-nums", tone === "bad" && "text-bad", tone === "ok" && "text-ok")}>{value}</p>
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
    </Card>
  );
  return href ? (
    <Link href={href} className="block rounded-lg focus-visible:outline-2 focus-visible:outline-brand-600">
      {card}
    </Link>
  ) : (
    card
  );
}

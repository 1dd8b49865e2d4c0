import { Badge } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

// Value tiers as small, quiet badges (never banners); the text carries the meaning, not the colour.
const STYLE: Record<string, string> = {
  DIAMOND: "bg-sky-50 text-sky-800 ring-1 ring-sky-200",
  GOLD: "bg-amber-50 text-amber-800 ring-1 ring-amber-200",
  SILVER: "bg-slate-100 text-slate-700 ring-1 ring-slate-300",
  STANDARD: "bg-white text-slate-600 ring-1 ring-slate-200",
};

/** `label` is the tier's name from the catalogue (enums.valueTier), never the code. */
export function TierBadge({ tier, label }: { tier: string; label: string }) {
  return <Badge className={cn(STYLE[tier] ?? STYLE.STANDARD, "font-normal")}>{label}</Badge>;
}

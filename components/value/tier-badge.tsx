// Value tiers as small, quiet badges (never banners); the text carries the meaning, not the colour.
const STYLE: Record<string, string> = {
  DIAMOND: "bg-sky-50 text-sky-800 ring-sky-200",
  GOLD: "bg-amber-50 text-amber-800 ring-amber-200",
  SILVER: "bg-slate-100 text-slate-700 ring-slate-300",
  STANDARD: "bg-white text-slate-600 ring-slate-200",
};

export function TierBadge({ tier, label }: { tier: string; label: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs ring-1 ${STYLE[tier] ?? STYLE.STANDARD}`}>{label}</span>;
}

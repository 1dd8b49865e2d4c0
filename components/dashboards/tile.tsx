import Link from "next/link";

/** A number with its label; the whole tile links to the list behind it when there is one. */
export function Tile({ label, value, href, hint, tone }: { label: string; value: string; href?: string; hint?: string; tone?: "ok" | "bad" }) {
  const body = (
    <>
      <p className="text-xs text-slate-500">{label}</p>
      <p className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "bad" ? "text-red-700" : tone === "ok" ? "text-emerald-700" : ""}`}>{value}</p>
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
    </>
  );
  return href ? (
    <Link href={href} className="card block px-4 py-3 hover:border-brand-600 focus:outline-2">
      {body}
    </Link>
  ) : (
    <div className="card px-4 py-3">{body}</div>
  );
}

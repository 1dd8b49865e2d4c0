// The dashboards' rollups are small cubes (complaint_daily_rollup, survey_daily_rollup): next to
// the detail rows, which keep all six dimensions, each day also holds the sums over every set of
// at most two dimensions. A tile needs the dimensions it filters on plus the one it groups by;
// reading the smallest grain that keeps them means summing a few hundred rows, not one row per
// complaint. Three or more dimensions at once (two filters and a grouping) read the detail.
//
// `grain` is the bitmask of the dimensions a row keeps; a dimension summed over holds ALL_ID /
// ALL_TEXT. 63 - GROUPING(…) gives exactly that bitmask, because GROUPING's first argument is its
// highest bit. The cube's grains also exist per month (grain + MONTH_BIT, `day` = the 1st): a
// range's whole months are read from those, only its ragged ends day by day (monthSpan).

export const CUBE_DIMENSIONS = [
  { key: "team", column: "team_id", bit: 32, text: false },
  { key: "agent", column: "agent_id", bit: 16, text: false },
  { key: "category", column: "category_id", bit: 8, text: false },
  { key: "channel", column: "channel", bit: 4, text: true },
  { key: "region", column: "region", bit: 2, text: true },
  { key: "tier", column: "value_tier", bit: 1, text: true },
] as const;
export type CubeDimension = (typeof CUBE_DIMENSIONS)[number]["key"];

export const DETAIL_GRAIN = 63;
/** Added to a cube grain for its month rows (day = the month's first day). */
export const MONTH_BIT = 64;
export const MAX_CUBE_DIMENSIONS = 2;
export const ALL_ID = -1;
export const ALL_TEXT = "*";

/** The grain to read for a tile that keeps `dims` (filters plus grouping). */
export function grainFor(dims: Iterable<CubeDimension>): number {
  const set = new Set(dims);
  if (set.size > MAX_CUBE_DIMENSIONS) return DETAIL_GRAIN;
  let g = 0;
  for (const d of CUBE_DIMENSIONS) if (set.has(d.key)) g |= d.bit;
  return g;
}

/** Every grain stored besides the detail: the empty set, each dimension, each pair. */
export function cubeGrains(): number[] {
  const out = [0];
  CUBE_DIMENSIONS.forEach((a, i) => {
    out.push(a.bit);
    for (const b of CUBE_DIMENSIONS.slice(i + 1)) out.push(a.bit | b.bit);
  });
  return out;
}

// SQL fragments built from the constants above only (no input reaches them).
const cols = CUBE_DIMENSIONS.map((d) => d.column);
export const CUBE_COLUMNS = cols.join(", ");
export const CUBE_GRAIN_SQL = `${DETAIL_GRAIN} - GROUPING(${CUBE_COLUMNS})`;
export const CUBE_KEYS_SQL = CUBE_DIMENSIONS.map((d) => (d.text ? `COALESCE(${d.column}, '${ALL_TEXT}')` : `COALESCE(${d.column}, ${ALL_ID})`)).join(", ");
export const CUBE_SETS_SQL = `GROUPING SETS (${cubeGrains()
  .map((g) => `(${CUBE_DIMENSIONS.filter((d) => g & d.bit).map((d) => d.column).join(", ")})`)
  .join(", ")})`;

/**
 * The whole months inside [from, to] (ISO dates), as [first day, first day after), or null when
 * the range holds no whole month. Pure: dates are calendar days (the rollups' Asia/Shanghai days).
 */
export function monthSpan(from: string, to: string): [string, string] | null {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  const iso = (x: Date) => x.toISOString().slice(0, 10);
  const f = d(from);
  const t = d(to);
  const start = f.getUTCDate() === 1 ? f : new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1));
  const afterTo = new Date(t.getTime() + 86_400_000);
  const end = afterTo.getUTCDate() === 1 ? afterTo : new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  return start < end ? [iso(start), iso(end)] : null;
}

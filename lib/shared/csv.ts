// CSV export helpers (browser-safe, no dependencies). Spreadsheet programs execute cells that
// start with = + - @ (and tab/CR tricks) as formulas: every exported cell goes through
// neutraliseCsvCell, which prefixes such values with a single quote (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** The operator's time zone (no daylight saving): times in files read as on the screen. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A moment as "2026-12-07 13:05:09" in Asia/Shanghai, as every export writes times. */
export function csvDateTime(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** A moment's calendar day in Asia/Shanghai ("2026-12-07"). */
export function csvDate(d: Date): string {
  return csvDateTime(d).slice(0, 10);
}

export function neutraliseCsvCell(value: unknown): string {
  if (value == null) return "";
  // A number is data, never a formula: -5 stays a number the spreadsheet can sum.
  if (typeof value === "number") return String(value);
  const s = value instanceof Date ? csvDateTime(value) : String(value);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (RFC 4180 quoting) with formula neutralisation. */
export function toCsvLine(cells: unknown[]): string {
  return cells.map((c) => quote(neutraliseCsvCell(c))).join(",");
}

/** A whole CSV document: a UTF-8 BOM (so Excel reads Chinese correctly), header, rows, CRLF. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return "\uFEFF" + [header, ...rows].map(toCsvLine).join("\r\n") + "\r\n";
}

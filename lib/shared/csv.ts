// CSV export helpers (browser-safe, no dependencies). Spreadsheet programs execute cells that
// start with = + - @ (and tab/CR tricks) as formulas: every exported cell goes through
// neutraliseCsvCell, which prefixes such values with a single quote (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvCell(value: unknown): string {
  if (value == null) return "";
  // A number is data, never a formula: -5 stays a number the spreadsheet can sum.
  if (typeof value === "number") return String(value);
  const s = value instanceof Date ? value.toISOString() : String(value);
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

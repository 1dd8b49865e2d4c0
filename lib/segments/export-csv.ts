// The CSV lines of a segment member export (pure): every cell quoted, numbers never
// neutralised. The general CSV writer is lib/shared/csv.ts; this one keeps the
// export's byte format as it was.

/**
 * One CSV cell: quoted, quotes doubled, and cells a spreadsheet would run as a formula
 * (text starting with = + - @, tab or carriage return) prefixed with an apostrophe; numbers
 * are written as numbers.
 */
export function csvCell(value: string | number | null | undefined): string {
  let s = value == null ? "" : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return `"${s.replace(/"/g, '""')}"`;
}

export function csvRow(values: Array<string | number | null | undefined>): string {
  return values.map(csvCell).join(",") + "\r\n";
}

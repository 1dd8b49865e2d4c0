// Display and export formatting for segment members (pure).

/** Personal names keep the surname only (张**); organisations are not personal data. */
export function maskName(name: string, type: string): string {
  if (type === "ENTERPRISE" || type === "GOVERNMENT") return name;
  const chars = Array.from(name);
  if (chars.length <= 1) return "*";
  return chars[0] + "*".repeat(chars.length - 1);
}

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

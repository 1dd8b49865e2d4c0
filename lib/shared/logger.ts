// Structured one-line JSON logs. Values are scrubbed of anything shaped like a phone number,
// a national ID number or an email address: logs must never carry PII.
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const PII_PATTERNS: Array<[RegExp, string]> = [
  [/\b\d{17}[\dXx]\b/g, "[id]"],
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, "[msisdn]"],
  [/(?<!\d)\d{11,12}(?!\d)/g, "[number]"],
  [/[\w.+-]+@[\w-]+\.[\w.-]+/g, "[email]"],
];

export function scrub(text: string): string {
  return PII_PATTERNS.reduce((s, [re, rep]) => s.replace(re, rep), text);
}

function write(level: Level, event: string, fields?: Record<string, unknown>) {
  const min = (process.env.LOG_LEVEL as Level | undefined) ?? "info";
  if (order[level] < (order[min] ?? 20)) return;
  const line = scrub(JSON.stringify({ t: new Date().toISOString(), level, event, ...fields }));
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (e: string, f?: Record<string, unknown>) => write("debug", e, f),
  info: (e: string, f?: Record<string, unknown>) => write("info", e, f),
  warn: (e: string, f?: Record<string, unknown>) => write("warn", e, f),
  error: (e: string, f?: Record<string, unknown>) => write("error", e, f),
};

// The date maths of automation triggers (pure, Asia/Shanghai). The SQL in lib/automation/triggers.ts
// says the same things over whole tables; these are its specification and carry the unit tests.

export const OPERATOR_TZ = "Asia/Shanghai";
const DAY_MS = 86_400_000;
/** How many past days one pass catches up at most (the job was down): older events are not fired late. */
export const MAX_CATCH_UP_DAYS = 7;
/** The simulation's window. */
export const SIMULATION_DAYS = 30;

/** The operator's calendar day of an instant, "YYYY-MM-DD". */
export function operatorDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: OPERATOR_TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** A calendar day plus n days ("2027-02-28" + 1 = "2027-03-01"). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A birthday falls on `day` when month and day match; 29 February birthdays fall on 28 February in common years. */
export function birthdayFallsOn(birthDate: string, day: string): boolean {
  const md = birthDate.slice(5, 10);
  const dmd = day.slice(5, 10);
  if (md === dmd) return true;
  return md === "02-29" && dmd === "02-28" && !isLeapYear(Number(day.slice(0, 4)));
}

/** CONTRACT_ENDING with N days: the contract end date a pass on `day` looks for. */
export function contractEndFor(day: string, n: number): string {
  return addDays(day, n);
}

/** NEW_SUBSCRIBER on day N: the joining date a pass on `day` looks for (day 0 = the joining day). */
export function joinedOnFor(day: string, n: number): string {
  return addDays(day, -n);
}

/**
 * The days a pass at `now` evaluates: from the day of the previous pass (events of a day that
 * passed while the job was down are still fired, at most MAX_CATCH_UP_DAYS back) to today; only
 * today on a rule's first pass, so a new rule does not fire for yesterday's birthdays. A trigger
 * evaluated once a day (a calendar date, a monthly bill) skips the days a pass has evaluated
 * already: only the day's first pass reads the base.
 */
export function passDays(now: Date, lastRunAt: Date | null, onceADay = false): string[] {
  const today = operatorDay(now);
  if (!lastRunAt) return [today];
  let from = operatorDay(lastRunAt);
  if (onceADay) from = addDays(from, 1);
  const earliest = addDays(today, -MAX_CATCH_UP_DAYS);
  if (from < earliest) from = earliest;
  const out: string[] = [];
  for (let d = from; d <= today; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The simulation's days: the SIMULATION_DAYS days ending today. */
export function simulationDays(now: Date): { from: string; to: string } {
  const to = operatorDay(now);
  return { from: addDays(to, -(SIMULATION_DAYS - 1)), to };
}

/** Minutes since midnight of an "HH:MM". */
function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

/**
 * The earliest instant at or after `now` outside the quiet hours (Asia/Shanghai, UTC+8 all year: no
 * daylight saving), when messages may go out and call tasks come due. Quiet hours may wrap midnight
 * (21:00–08:00); equal start and end mean none.
 */
export function nextContactTime(now: Date, quiet: { start: string; end: string }): Date {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return now;
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inQuiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inQuiet) return now;
  // The end of the quiet period: today's end time, or tomorrow's when it wraps past midnight.
  const endDayOffset = start > end && minute >= start ? 1 : 0;
  const midnightLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return new Date(midnightLocal + endDayOffset * DAY_MS + end * 60_000 - 8 * 3_600_000);
}

// ── Care triggers (issue 23, docs/care.md) ──

/** A month's bill is due on this day of the next month (PAYMENT_DUE). */
export const BILL_DUE_DAY = 20;

/** The day a bill month ("YYYY-MM") is due: the BILL_DUE_DAY of the next month. */
export function paymentDueDay(billMonth: string): string {
  const [y, m] = billMonth.split("-").map(Number);
  const next = new Date(Date.UTC(y, m, BILL_DUE_DAY));
  return next.toISOString().slice(0, 10);
}

/** PAYMENT_DUE with N days: the bill month a pass on `day` reminds of, or null (no bill is due in N days). */
export function billMonthDueIn(day: string, n: number): string | null {
  const due = addDays(day, n);
  if (Number(due.slice(8, 10)) !== BILL_DUE_DAY) return null;
  const [y, m] = due.split("-").map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** Days since 2000-01-01 (the special-care visits' phase). */
export function dayNumber(day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse("2000-01-01T00:00:00Z")) / DAY_MS);
}

/**
 * SPECIAL_CARE_VISIT every N days: the period key when customer `customerId` is due on `day`, else
 * null. Visits are staggered by customer id, so a team's visits spread evenly over the period.
 */
export function specialCareVisitKey(day: string, customerId: number, n: number): string | null {
  const k = dayNumber(day) + customerId;
  return k % n === 0 ? `period-${k / n}` : null;
}

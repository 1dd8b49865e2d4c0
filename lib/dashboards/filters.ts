// Dashboard filters (zod, browser-safe): they live in the URL and every bad value falls back
// to its default, so a hand-edited or stale link still opens.
import { z } from "zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s)));
const optionalId = z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined);
const optionalText = z.string().trim().min(1).max(40).optional().catch(undefined);

export const DASHBOARD_CHANNELS = ["HOTLINE", "ONLINE_CHAT", "APP", "MINI_PROGRAM", "WECHAT", "SERVICE_HALL", "EMAIL", "SOCIAL", "OUTBOUND_CALL"] as const;

export function defaultRange(today: Date = new Date()): { from: string; to: string } {
  const local = new Date(today.getTime() + 8 * 3_600_000);
  const to = local.toISOString().slice(0, 10);
  const from = new Date(local.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export function dashboardFilters(today: Date = new Date()) {
  const d = defaultRange(today);
  return z
    .object({
      from: day.catch(d.from),
      to: day.catch(d.to),
      team: optionalId,
      category: optionalId,
      channel: z.enum(DASHBOARD_CHANNELS).optional().catch(undefined),
      region: optionalText,
      tier: optionalText,
    })
    .transform((f) => (f.from > f.to ? { ...f, from: f.to, to: f.from } : f));
}
export type DashboardFilters = z.infer<ReturnType<typeof dashboardFilters>>;

/** The filters as URL search parameters (for links that keep them, and drill-downs). */
export function filtersToSearch(f: DashboardFilters, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  return p.toString();
}

/**
 * The Customers tab reads months: without a `from` in the URL it starts 11 months before the
 * month of `to` (12 monthly points); a given range is widened to whole months.
 */
export function customersRange(f: DashboardFilters, hasFrom: boolean): DashboardFilters {
  if (hasFrom) return { ...f, from: `${f.from.slice(0, 7)}-01` };
  const [y, m] = f.to.split("-").map(Number);
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { ...f, from: start.toISOString().slice(0, 10) };
}

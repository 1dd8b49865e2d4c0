import "server-only";
import { failInterruptedJobs, runNightlyIfDue } from "@/lib/scoring/jobs";
import { logger } from "@/lib/shared/logger";

// In-process scheduler for the nightly value work (started once per server process from
// instrumentation.ts). runNightlyIfDue is idempotent per day and the job table allows one
// running job per kind, so several app processes can run this side by side.
const CHECK_EVERY_MS = 10 * 60_000;

export function startValueScheduler(): void {
  const g = globalThis as unknown as { __valueScheduler?: boolean };
  if (g.__valueScheduler) return;
  g.__valueScheduler = true;
  const tick = () =>
    runNightlyIfDue().catch((e) => logger.error("valueScheduler.failed", { message: e instanceof Error ? e.message : String(e) }));
  failInterruptedJobs()
    .catch(() => 0)
    .finally(() => {
      setTimeout(tick, 5_000).unref();
      setInterval(tick, CHECK_EVERY_MS).unref();
    });
}

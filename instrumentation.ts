// Next.js calls register() once per server process: start the background jobs there (Node runtime
// only, and only when JOBS_ENABLED is not "false").
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.JOBS_ENABLED === "false") return;
  const { startJobs } = await import("@/lib/jobs/boss");
  try {
    await startJobs();
  } catch (e) {
    // The app keeps serving without jobs; the next start retries.
    console.error("jobs failed to start:", e instanceof Error ? e.message : e);
  }
  // Nightly value rescoring / churn retraining / segment refresh (DB-backed job rows, in process).
  if (process.env.VALUE_SCHEDULER !== "off") {
    const { startValueScheduler } = await import("@/lib/scoring/scheduler");
    startValueScheduler();
  }
}

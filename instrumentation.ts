// Next.js calls register() once per server process: start the background jobs there (Node runtime
// only, and only when JOBS_ENABLED is not "false").
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.JOBS_ENABLED === "false") return;
  // The app serves without jobs until they start; a failed start (database down at boot) is retried.
  const { startJobsWhenPossible } = await import("@/lib/jobs/boss");
  startJobsWhenPossible();
  // Nightly value rescoring / churn retraining / segment refresh (DB-backed job rows, in process).
  if (process.env.VALUE_SCHEDULER !== "off") {
    const { startValueScheduler } = await import("@/lib/scoring/scheduler");
    startValueScheduler();
  }
}

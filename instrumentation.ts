// Next.js calls register() once per server process (Node runtime only): the client-address
// forwarding, then the background jobs (unless JOBS_ENABLED is "false").
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The socket's peer ends X-Forwarded-For, so a client cannot choose its own address (login throttling).
  const { installPeerForwarding } = await import("@/lib/shared/forwarded-for");
  installPeerForwarding();
  if (process.env.JOBS_ENABLED === "false") return;
  // The app serves without jobs until they start; a failed start (database down at boot) is retried.
  const { startJobsWhenPossible } = await import("@/lib/jobs/boss");
  startJobsWhenPossible();
  // Nightly value rescoring / churn retraining / segment refresh (DB-backed job rows, in process).
  if (process.env.VALUE_SCHEDULER !== "off") {
    const { startValueScheduler } = await import("@/lib/scoring/scheduler");
    startValueScheduler();
  }
}

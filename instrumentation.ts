// Next.js calls register() once when a server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.VALUE_SCHEDULER === "off") return;
  const { startValueScheduler } = await import("@/lib/scoring/scheduler");
  startValueScheduler();
}

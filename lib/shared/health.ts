import "server-only";
import { db } from "@/lib/db";
import { jobsState, type JobsState } from "@/lib/jobs/boss";

/** Ready = the database answers and this process's job runner has not failed to start. */
export async function checkReadiness(): Promise<{ ready: boolean; database: boolean; jobs: JobsState }> {
  const database = await db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  const jobs = jobsState();
  return { ready: database && jobs !== "failed", database, jobs };
}

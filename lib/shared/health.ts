import "server-only";
import { db } from "@/lib/db";

export async function checkReadiness(): Promise<{ ready: boolean; database: boolean }> {
  const database = await db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  return { ready: database, database };
}

import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/shared/logger";

export type Db = PrismaClient;
/** The client or a transaction client: lib functions that write audit rows accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function create(): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: env().DATABASE_URL,
      max: env().DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    },
    {
      // A dropped connection (database restart) must never crash the process: log and let the
      // pool reconnect on the next query.
      onPoolError: (err) => logger.error("db.pool_error", { message: err.message }),
      onConnectionError: (err) => logger.error("db.connection_error", { message: err.message }),
    },
  );
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __crmDb?: PrismaClient };
export const db: PrismaClient = globalForDb.__crmDb ?? create();
globalForDb.__crmDb = db;

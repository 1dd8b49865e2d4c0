// Where a factory writes: the app's client (the default, lib/db on DATABASE_URL), a transaction of
// it, or a client the caller made for another database (the demo seed, scripts/generate.ts).
import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type FactoryDb = PrismaClient | Prisma.TransactionClient;

/** The caller's client, or lib/db's (imported on first use, so the seed never opens the app's pool). */
export async function clientOr(db: FactoryDb | undefined): Promise<FactoryDb> {
  return db ?? (await import("@/lib/db")).db;
}

// Unique numbers for unique columns (customer no., MSISDN, username…): a random start per
// process, then a counter, so rows made by different files or runs on one database never clash.
let next = crypto.randomInt(1_000_000, 9_000_000);
export function uniqueNumber(): number {
  return next++;
}

/** The overrides actually given: a key set to undefined keeps the factory's default. */
export function given<T extends object>(overrides: T): T {
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as T;
}

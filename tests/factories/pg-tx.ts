// A pg client (the demo seed's and the generator's transaction) seen as the raw half of a Prisma
// transaction: lib functions written on $executeRaw / $queryRaw only (the loyalty ledger and jobs)
// run on it as they are, so seeds post through the same functions as the app (decision 030).
import type pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";

type Raw = (strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => Promise<unknown>;

export function pgTx(client: pg.ClientBase): Tx {
  const run = (strings: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const sql = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...values);
    return client.query(sql.text, sql.values as unknown[]);
  };
  const $executeRaw: Raw = async (s, ...v) => (await run(s, v)).rowCount ?? 0;
  const $queryRaw: Raw = async (s, ...v) => (await run(s, v)).rows;
  return { $executeRaw, $queryRaw } as unknown as Tx;
}

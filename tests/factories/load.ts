// Loads generated rows with COPY (set-based; no per-row round trips).
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { COLUMNS, type Batch, type Cell } from "@/tests/factories/dataset";

function encode(v: Cell): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  return v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: Cell[][]): Promise<void> {
  if (!rows.length) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(",")}) FROM STDIN`));
  const chunk = 2000;
  async function* lines() {
    for (let i = 0; i < rows.length; i += chunk) {
      let s = "";
      for (const row of rows.slice(i, i + chunk)) s += row.map(encode).join("\t") + "\n";
      yield s;
    }
  }
  await pipeline(Readable.from(lines()), stream);
}

export async function copyBatch(client: pg.ClientBase, b: Batch): Promise<void> {
  await copyRows(client, "customer", COLUMNS.customer, b.customers);
  await copyRows(client, "account", COLUMNS.account, b.accounts);
  await copyRows(client, "line", COLUMNS.line, b.lines);
  await copyRows(client, "bill", COLUMNS.bill, b.bills);
  await copyRows(client, "interaction", COLUMNS.interaction, b.interactions);
}

/** After loading explicit ids, move the sequences past them. */
export async function resetSequences(client: pg.ClientBase): Promise<void> {
  for (const t of ["customer", "account", "line", "bill", "interaction"]) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1))`);
  }
}

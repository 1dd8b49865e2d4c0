// Latency of the agent's lookups and of the 360 view on the current database (demo data):
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-workspace.ts [runs]
// Prints p50/p95 in milliseconds per query kind, measured through the lib functions the pages call.
import { db } from "@/lib/db";
import { searchCustomers, getCustomer360 } from "@/lib/customers/queries";
import { listCustomerStory } from "@/lib/customers/timeline-queries";
import { decryptPii } from "@/lib/pii/crypto";
import type { Actor } from "@/lib/auth/actor";

const runs = Number(process.argv[2] ?? 200);
const u = await db.user.findFirstOrThrow({ where: { username: "agent1" } });
const agent: Actor = { id: u.id, username: u.username, name: u.displayName, role: "AGENT", teamId: u.teamId };
const lines = await db.$queryRaw<Array<{ msisdn: string; account_no: string; name: string; name_pinyin: string; id_enc: string | null; customer_id: number }>>`
  SELECT l.msisdn, a.account_no, c.name, c.name_pinyin, c.id_number_enc AS id_enc, c.id AS customer_id
  FROM line l JOIN account a ON a.id = l.account_id JOIN customer c ON c.id = l.customer_id
  WHERE l.network IN ('G4','G5') ORDER BY random() LIMIT ${runs}`;

async function time(label: string, fn: (i: number) => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i % lines.length);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(1);
  console.log(`${label.padEnd(28)} p50 ${q(0.5).padStart(6)} ms   p95 ${q(0.95).padStart(6)} ms`);
}

const customers = await db.customer.count();
console.log(`${customers} customers, ${await db.line.count()} lines, ${await db.interaction.count()} interactions; ${runs} runs each`);
await time("search: full MSISDN", (i) => searchCustomers(agent, { q: lines[i].msisdn }));
await time("search: 4-digit fragment", (i) => searchCustomers(agent, { q: lines[i].msisdn.slice(5, 9) }));
await time("search: account no.", (i) => searchCustomers(agent, { q: lines[i].account_no }));
await time("search: national ID", (i) => searchCustomers(agent, { q: lines[i].id_enc ? decryptPii(lines[i].id_enc!) : lines[i].msisdn }));
await time("search: 2-char Chinese name", (i) => searchCustomers(agent, { q: lines[i].name.slice(0, 2) }));
await time("search: pinyin", (i) => searchCustomers(agent, { q: lines[i].name_pinyin.slice(0, 6) }));
await time("360 view (profile+bills)", (i) => getCustomer360(agent, lines[i].customer_id));
await time("360 story (15 newest)", (i) => listCustomerStory(agent, { customerId: lines[i].customer_id, limit: 15 }));
await db.$disconnect();

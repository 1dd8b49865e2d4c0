// Measures complaint latencies on the demo data through the real lib functions:
//   DATABASE_URL=… node --conditions=react-server --import tsx scripts/bench-complaints.ts [n]
// Opens n complaints, moves each through start → pend → resume → resolve, and reads each queue
// n times; prints p50/p95/max in milliseconds. The complaints it opens stay (they are real rows).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { openComplaint } from "@/lib/complaints/intake";
import { transitionComplaint } from "@/lib/complaints/transitions";
import { getComplaintDetail, listComplaintQueue } from "@/lib/complaints/queries";
import { QUEUES } from "@/lib/complaints/schemas";

async function actor(username: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { username } });
  return { id: u.id, username: u.username, name: u.displayName, role: u.role as RoleName, teamId: u.teamId };
}

function stats(label: string, ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1);
  console.log(
    `${label.padEnd(28)} n=${String(s.length).padStart(4)}  p50 ${q(0.5).padStart(6)}  p95 ${q(0.95).padStart(6)}  max ${s.at(-1)!.toFixed(1).padStart(6)} ms`,
  );
}

async function time<T>(into: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  into.push(performance.now() - t0);
  return r;
}

const n = Number(process.argv[2] ?? 50);
const agent = await actor("agent1");
const supervisor = await actor("supervisor1");
const manager = await actor("manager1");
const customers = await db.customer.findMany({ where: { status: "ACTIVE" }, select: { id: true }, take: n, orderBy: { id: "desc" } });
const billing = await db.complaintCategory.findUniqueOrThrow({ where: { code: "BILLING" } });
const billingCause = await db.complaintRootCause.findFirst({ where: { categoryId: billing.id, isActive: true }, orderBy: { sortOrder: "asc" } });
console.log(`complaints in the database: ${await db.complaint.count()}; customers: ${await db.customer.count()}`);

const create: number[] = [];
const transition: number[] = [];
const detail: number[] = [];
for (const c of customers) {
  const { id } = await time(create, () =>
    openComplaint(agent, { customerId: c.id, channel: "HOTLINE", categoryId: billing.id, grade: "GENERAL", summary: "bench", idempotencyKey: randomUUID() }),
  );
  let v = 1;
  for (const [action, reason] of [["start"], ["pend", "waiting"], ["resume"], ["resolve", "refunded"]] as const) {
    const rootCauseId = action === "resolve" ? billingCause?.id : undefined;
    await time(transition, () => transitionComplaint(agent, { complaintId: id, version: v, action, reason, rootCauseId }));
    v++;
  }
  await time(detail, () => getComplaintDetail(agent, id));
}
stats("open complaint", create);
stats("transition", transition);
stats("complaint detail", detail);
for (const [who, a] of [
  ["agent", agent],
  ["supervisor", supervisor],
  ["manager", manager],
] as const) {
  for (const queue of QUEUES) {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) await time(ms, () => listComplaintQueue(a, { queue, limit: 25 }));
    stats(`queue ${who}/${queue}`, ms);
  }
}
await db.$disconnect();

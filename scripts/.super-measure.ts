import { db } from "@/lib/db";
import { countComplaintQueues, listComplaintQueue } from "@/lib/complaints/queries";
import { getTeamOverview } from "@/lib/teams/queries";
import { viewNotifications } from "@/lib/complaints/notifications";
import type { Actor } from "@/lib/auth/actor";

async function actor(username: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { username } });
  return { id: u.id, username: u.username, name: u.displayName, role: u.role as Actor["role"], teamId: u.teamId, ip: "127.0.0.1", userAgent: "measure" };
}
async function time(label: string, f: () => Promise<unknown>, n = 50) {
  await f();
  const ts: number[] = [];
  let last: unknown;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await f();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  console.log(`${label}: median ${ts[Math.floor(n / 2)].toFixed(2)} ms, p95 ${ts[Math.floor(n * 0.95)].toFixed(2)} ms`, JSON.stringify(last).slice(0, 200));
}
const [sup, agent, mgr] = await Promise.all(["supervisor1", "agent1", "manager1"].map(actor));
const open = await db.$queryRaw<[{ n: number; t: number }]>`SELECT count(*)::int AS n, count(*) FILTER (WHERE team_id = ${sup.teamId})::int AS t FROM complaint WHERE status NOT IN ('CLOSED','REJECTED','CANCELLED')`;
console.log("complaints", await db.complaint.count(), "open", open[0]);
await time("countComplaintQueues supervisor1", () => countComplaintQueues(sup));
await time("countComplaintQueues agent1", () => countComplaintQueues(agent));
await time("countComplaintQueues manager1", () => countComplaintQueues(mgr));
await time("listComplaintQueue team (page)", async () => (await listComplaintQueue(sup, { queue: "team" })).rows.length);
await time("listComplaintQueue agent1 from supervisor", async () => (await listComplaintQueue(sup, { queue: "mine", agentId: agent.id })).rows.length);
await time("getTeamOverview supervisor1", async () => (await getTeamOverview(sup, sup.teamId!)).members.map((m) => [m.open, m.atRisk, m.breached, m.today]));
await time("viewNotifications supervisor1", async () => (await viewNotifications(sup)).groups.length);
await db.$disconnect();
process.exit(0);

// Demo complaints for the seed: a deterministic mix of open, paused, breached and closed cases
// over the last three days, with their status history and clock columns computed by the same
// pure module the app uses. Loaded with COPY.
import type pg from "pg";
import { copyRows } from "@/tests/factories/load";
import { mulberry32 } from "@/lib/shared/random";
import { computeComplaintClocks } from "@/lib/complaints/clocks";
import { CALENDAR_24X7 } from "@/lib/sla/clock";
import type { ComplaintStatus } from "@/lib/complaints/workflow";
import type { Cell } from "@/tests/factories/dataset";

const SUMMARIES: Record<string, string[]> = {
  BILLING: ["本月话费比平时多扣了30元", "套餐外流量费用有疑问"],
  BILLING_OVERCHARGE: ["重复扣取月租费"],
  BILLING_ROAMING: ["出境后产生高额漫游费"],
  NETWORK: ["家中室内信号差，经常掉话"],
  NETWORK_OUTAGE: ["小区整片无信号超过两小时"],
  NETWORK_COVERAGE: ["地铁站内无4G/5G信号"],
  BROADBAND: ["宽带频繁断线", "光猫指示灯异常，无法上网"],
  SERVICE_ATTITUDE: ["营业厅工作人员态度差"],
  PRODUCT_QUALITY: ["新办理的融合套餐权益未到账"],
  VAS: ["被订购了未同意的增值业务"],
  NUMBER_PORTING: ["携号转网被告知不符合条件"],
};

type Plan = { status: ComplaintStatus; steps: { action: string; to: ComplaintStatus; afterMin: number; reason?: string }[] };
const PLANS: Plan[] = [
  { status: "ACKNOWLEDGED", steps: [] },
  { status: "IN_PROGRESS", steps: [{ action: "start", to: "IN_PROGRESS", afterMin: 6 }] },
  { status: "PENDING", steps: [{ action: "start", to: "IN_PROGRESS", afterMin: 4 }, { action: "pend", to: "PENDING", afterMin: 40, reason: "等待客户提供账单截图" }] },
  { status: "HELD", steps: [{ action: "start", to: "IN_PROGRESS", afterMin: 8 }, { action: "hold", to: "HELD", afterMin: 90, reason: "已派单网络部门" }] },
  { status: "RESOLVED", steps: [{ action: "start", to: "IN_PROGRESS", afterMin: 5 }, { action: "resolve", to: "RESOLVED", afterMin: 300 }] },
  {
    status: "CLOSED",
    steps: [
      { action: "start", to: "IN_PROGRESS", afterMin: 3 },
      { action: "resolve", to: "RESOLVED", afterMin: 200 },
      { action: "close", to: "CLOSED", afterMin: 600, reason: "RETURN_VISIT" },
    ],
  },
];

export async function seedDemoComplaints(client: pg.ClientBase, opts: { perThousandCustomers?: number; seed?: number; now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const r = mulberry32(opts.seed ?? 6);
  const { rows: customers } = await client.query<{ id: number; line_id: number | null }>(
    `SELECT c.id, (SELECT min(l.id) FROM line l WHERE l.customer_id = c.id) AS line_id FROM customer c WHERE c.status = 'ACTIVE' ORDER BY c.id`,
  );
  const { rows: agents } = await client.query<{ id: number; team_id: number }>(`SELECT id, team_id FROM app_user WHERE role = 'AGENT' AND team_id IS NOT NULL ORDER BY id`);
  const { rows: cats } = await client.query<{ id: number; code: string }>(`SELECT id, code FROM complaint_category ORDER BY id`);
  const { rows: target } = await client.query<{ id: number; calendar_id: number }>(
    `SELECT id, calendar_id FROM sla_target WHERE category_code = '*' AND grade = 'GENERAL' AND value_tier = 'STANDARD' AND NOT is_appeal ORDER BY effective_from DESC LIMIT 1`,
  );
  if (!agents.length || !cats.length || !target.length) return 0;
  const share = (opts.perThousandCustomers ?? 120) / 1000;
  const complaintRows: Cell[][] = [];
  const historyRows: Cell[][] = [];
  const { rows: seq } = await client.query<{ n: string }>(`SELECT nextval('complaint_no_seq') AS n`);
  let no = Number(seq[0].n);
  const { rows: maxId } = await client.query<{ m: number }>(`SELECT COALESCE(max(id), 0) AS m FROM complaint`);
  let id = maxId[0].m;
  const targets = { FIRST_RESPONSE: 15, FEEDBACK: 1440, RESOLUTION: 1440, CYCLE: 2880 };
  for (const c of customers) {
    if (r() >= share) continue;
    id++;
    const agent = agents[Math.floor(r() * agents.length)];
    const cat = cats[Math.floor(r() * cats.length)];
    const plan = PLANS[Math.floor(r() * PLANS.length)];
    const createdAt = new Date(now.getTime() - Math.floor(r() * 72 * 60) * 60_000 - 60_000);
    const history: { at: Date; toStatus: ComplaintStatus }[] = [{ at: createdAt, toStatus: "ACKNOWLEDGED" }];
    historyRows.push([id, "open", null, "ACKNOWLEDGED", null, agent.id, createdAt]);
    let from: ComplaintStatus = "ACKNOWLEDGED";
    let status: ComplaintStatus = "ACKNOWLEDGED";
    let firstRespondedAt: Date | null = null;
    let resolvedAt: Date | null = null;
    let closedAt: Date | null = null;
    for (const s of plan.steps) {
      const at = new Date(createdAt.getTime() + s.afterMin * 60_000);
      if (at >= now) break;
      if (from === "ACKNOWLEDGED") firstRespondedAt = at;
      if (s.to === "RESOLVED") resolvedAt = at;
      if (s.to === "CLOSED") closedAt = at;
      history.push({ at, toStatus: s.to });
      historyRows.push([id, s.action, from, s.to, s.reason ?? null, agent.id, at]);
      from = status = s.to;
    }
    const feedbackAt = resolvedAt;
    const k = computeComplaintClocks({ createdAt, status, targets, warnRatio: 0.8, firstRespondedAt, feedbackAt, history }, CALENDAR_24X7, now);
    const breachedAt = k.nextDueAt && !k.isPaused && k.nextDueAt < now ? k.nextDueAt : null;
    const summaries = SUMMARIES[cat.code] ?? ["其他问题"];
    const local = new Date(createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
    complaintRows.push([
      id, `TS${local}${String(no++ % 100000).padStart(5, "0")}`, c.id, c.line_id, "HOTLINE", cat.id, "GENERAL", summaries[Math.floor(r() * summaries.length)], "", status,
      agent.id, agent.id, agent.team_id, false, "STANDARD", `seed-${id}`, target[0].id, target[0].calendar_id, 15, 1440, 1440, 2880, 0.8,
      firstRespondedAt, feedbackAt, resolvedAt, closedAt, k.dueAt.FIRST_RESPONSE, k.dueAt.FEEDBACK, k.dueAt.RESOLUTION, k.dueAt.CYCLE, k.nextDueAt, k.nextWarnAt,
      k.isPaused, breachedAt, createdAt, now,
    ]);
  }
  await copyRows(client, "complaint", [
    "id", "complaint_no", "customer_id", "line_id", "channel", "category_id", "grade", "summary", "details", "status",
    "owner_id", "assignee_id", "team_id", "is_appeal", "value_tier", "idempotency_key", "sla_target_id", "calendar_id", "first_response_min", "feedback_min", "resolution_min", "cycle_min", "warn_ratio",
    "first_responded_at", "feedback_at", "resolved_at", "closed_at", "first_response_due_at", "feedback_due_at", "resolution_due_at", "cycle_due_at", "next_due_at", "next_warn_at",
    "is_sla_paused", "breached_at", "created_at", "updated_at",
  ], complaintRows);
  await copyRows(client, "complaint_status_change", ["complaint_id", "action", "from_status", "to_status", "reason", "actor_id", "at"], historyRows);
  await client.query(`SELECT setval('complaint_no_seq', $1)`, [no]);
  await client.query(`SELECT setval(pg_get_serial_sequence('complaint', 'id'), GREATEST((SELECT max(id) FROM complaint), 1))`);
  return complaintRows.length;
}

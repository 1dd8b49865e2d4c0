// Demo complaints for the seed, deterministic (seeded PRNG), with their status history and clock
// columns computed by the same pure module the app uses. Loaded with COPY. Two parts:
//  - history: a year of finished complaints at the domain's rate (~0.2 per subscriber per year,
//    i.e. ~2 M a year for 10 M subscribers), spread over days 3–365 with a mild seasonal swing,
//    each from a customer who was a subscriber on that day; mostly closed after a return visit,
//    some resolved late (SLA breached), reopened once, rejected or cancelled;
//  - recent: the last three days' open work for the agent queues and the SLA demo (open, paused,
//    breached, resolved awaiting the return visit), a busy few days on top of the base rate;
//  - from contacts (issue 23): each of the year's contacts marked "complaint opened" opens its
//    complaint (linked both ways), graded GENERAL 72 % / COMPLEX 20 % / MAJOR 8 %, and harder to
//    settle than the base rate (reopened 1 in 5, a longer resolution tail). Those contacts gather on
//    the dissatisfied and on customers about to leave (tests/factories/dataset.ts), so the
//    complaint table carries the signal the value and churn models read (lib/churn/signals.ts).
// Tests make single complaints with createComplaint (at the end), through the app's own commands.
import type pg from "pg";
import { copyRows } from "@/tests/factories/load";
import { mulberry32 } from "@/lib/shared/random";
import { computeComplaintClocks } from "@/lib/complaints/complaint-clocks";
import { CALENDAR_24X7 } from "@/lib/sla/calendar";
import type { ComplaintStatus } from "@/lib/complaints/workflow";
import type { Cell } from "@/tests/factories/dataset";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import type { ComplaintAction } from "@/lib/complaints/workflow";
import type { AttachmentInput, OpenComplaintInput } from "@/lib/complaints/schemas";
import type { Complaint } from "@/lib/generated/prisma/client";
import { createCustomer } from "@/tests/factories/customers";
import { createAgent, createTeam } from "@/tests/factories/staff";
import { given } from "@/tests/factories/db";

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
  {
    status: "PENDING",
    steps: [
      { action: "start", to: "IN_PROGRESS", afterMin: 4 },
      { action: "pend", to: "PENDING", afterMin: 40, reason: "等待客户提供账单截图" },
    ],
  },
  {
    status: "HELD",
    steps: [
      { action: "start", to: "IN_PROGRESS", afterMin: 8 },
      { action: "hold", to: "HELD", afterMin: 90, reason: "已派单网络部门" },
    ],
  },
  {
    status: "RESOLVED",
    steps: [
      { action: "start", to: "IN_PROGRESS", afterMin: 5 },
      { action: "resolve", to: "RESOLVED", afterMin: 300 },
    ],
  },
  {
    status: "CLOSED",
    steps: [
      { action: "start", to: "IN_PROGRESS", afterMin: 3 },
      { action: "resolve", to: "RESOLVED", afterMin: 200 },
      { action: "close", to: "CLOSED", afterMin: 600, reason: "RETURN_VISIT" },
    ],
  },
];

const PLANS_BY_STATUS = Object.fromEntries(PLANS.map((p) => [p.status, p])) as Record<string, Plan>;
const RECENT_CYCLE: ComplaintStatus[] = ["IN_PROGRESS", "ACKNOWLEDGED", "PENDING", "IN_PROGRESS", "HELD", "RESOLVED", "IN_PROGRESS", "CLOSED"];

const CHANNELS: [string, number][] = [
  ["HOTLINE", 0.6],
  ["APP", 0.12],
  ["ONLINE_CHAT", 0.1],
  ["WECHAT", 0.08],
  ["SERVICE_HALL", 0.06],
  ["EMAIL", 0.04],
];
function pickChannel(x: number): string {
  for (const [c, p] of CHANNELS) {
    if (x < p) return c;
    x -= p;
  }
  return "HOTLINE";
}

/**
 * History plans: minutes after opening; `res` varies so some resolutions miss the 24 h target.
 * `hard`: a grievance that came with a complaint contact — reopened more often, resolved later.
 */
function historyPlan(r: () => number, hard = false): Plan["steps"] {
  const x = r();
  // First response: nine in ten within the 15-minute target.
  const start = r() < 0.9 ? 1 + Math.floor(r() * 13) : 16 + Math.floor(r() * 45);
  // Resolution: most within a day, a tail beyond it (breached).
  const res = start + (r() < (hard ? 0.6 : 0.82) ? 30 + Math.floor(r() * 1200) : 1440 + Math.floor(r() * 1800));
  const close = res + 120 + Math.floor(r() * 1200);
  if (hard && x >= 0.05 && x < 0.25)
    return [
      { action: "start", to: "IN_PROGRESS", afterMin: start },
      { action: "resolve", to: "RESOLVED", afterMin: res },
      { action: "reopen", to: "IN_PROGRESS", afterMin: res + 600, reason: "客户表示问题仍未解决" },
      { action: "resolve", to: "RESOLVED", afterMin: res + 1500 },
      { action: "close", to: "CLOSED", afterMin: res + 2400, reason: "RETURN_VISIT" },
    ];
  if (x < 0.05) return [{ action: "reject", to: "REJECTED", afterMin: start, reason: "重复投诉" }];
  if (x < 0.08)
    return [
      { action: "start", to: "IN_PROGRESS", afterMin: start },
      { action: "cancel", to: "CANCELLED", afterMin: start + 60, reason: "客户撤诉" },
    ];
  const base: Plan["steps"] = [
    { action: "start", to: "IN_PROGRESS", afterMin: start },
    { action: "resolve", to: "RESOLVED", afterMin: res },
    { action: "close", to: "CLOSED", afterMin: close, reason: "RETURN_VISIT" },
  ];
  if (x < 0.13) {
    // Reopened at the return visit (not satisfied), solved the second time.
    return [
      { action: "start", to: "IN_PROGRESS", afterMin: start },
      { action: "resolve", to: "RESOLVED", afterMin: res },
      { action: "reopen", to: "IN_PROGRESS", afterMin: res + 600, reason: "客户表示问题仍未解决" },
      { action: "resolve", to: "RESOLVED", afterMin: res + 1500 },
      { action: "close", to: "CLOSED", afterMin: res + 2400, reason: "RETURN_VISIT" },
    ];
  }
  if (x < 0.25) {
    // Waited for the customer for a few hours (the clocks pause meanwhile).
    const shift = 430;
    return [
      { action: "start", to: "IN_PROGRESS", afterMin: start },
      { action: "pend", to: "PENDING", afterMin: start + 30, reason: "等待客户提供账单截图" },
      { action: "resume", to: "IN_PROGRESS", afterMin: start + 400 },
      { action: "resolve", to: "RESOLVED", afterMin: res + shift },
      { action: "close", to: "CLOSED", afterMin: close + shift, reason: "RETURN_VISIT" },
    ];
  }
  return base;
}

export async function seedDemoComplaints(
  client: pg.ClientBase,
  opts: { perThousandCustomers?: number; perSubscriberYear?: number; seed?: number; now?: Date } = {},
): Promise<number> {
  const now = opts.now ?? new Date();
  const r = mulberry32(opts.seed ?? 6);
  const everyone = await loadCustomers(client);
  const { rows: agents } = await client.query<{ id: number; team_id: number }>(
    `SELECT id, team_id FROM app_user WHERE role = 'AGENT' AND team_id IS NOT NULL ORDER BY id`,
  );
  const { rows: cats } = await client.query<{ id: number; code: string }>(`SELECT id, code FROM complaint_category ORDER BY id`);
  // Each category's root causes by the rule (its own active ones, else its nearest ancestor's; one
  // level of nesting in the seeded tree): resolved complaints name one, so the root-cause view has data.
  const { rows: causeRows } = await client.query<{ category_id: number; ids: number[] }>(
    `SELECT c.id AS category_id,
            COALESCE((SELECT array_agg(r.id ORDER BY r.sort_order) FROM complaint_root_cause r WHERE r.category_id = c.id AND r.is_active),
                     (SELECT array_agg(r.id ORDER BY r.sort_order) FROM complaint_root_cause r WHERE r.category_id = c.parent_id AND r.is_active), '{}') AS ids
     FROM complaint_category c`,
  );
  const causesOf = new Map(causeRows.map((x) => [x.category_id, x.ids]));
  // Its own stream: the rest of the demo data stays what it was before root causes existed.
  const rc = mulberry32((opts.seed ?? 6) + 7919);
  const { rows: target } = await client.query<{ id: number; calendar_id: number }>(
    `SELECT id, calendar_id FROM sla_target WHERE category_code = '*' AND grade = 'GENERAL' AND value_tier = 'STANDARD' AND NOT is_appeal ORDER BY effective_from DESC LIMIT 1`,
  );
  if (!agents.length || !cats.length || !target.length) return 0;
  const share = (opts.perThousandCustomers ?? 24) / 1000;
  const complaintRows: Cell[][] = [];
  const historyRows: Cell[][] = [];
  const { rows: seq } = await client.query<{ n: string }>(`SELECT nextval('complaint_no_seq') AS n`);
  let no = Number(seq[0].n);
  const { rows: maxId } = await client.query<{ m: number }>(`SELECT COALESCE(max(id), 0) AS m FROM complaint`);
  let id = maxId[0].m;
  const targets = { FIRST_RESPONSE: 15, FEEDBACK: 1440, RESOLUTION: 1440, CYCLE: 2880 };
  // Rows go to the database in slices (complaints before their history: the foreign key), so a
  // 10 M-customer base (2 M complaints, 8 M status changes) never holds them all in memory.
  let written = 0;
  const flush = async (min: number) => {
    if (complaintRows.length < min) return;
    await copyRows(client, "complaint", COMPLAINT_COLUMNS, complaintRows);
    await copyRows(client, "complaint_status_change", ["complaint_id", "action", "from_status", "to_status", "reason", "actor_id", "at"], historyRows);
    written += complaintRows.length;
    complaintRows.length = 0;
    historyRows.length = 0;
  };
  const FLUSH_AT = 100_000;
  const add = (c: { id: number; line_id: number | null }, createdAt: Date, steps: Plan["steps"], channel: string, agentIndex?: number, grade = "GENERAL") => {
    id++;
    const pickedAgent = agents[Math.floor(r() * agents.length)];
    const agent = agentIndex === undefined ? pickedAgent : agents[agentIndex % agents.length];
    const cat = cats[Math.floor(r() * cats.length)];
    const plan = { steps };
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
    // Breached: an open clock past due, or (finished cases) the earliest clock stopped late.
    const late = Object.values(k.clocks)
      .filter((x) => x.status === "MET_LATE" || x.status === "BREACHED")
      .map((x) => x.dueAt.getTime());
    const breachedAt = k.nextDueAt && !k.isPaused && k.nextDueAt < now ? k.nextDueAt : late.length ? new Date(Math.min(...late)) : null;
    const summaries = SUMMARIES[cat.code] ?? ["其他问题"];
    const causes = causesOf.get(cat.id) ?? [];
    // Skewed towards the list's first causes (a few causes explain most complaints).
    const rootCauseId = resolvedAt && causes.length ? causes[Math.floor(rc() * rc() * causes.length)] : null;
    const local = new Date(createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
    complaintRows.push([
      id,
      `TS${local}${String(no++).padStart(5, "0")}`,
      c.id,
      c.line_id,
      channel,
      cat.id,
      grade,
      summaries[Math.floor(r() * summaries.length)],
      "",
      status,
      agent.id,
      agent.id,
      agent.team_id,
      false,
      "STANDARD",
      `seed-${id}`,
      target[0].id,
      target[0].calendar_id,
      15,
      1440,
      1440,
      2880,
      0.8,
      firstRespondedAt,
      feedbackAt,
      resolvedAt,
      closedAt,
      k.dueAt.FIRST_RESPONSE,
      k.dueAt.FEEDBACK,
      k.dueAt.RESOLUTION,
      k.dueAt.CYCLE,
      k.nextDueAt,
      k.nextWarnAt,
      k.isPaused,
      breachedAt,
      createdAt,
      now,
      rootCauseId,
    ]);
  };

  // History: days 3–365 back, a random subscriber of that day (churners included before they left).
  const DAY = 86_400_000;
  const perYear = opts.perSubscriberYear ?? 0.2;
  const activeCount = everyone.active.reduce((a, b) => a + b, 0);
  const historyCount = Math.round(perYear * activeCount * (362 / 365));
  for (let i = 0; i < historyCount; i++) {
    // Seasonal swing (±20 %, summer and the New Year peak higher) by rejection sampling.
    let daysBack = 0;
    for (let tries = 0; tries < 10; tries++) {
      daysBack = 3 + r() * 362;
      const month = new Date(now.getTime() - daysBack * DAY).getUTCMonth();
      if (r() < (1 + 0.2 * Math.cos(((month - 7) / 12) * 2 * Math.PI)) / 1.2) break;
    }
    const createdAt = new Date(now.getTime() - Math.floor(daysBack * 1440) * 60_000);
    const t = createdAt.getTime();
    const subscribed = (i: number) => everyone.joined[i] <= t && (Number.isNaN(everyone.churned[i]) || everyone.churned[i] > t);
    let i = Math.floor(r() * everyone.n);
    for (let tries = 0; tries < 20 && !subscribed(i); tries++) i = Math.floor(r() * everyone.n);
    if (!subscribed(i)) continue;
    add(everyone.at(i), createdAt, historyPlan(r), pickChannel(r()));
    await flush(FLUSH_AT);
  }
  // Recent: the open work of the last three days. States and agents go round in a fixed cycle,
  // so even a small base has work in progress in every team (queues, incidents, SLA demo).
  let k = 0;
  for (let i = 0; i < everyone.n; i++) {
    if (!everyone.active[i]) continue;
    const c = everyone.at(i);
    if (r() >= share) continue;
    r(); // keeps the random stream of earlier versions (the plan used to be drawn here)
    const plan = PLANS_BY_STATUS[RECENT_CYCLE[k % RECENT_CYCLE.length]];
    const createdAt = new Date(now.getTime() - Math.floor(r() * 72 * 60) * 60_000 - 60_000);
    add(c, createdAt, plan.steps, r() < 0.7 ? "HOTLINE" : pickChannel(r()), k);
    k++;
    await flush(FLUSH_AT);
  }
  await flush(1);
  // From contacts: its own random stream, after the rows above (which stay as they were).
  const rx = mulberry32((opts.seed ?? 6) + 104729);
  const indexOf = (customerId: number) => {
    let lo = 0;
    let hi = everyone.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (everyone.ids[mid] === customerId) return mid;
      if (everyone.ids[mid] < customerId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const links: Cell[][] = [];
  for (let after = 0; ;) {
    const { rows } = await client.query<{ id: number; customer_id: number; occurred_at: Date; channel: string }>(
      `SELECT id, customer_id, occurred_at, channel::text AS channel FROM interaction
       WHERE id > $1 AND disposition = 'COMPLAINT_OPENED' AND complaint_id IS NULL
         AND occurred_at > $2::timestamptz - interval '365 days' AND occurred_at < $2::timestamptz - interval '3 days'
       ORDER BY id LIMIT 100000`,
      [after, now],
    );
    if (!rows.length) break;
    for (const x of rows) {
      const k = indexOf(x.customer_id);
      if (k < 0) continue;
      const g = rx();
      const channel = ["HOTLINE", "APP", "ONLINE_CHAT", "WECHAT", "SERVICE_HALL", "EMAIL"].includes(x.channel) ? x.channel : "HOTLINE";
      add(everyone.at(k), x.occurred_at, historyPlan(rx, true), channel, undefined, g < 0.72 ? "GENERAL" : g < 0.92 ? "COMPLEX" : "MAJOR");
      links.push([id, x.id]);
      await flush(FLUSH_AT);
    }
    after = rows[rows.length - 1].id;
  }
  await flush(1);
  if (links.length) {
    await client.query(`CREATE TEMP TABLE seed_complaint_link (complaint_id int, interaction_id int)`);
    await copyRows(client, "seed_complaint_link", ["complaint_id", "interaction_id"], links);
    await client.query(`UPDATE complaint c SET source_interaction_id = l.interaction_id FROM seed_complaint_link l WHERE c.id = l.complaint_id`);
    await client.query(`UPDATE interaction i SET complaint_id = l.complaint_id FROM seed_complaint_link l WHERE i.id = l.interaction_id`);
    await client.query(`DROP TABLE seed_complaint_link`);
  }
  await client.query(`SELECT setval('complaint_no_seq', $1)`, [no]);
  await client.query(`SELECT setval(pg_get_serial_sequence('complaint', 'id'), GREATEST((SELECT max(id) FROM complaint), 1))`);
  return written;
}

/** Every customer in id order, as columns (typed arrays: 10 M customers in ≈ 250 MB, read in pages). */
async function loadCustomers(client: pg.ClientBase) {
  const ids: number[] = [];
  const lineIds: number[] = [];
  const active: number[] = [];
  const joined: number[] = [];
  const churned: number[] = [];
  for (let after = 0; ;) {
    const { rows } = await client.query<{ id: number; line_id: number | null; active: boolean; joined: Date; churned: Date | null }>(
      `SELECT c.id, (SELECT min(l.id) FROM line l WHERE l.customer_id = c.id) AS line_id, c.status = 'ACTIVE' AS active, c.joined_at AS joined, c.churned_at AS churned
       FROM customer c WHERE c.id > $1 ORDER BY c.id LIMIT 200000`,
      [after],
    );
    if (!rows.length) break;
    for (const x of rows) {
      ids.push(x.id);
      lineIds.push(x.line_id ?? 0);
      active.push(x.active ? 1 : 0);
      joined.push(x.joined.getTime());
      churned.push(x.churned ? x.churned.getTime() : Number.NaN);
    }
    after = rows[rows.length - 1].id;
  }
  const cols = {
    ids: Int32Array.from(ids),
    lineIds: Int32Array.from(lineIds),
    active: Uint8Array.from(active),
    joined: Float64Array.from(joined),
    churned: Float64Array.from(churned),
  };
  return { n: cols.ids.length, ...cols, at: (i: number) => ({ id: cols.ids[i], line_id: cols.lineIds[i] || null }) };
}

const COMPLAINT_COLUMNS = [
  "id",
  "complaint_no",
  "customer_id",
  "line_id",
  "channel",
  "category_id",
  "grade",
  "summary",
  "details",
  "status",
  "owner_id",
  "assignee_id",
  "team_id",
  "is_appeal",
  "value_tier",
  "idempotency_key",
  "sla_target_id",
  "calendar_id",
  "first_response_min",
  "feedback_min",
  "resolution_min",
  "cycle_min",
  "warn_ratio",
  "first_responded_at",
  "feedback_at",
  "resolved_at",
  "closed_at",
  "first_response_due_at",
  "feedback_due_at",
  "resolution_due_at",
  "cycle_due_at",
  "next_due_at",
  "next_warn_at",
  "is_sla_paused",
  "breached_at",
  "created_at",
  "updated_at",
  "root_cause_id",
] as const;

// ───────────────────────────── one complaint, for tests ─────────────────────────────

export interface ComplaintOverrides extends Partial<Omit<OpenComplaintInput, "categoryId">> {
  /** Who takes it (its owner, whose team it joins); default a new agent in a new team. */
  actor?: Actor;
  /** Category by code (default BILLING), or categoryId. */
  category?: string;
  categoryId?: number;
  /** The moment it is opened (the SLA clocks start here). */
  now?: Date;
  attachment?: AttachmentInput;
  /** Workflow steps after opening, in order, by the owner unless `by` (start, pend, resolve…). */
  steps?: Array<{ action: ComplaintAction; at?: Date; reason?: string; by?: Actor; rootCauseId?: number | null }>;
}

/**
 * A complaint opened through lib (openComplaint), so its number, SLA target, due dates and first
 * status change are the app's own; `steps` moves it on through transitionComplaint.
 * Returns the row as it is afterwards. A default customer is made with createCustomer.
 */
export async function createComplaint(overrides: ComplaintOverrides = {}): Promise<Complaint> {
  // Imported here: the demo seed loads this file for its bulk complaints without the app's client.
  const { db } = await import("@/lib/db");
  const { openComplaint } = await import("@/lib/complaints/intake");
  const { transitionComplaint } = await import("@/lib/complaints/transitions");
  const { rootCausesOfCategory } = await import("@/lib/complaints/root-cause-queries");
  const { actor: opener, category = "BILLING", categoryId, customerId, now, attachment, steps = [], ...input } = overrides;
  const actor = opener ?? (await createAgent({ teamId: (await createTeam()).id })).actor;
  const opened = await openComplaint(
    actor,
    {
      customerId: customerId ?? (await createCustomer()).customer.id,
      channel: "HOTLINE",
      categoryId: categoryId ?? (await db.complaintCategory.findUniqueOrThrow({ where: { code: category } })).id,
      grade: "GENERAL",
      summary: "本月话费多扣了20元",
      idempotencyKey: randomUUID(),
      ...given(input),
    },
    attachment ?? null,
    now,
  );
  for (const step of steps) {
    const { version, categoryId: cat } = await db.complaint.findUniqueOrThrow({ where: { id: opened.id }, select: { version: true, categoryId: true } });
    // A resolution says what was done and names a root cause of the category (the first, unless given).
    const resolution =
      step.action === "resolve"
        ? {
            reason: step.reason ?? "已核实并处理",
            rootCauseId: step.rootCauseId !== undefined ? step.rootCauseId : ((await rootCausesOfCategory(db, cat))[0]?.id ?? null),
          }
        : { reason: step.reason };
    await transitionComplaint(step.by ?? actor, { complaintId: opened.id, version, action: step.action, ...resolution }, step.at);
  }
  return db.complaint.findUniqueOrThrow({ where: { id: opened.id } });
}

// The Open API under load (issue 25): TMF621 trouble tickets through the route handlers, called
// in-process as an HTTP client would (a real Request with a real bearer token: the token lookup,
// rate limit, scope, lib call and the per-call audit row all run), 16 clients at once.
//   GET /troubleTicket/{id}        target p95 ≤ 20 ms at 1 M customers
//   GET /troubleTicket?filters     target p95 ≤ 50 ms
//   POST /troubleTicket            target p95 ≤ 40 ms
// Each with its floor: the same rows through plain pg. Used by scripts/bench.ts (the "Open API"
// block); on its own: node --conditions=react-server --import tsx scripts/bench-api.ts --customers N
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { Stats } from "./bench";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type Measure = (
  fn: (i: number) => Promise<unknown>,
  o: { concurrency: number; iterations: number; durationMs: number; warmup?: number },
) => Promise<Stats>;

export interface ApiBench {
  get: Stats;
  list: Stats;
  create: Stats;
  floorGet: Stats;
  floorList: Stats;
  floorCreate: Stats;
  /** Tickets in the client's scope the reads drew from. */
  tickets: number;
  failures: number;
}

/** The filters a list call rotates through (each narrowed by the client's team scope). */
function listPaths(customerIds: number[], since: string): string[] {
  return [
    "?status=inProgress,pending&limit=20",
    "?severity=complex,major&sort=-lastUpdate&limit=20",
    `?creationDate.gte=${encodeURIComponent(since)}&status=acknowledged,inProgress&limit=20`,
    ...customerIds.slice(0, 20).map((id) => `?relatedParty.id=${id}`),
    "?ticketType=BILLING&fields=status,severity,expectedResolutionDate&limit=50",
  ];
}

/**
 * Route modules import next/navigation (through the route pipeline). Next's server build resolves
 * it to its react-server variant; a plain `node --conditions=react-server` process does not (the
 * package has no exports map) and loads the client one, which needs React's client API. The bench
 * calls handlers in-process, so it resolves the module as Next's server layer does.
 */
async function serverLayerNavigation(): Promise<void> {
  const { default: Module } = await import("node:module");
  const m = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; __benchApiAlias?: boolean };
  if (m.__benchApiAlias) return;
  const resolve = m._resolveFilename;
  m._resolveFilename = function (request: string, ...rest: unknown[]) {
    // next/navigation.js is `require('./dist/client/components/navigation')`.
    const server = request === "next/navigation" || request === "./dist/client/components/navigation";
    return resolve.call(this, server ? "next/dist/client/components/navigation.react-server.js" : request, ...rest);
  };
  m.__benchApiAlias = true;
}

/** A minimal measure for a standalone run (bench.ts passes its own). */
const simpleMeasure: Measure = async (fn, o) => {
  let i = 0;
  const warm = o.warmup ?? o.concurrency * 6;
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      for (let k = i++; k < warm; k = i++) await fn(k);
    }),
  );
  i = 0;
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (i < o.iterations && performance.now() < t0 + o.durationMs) {
        const k = i++;
        const t = performance.now();
        await fn(k);
        lat.push(performance.now() - t);
      }
    }),
  );
  const s = lat.sort((a, b) => a - b);
  const at = (p: number) => Math.round((s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN) * 100) / 100;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: Math.round((s.length / (performance.now() - t0)) * 100000) / 100 };
};

export async function benchApi(opts: {
  pool: pg.Pool;
  customerIds: number[];
  quick?: boolean;
  measure?: Measure;
  owner?: string;
  /** Clients at once (16, the load; 1 shows a call's own latency). */
  concurrency?: number;
}): Promise<ApiBench> {
  const measure = opts.measure ?? simpleMeasure;
  const { pool } = opts;
  const q = opts.quick ?? false;
  const load = { concurrency: opts.concurrency ?? 16, iterations: q ? 100 : 2000, durationMs: q ? 1500 : 10000 };
  const { db } = await import("@/lib/db");
  const { createApiClient } = await import("@/tests/factories/api");
  await serverLayerNavigation();
  const ticketRoute = await import("@/app/tmf-api/troubleTicket/v5/troubleTicket/route");
  const oneRoute = await import("@/app/tmf-api/troubleTicket/v5/troubleTicket/[id]/route");

  // A client of agent1's team, as a self-service app would be registered (rate limit out of the way).
  const owner = await db.user.findUniqueOrThrow({ where: { username: opts.owner ?? "agent1" }, select: { id: true, teamId: true } });
  const client = await createApiClient({
    ownerId: owner.id,
    teamId: owner.teamId,
    scopes: ["ticket:read", "ticket:write"],
    rateLimitPerMinute: 100_000,
    name: `bench-api-${Date.now()}`,
  });
  const headers = { authorization: `Bearer ${client.token}`, "user-agent": "bench-api" };
  let failures = 0;
  const call = async (
    handler: Handler,
    path: string,
    init: { method?: string; body?: unknown; params?: Record<string, string>; extra?: Record<string, string> } = {},
    ok = 200,
  ) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const res = await handler(
      new Request(`http://localhost${path}`, {
        method: init.method ?? "GET",
        headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}), ...(init.extra ?? {}) },
        body,
      }),
      { params: Promise.resolve(init.params ?? {}) },
    );
    await res.arrayBuffer();
    if (res.status !== ok) failures++;
  };

  // Tickets in the client's scope (its team's, and its owner's), newest first.
  const ids = (
    await pool.query<{ id: number }>(`SELECT id FROM complaint WHERE team_id = $1 OR owner_id = $2 OR assignee_id = $2 ORDER BY id DESC LIMIT 2000`, [
      owner.teamId ?? -1,
      owner.id,
    ])
  ).rows.map((r) => r.id);
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const customersWithTickets = (
    await pool.query<{ customer_id: number }>(`SELECT DISTINCT customer_id FROM complaint WHERE team_id = $1 LIMIT 20`, [owner.teamId ?? -1])
  ).rows.map((r) => r.customer_id);
  const paths = listPaths(customersWithTickets.length ? customersWithTickets : opts.customerIds, since);

  const get = await measure((i) => {
    const id = String(ids[i % ids.length]);
    return call(oneRoute.GET, `/tmf-api/troubleTicket/v5/troubleTicket/${id}`, { params: { id } });
  }, load);
  const floorGet = await measure(
    (i) =>
      pool.query(
        `SELECT c.*, (SELECT json_agg(s ORDER BY s.at) FROM complaint_status_change s WHERE s.complaint_id = c.id) AS history,
                (SELECT json_agg(m ORDER BY m.at) FROM complaint_comment m WHERE m.complaint_id = c.id AND m.kind IN ('NOTE', 'FEEDBACK')) AS notes
         FROM complaint c WHERE c.id = $1`,
        [ids[i % ids.length]],
      ),
    load,
  );
  const list = await measure((i) => call(ticketRoute.GET, `/tmf-api/troubleTicket/v5/troubleTicket${paths[i % paths.length]}`), load);
  const floorList = await measure(
    () =>
      pool.query(
        `SELECT c.*, (SELECT json_agg(s ORDER BY s.at) FROM complaint_status_change s WHERE s.complaint_id = c.id) AS history
         FROM complaint c WHERE c.team_id = $1 AND c.status IN ('IN_PROGRESS', 'PENDING') ORDER BY c.created_at DESC, c.id DESC LIMIT 20`,
        [owner.teamId ?? -1],
      ),
    load,
  );
  const cat = (await pool.query<{ id: number }>(`SELECT id FROM complaint_category WHERE code = 'BILLING'`)).rows[0];
  const create = await measure(
    (i) =>
      call(
        ticketRoute.POST,
        "/tmf-api/troubleTicket/v5/troubleTicket",
        {
          method: "POST",
          extra: { "idempotency-key": crypto.randomUUID() },
          body: {
            "@type": "TroubleTicket",
            // Cancelled at the end of the run with the other benchmark complaints (bench.ts CANCEL_BENCH_COMPLAINTS).
            name: "bench complaint",
            description: "Charged for a data pack I did not order",
            severity: "general",
            ticketType: "BILLING",
            relatedParty: [
              {
                "@type": "RelatedPartyRefOrPartyRoleRef",
                role: "customer",
                partyOrPartyRole: { "@type": "PartyRef", id: String(opts.customerIds[i % opts.customerIds.length]) },
              },
            ],
          },
        },
        201,
      ),
    { ...load, iterations: q ? 48 : 800 },
  );
  const floorCreate = await measure(
    async (i) => {
      const c = await pool.connect();
      try {
        await c.query("BEGIN");
        const r = await c.query<{ id: number }>(
          `INSERT INTO complaint (complaint_no, customer_id, channel, category_id, grade, summary, owner_id, team_id, idempotency_key, calendar_id,
             first_response_min, feedback_min, resolution_min, cycle_min)
           VALUES ('BENCH-' || gen_random_uuid(), $1, 'APP', $2, 'GENERAL', 'floor', $3, $4, gen_random_uuid()::text,
             (SELECT min(id) FROM business_calendar), 60, 1440, 2880, 4320) RETURNING id`,
          [opts.customerIds[i % opts.customerIds.length], cat.id, owner.id, owner.teamId],
        );
        await c.query(`INSERT INTO complaint_status_change (complaint_id, action, to_status, actor_id) VALUES ($1, 'open', 'ACKNOWLEDGED', $2)`, [
          r.rows[0].id,
          owner.id,
        ]);
        await c.query(`INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id) VALUES ($1, 'bench', 'complaint.opened', 'complaint', $2)`, [
          owner.id,
          String(r.rows[0].id),
        ]);
        await c.query("ROLLBACK");
      } finally {
        c.release();
      }
    },
    { ...load, iterations: q ? 48 : 800 },
  );
  await pool.query(
    `UPDATE complaint SET status = 'CANCELLED', next_due_at = NULL, next_warn_at = NULL
     WHERE summary = 'bench complaint' AND status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED')`,
  );
  await db.apiClient.update({ where: { id: client.client.id }, data: { disabledAt: new Date() } });
  return { get, list, create, floorGet, floorList, floorCreate, tickets: ids.length, failures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openStandaloneBench } = await import("./lib/bench-db");
  const { customers, bench, pool } = await openStandaloneBench({ poolMax: 16, env: { DATABASE_POOL_SIZE: "20" } });
  try {
    const customerIds = (await pool.query<{ id: number }>(`SELECT id FROM customer WHERE status = 'ACTIVE' ORDER BY id LIMIT 2000`)).rows.map((r) => r.id);
    const i = process.argv.indexOf("--concurrency");
    const concurrency = i > 0 ? Number(process.argv[i + 1]) : 16;
    const r = await benchApi({ pool, customerIds, quick: process.argv.includes("--quick"), concurrency });
    const row = (what: string, s: Stats, f: Stats, target: number) =>
      console.log(
        `  ${what.padEnd(34)} p50 ${s.p50.toFixed(1).padStart(6)}  p95 ${s.p95.toFixed(1).padStart(6)} ms  (floor p95 ${f.p95.toFixed(1)} ms, n=${s.n}; target ≤ ${target} ms)`,
      );
    console.log(
      `Open API (TMF621) at ${customers.toLocaleString("en")} customers, ${concurrency} concurrent clients, ${r.tickets} tickets in scope, ${r.failures} failed calls`,
    );
    row("GET troubleTicket/{id}", r.get, r.floorGet, 20);
    row("GET troubleTicket (filters)", r.list, r.floorList, 50);
    row("POST troubleTicket", r.create, r.floorCreate, 40);
  } finally {
    await pool.end();
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await bench.stop();
  }
}

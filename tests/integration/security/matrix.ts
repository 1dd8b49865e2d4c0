// The authorization matrix: one entry per server action / route handler ("file#export").
// The test (authorization-matrix.test.ts) discovers every endpoint from the code and fails when
// one has no entry here. To add yours, see README → Security → "Adding an action to the matrix".
import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { Outcome } from "./outcome";

export const ACTOR_KEYS = ["anonymous", "agent", "otherTeamAgent", "supervisor", "manager", "admin"] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];
export type Scope = "own" | "other";
/** The same outcome for both records, or one per record. */
export type Expectation = Outcome | { own: Outcome; other: Outcome };

export interface MatrixActors {
  /** agent1 — "own" records belong to this agent / their team (Hotline Team 1). */
  agent: Actor;
  /** agent2 — an agent of another team: "own" records are out of their scope. */
  otherTeamAgent: Actor;
  supervisor: Actor; // supervisor1, same team as `agent`
  manager: Actor;
  admin: Actor;
}

export interface CallContext<R> {
  actor: Actor | null;
  actors: MatrixActors;
  /** The record of this case (from `records`), or undefined for endpoints without records. */
  record: R;
  scope: Scope | undefined;
}

export interface ActionEntry<R = unknown> {
  /**
   * Builds one record in the agent's scope ("own") and one outside it ("other"). Called afresh
   * for every case, so an allowed destructive call never affects the next case.
   */
  records?: (actors: MatrixActors) => Promise<{ own: R; other: R }>;
  /** Calls the endpoint with VALID input (a validation error fails the matrix). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call: (fn: any, ctx: CallContext<R>) => Promise<unknown>;
  expect: Record<ActorKey, Expectation>;
}

/** An endpoint reachable without a session by design; the reason is required. */
export interface PublicEntry {
  public: string;
}

export type MatrixEntry = ActionEntry | PublicEntry;

/** Helper: only these keys are allowed, everybody logged in otherwise gets `forbidden`. */
export function onlyFor(...allowed: Exclude<ActorKey, "anonymous">[]): Record<ActorKey, Outcome> {
  return {
    anonymous: "unauth",
    agent: allowed.includes("agent") ? "allow" : "forbidden",
    otherTeamAgent: allowed.includes("otherTeamAgent") ? "allow" : "forbidden",
    supervisor: allowed.includes("supervisor") ? "allow" : "forbidden",
    manager: allowed.includes("manager") ? "allow" : "forbidden",
    admin: allowed.includes("admin") ? "allow" : "forbidden",
  };
}
export const EVERY_ROLE = onlyFor("agent", "otherTeamAgent", "supervisor", "manager", "admin");
export const ANYONE: Record<ActorKey, Outcome> = { ...EVERY_ROLE, anonymous: "allow" };

function get(path: string) {
  return new Request(`http://localhost${path}`);
}

const uniq = () => crypto.randomBytes(5).toString("hex");

/** A throwaway user in the agent's team ("own") and in the other agent's team ("other"). */
async function userRecords(actors: MatrixActors) {
  const make = (teamId: number | null) =>
    db.user.create({
      data: { username: `mx_${uniq()}`, displayName: "Matrix target", role: "AGENT", teamId, passwordHash: "not-a-hash", failedLogins: 5, lockedUntil: new Date(Date.now() + 3_600_000) },
      select: { id: true, version: true, teamId: true },
    });
  return { own: await make(actors.agent.teamId), other: await make(actors.otherTeamAgent.teamId) };
}
type UserRecord = Awaited<ReturnType<typeof userRecords>>["own"];
const ADMIN_ONLY = onlyFor("admin");
const SEGMENT_ROLES = onlyFor("manager", "admin");

/** A dynamic segment (membership empty until refreshed) in place of "own" and "other". */
async function segmentRecords() {
  const make = () =>
    db.segment.create({
      data: { name: `mx ${uniq()}`, kind: "DYNAMIC", definition: { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "city", op: "eq", value: "杭州市" }] } },
      select: { id: true },
    });
  return { own: await make(), other: await make() };
}

async function waitForValueJob(id: number) {
  for (let i = 0; i < 600; i++) {
    const j = await db.valueJob.findUnique({ where: { id }, select: { status: true } });
    if (!j || j.status === "SUCCEEDED" || j.status === "FAILED") return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------
// Entries, grouped by capability. Keep them next to each other per file.
// ---------------------------------------------------------------------------------------------
export const MATRIX: Record<string, MatrixEntry> = {
  // Foundation: shell and session
  "app/actions.ts#setLocaleAction": { call: (fn) => fn("en"), expect: ANYONE },
  "app/actions.ts#logoutAction": { call: (fn) => fn(), expect: EVERY_ROLE },
  "app/(app)/customers/actions.ts#searchCustomersAction": { call: (fn) => fn({ q: "138" + "0" }), expect: EVERY_ROLE },

  // Trust: user administration (admins only; users are not team-scoped for an admin)
  "app/(app)/admin/users/actions.ts#createUserAction": {
    call: (fn, { actors }) => fn({ username: `mx_new_${uniq()}`, displayName: "New agent", role: "AGENT", teamId: actors.agent.teamId, password: "Matrix-pass-2026" }),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/users/actions.ts#updateUserAction": {
    records: userRecords,
    call: (fn, { record }) => fn({ userId: (record as UserRecord).id, version: (record as UserRecord).version, displayName: "Renamed", role: "SUPERVISOR", teamId: (record as UserRecord).teamId }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/users/actions.ts#setUserActiveAction": { records: userRecords, call: (fn, { record }) => fn({ userId: (record as UserRecord).id, active: false }), expect: ADMIN_ONLY } as ActionEntry,
  "app/(app)/admin/users/actions.ts#resetUserPasswordAction": {
    records: userRecords,
    call: (fn, { record }) => fn({ userId: (record as UserRecord).id, password: "Reset-pass-2026" }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/users/actions.ts#unlockUserAction": { records: userRecords, call: (fn, { record }) => fn({ userId: (record as UserRecord).id }), expect: ADMIN_ONLY } as ActionEntry,
  "app/(app)/admin/users/actions.ts#updateSessionPolicyAction": { call: (fn) => fn({ idleMinutes: 30, absoluteHours: 12 }), expect: ADMIN_ONLY },

  "app/(app)/admin/audit/export/route.ts#GET": { call: (fn) => fn(get("/admin/audit/export?action=user.")), expect: ADMIN_ONLY },

  // Value, churn and segments (issue 8). Job-starting calls wait for the job so its writes never
  // overlap the next case's fingerprint.
  "app/(app)/admin/value/actions.ts#startValueJobAction": {
    call: async (fn) => {
      const r = (await fn("RESCORE")) as { ok: boolean; data?: { id: number } } | undefined;
      if (r?.ok && r.data) await waitForValueJob(r.data.id);
      return r;
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/value/actions.ts#getValueJobAction": {
    records: async () => {
      const make = () => db.valueJob.create({ data: { kind: "RESCORE", status: "SUCCEEDED", progress: 100, trigger: "matrix", finishedAt: new Date() }, select: { id: true } });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn((record as { id: number }).id),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/value/actions.ts#saveValueSettingsAction": {
    call: async (fn) => {
      const current = await db.valueSettings.findFirstOrThrow({ orderBy: { version: "desc" }, select: { version: true } });
      const form = new FormData();
      const fields: Record<string, string> = {
        expectedVersion: String(current.version), weightProfitability: "35", weightLoyalty: "20", weightPotential: "15", weightSatisfaction: "15",
        weightCredit: "15", tierMode: "ABSOLUTE", tierDiamond: "85", tierGold: "70", tierSilver: "50", churnMedium: "30", churnHigh: "60",
      };
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return fn(null, form);
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/value/actions.ts#saveOfferRuleAction": {
    records: async () => {
      const make = () =>
        db.offerRule.create({ data: { code: `MX_${uniq()}`, nameZh: "矩阵", nameEn: "Matrix", condition: "ROAMER", threshold: 99, priority: 999, isActive: false }, select: { id: true, version: true } });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => {
      const r = record as { id: number; version: number };
      const form = new FormData();
      for (const [k, v] of Object.entries({ id: String(r.id), expectedVersion: String(r.version), nameZh: "矩阵", nameEn: "Matrix", threshold: "98", priority: "999" })) form.set(k, v);
      return fn(null, form);
    },
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/segments/actions.ts#countSegmentAction": {
    call: (fn) => fn({ kind: "group", combinator: "AND", children: [{ kind: "condition", field: "tier", op: "in", value: ["GOLD"] }] }),
    expect: SEGMENT_ROLES,
  },
  "app/(app)/segments/actions.ts#saveSegmentAction": {
    call: (fn) => fn({ name: `mx ${uniq()}`, description: "", kind: "STATIC", rules: { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "city", op: "eq", value: "杭州市" }] } }),
    expect: SEGMENT_ROLES,
  },
  "app/(app)/segments/actions.ts#refreshSegmentAction": {
    records: segmentRecords,
    call: (fn, { record }) => fn((record as { id: number }).id),
    expect: SEGMENT_ROLES,
  } as ActionEntry,
  "app/(app)/segments/actions.ts#discoverAction": { call: (fn) => fn(3), expect: SEGMENT_ROLES },
  "app/(app)/segments/actions.ts#saveClusterAction": {
    call: (fn) =>
      fn({ name: `mx cluster ${uniq()}`, k: 2, cluster: 0, centroids: [[50, 1000, 24], [150, 8000, 60]], mean: [100, 4000, 40], std: [40, 3000, 30] }),
    expect: SEGMENT_ROLES,
  },
  "app/api/segments/[id]/export/route.ts#GET": {
    records: segmentRecords,
    call: (fn, { record }) => fn(get(`/api/segments/${(record as { id: number }).id}/export`), { params: Promise.resolve({ id: String((record as { id: number }).id) }) }),
    expect: SEGMENT_ROLES,
  } as ActionEntry,

  // Route handlers
  "app/api/health/route.ts#GET": { call: (fn) => fn(get("/api/health")), expect: ANYONE },
  "app/api/ready/route.ts#GET": { call: (fn) => fn(get("/api/ready")), expect: ANYONE },
  "app/api/auth/[...nextauth]/route.ts#GET": { public: "next-auth's sign-in/session/csrf endpoints; login is covered by tests/integration/auth.test.ts and the e2e login journeys" },
  "app/api/auth/[...nextauth]/route.ts#POST": { public: "next-auth credentials sign-in (throttled and audited in lib/auth/login.ts)" },
};

// The authorization matrix: one entry per server action / route handler ("file#export").
// The test (authorization-matrix.test.ts) discovers every endpoint from the code and fails when
// one has no entry here. To add yours, see README → Security → "Adding an action to the matrix".
import crypto from "node:crypto";
import { generateSync } from "otplib";
import { db } from "@/lib/db";
import { encryptPii } from "@/lib/pii/crypto";
import { startMfaEnrolment } from "@/lib/auth/mfa";
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

/** Puts the actor's second factor in a known state before an MFA action runs. */
async function setMfa(actor: Actor, on: boolean): Promise<string> {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  await db.user.update({ where: { id: actor.id }, data: { mfaSecretEnc: on ? encryptPii(secret) : null, mfaEnabledAt: on ? new Date() : null } });
  return secret;
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
  "app/(app)/admin/users/actions.ts#resetUserMfaAction": { records: userRecords, call: (fn, { record }) => fn({ userId: (record as UserRecord).id }), expect: ADMIN_ONLY } as ActionEntry,
  "app/(app)/admin/users/actions.ts#updateSessionPolicyAction": { call: (fn) => fn({ idleMinutes: 30, absoluteHours: 12 }), expect: ADMIN_ONLY },

  "app/(app)/admin/audit/export/route.ts#GET": { call: (fn) => fn(get("/admin/audit/export?action=user.")), expect: ADMIN_ONLY },

  // Trust: the user's own second factor (admins must keep theirs)
  "app/account/mfa/actions.ts#startMfaEnrolmentAction": {
    call: async (fn, { actor }) => {
      if (actor) await setMfa(actor, false);
      return fn();
    },
    expect: EVERY_ROLE,
  },
  "app/account/mfa/actions.ts#confirmMfaEnrolmentAction": {
    call: async (fn, { actor }) => {
      if (!actor) return fn({ code: "123456" });
      await setMfa(actor, false);
      const { secret } = await startMfaEnrolment(actor);
      return fn({ code: generateSync({ secret }) });
    },
    expect: EVERY_ROLE,
  },
  "app/account/mfa/actions.ts#disableMfaAction": {
    // Everybody's second factor is on (set up before the database fingerprint is taken).
    records: async (actors) => {
      let secret = "";
      for (const a of Object.values(actors)) secret = await setMfa(a, true);
      return { own: secret, other: secret };
    },
    call: (fn, { record }) => fn({ code: generateSync({ secret: record as string }) }),
    expect: { ...EVERY_ROLE, admin: "forbidden" },
  } as ActionEntry,

  // Route handlers
  "app/api/health/route.ts#GET": { call: (fn) => fn(get("/api/health")), expect: ANYONE },
  "app/api/ready/route.ts#GET": { call: (fn) => fn(get("/api/ready")), expect: ANYONE },
  "app/api/auth/[...nextauth]/route.ts#GET": { public: "next-auth's sign-in/session/csrf endpoints; login is covered by tests/integration/auth.test.ts and the e2e login journeys" },
  "app/api/auth/[...nextauth]/route.ts#POST": { public: "next-auth credentials sign-in (throttled and audited in lib/auth/login.ts)" },
};

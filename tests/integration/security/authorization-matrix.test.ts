// The authorization matrix: every server action and route handler (discovered from the code) ×
// {anonymous, agent, agent of another team, supervisor, manager, admin} × {own, out-of-scope record}
// → allow / unauth / forbidden / notFound. Refusals must leave the database unchanged and write
// no audit row. The session is mocked per actor; the database is the real one.
import { describe, test, expect, vi, beforeAll } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { discoverEndpoints, discoverInlineServerFunctions, notBuiltByPipeline, PIPELINE_EXCEPTIONS } from "./registry";
import {
  MATRIX,
  loadMatrixActors,
  ACTOR_KEYS,
  REFUSED_ACTOR_KEYS,
  DURING_MFA_ENROLMENT,
  createRefusedActors,
  sessionCookieFor,
  type ActorKey,
  type ActionEntry,
  type MatrixActors,
  type RefusedActor,
  type RefusedActorKey,
  type Scope,
} from "./matrix";
import { outcomeOfThrown, outcomeOfValue } from "./outcome";
import { fingerprint, lastAuditId, auditRowsSince } from "./db-fingerprint";

// `real`: the refused actors (deactivated, expired session, MFA not enrolled) go through the real
// getActor() with a real session cookie; the six matrix actors are set directly.
const state = vi.hoisted(() => ({ actor: null as Actor | null, real: false, cookies: new Map<string, string>() }));

vi.mock("@/lib/auth/current-actor", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/current-actor")>();
  const { redirect } = await import("next/navigation");
  return {
    ...original,
    getActor: async () => (state.real ? original.getActor() : state.actor),
    requireActor: async () => {
      if (state.real) return original.requireActor();
      if (!state.actor) redirect("/login");
      return state.actor;
    },
  };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (n: string) => (state.cookies.has(n) ? { name: n, value: state.cookies.get(n) } : undefined),
    getAll: () => [...state.cookies].map(([name, value]) => ({ name, value })),
    has: (n: string) => state.cookies.has(n),
    set: (n: string, v: string) => void state.cookies.set(n, v),
    delete: (n: string) => void state.cookies.delete(n),
  }),
  headers: async () => new Headers({ "user-agent": "vitest-matrix", "x-forwarded-for": "198.51.100.7" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
// Outside a Next.js server there is no request config for next-intl: CSV routes translate their
// headers with the real English messages.
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const messages = (await import("@/messages/en.json")).default;
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }),
    getLocale: async () => "en",
  };
});

let actors: MatrixActors;
let refused: Record<RefusedActorKey, RefusedActor>;
const endpoints = await discoverEndpoints();

beforeAll(async () => {
  actors = await loadMatrixActors();
  refused = await createRefusedActors(actors);
  expect(actors.agent.teamId).not.toBe(actors.otherTeamAgent.teamId);
  expect(actors.supervisor.teamId).toBe(actors.agent.teamId);
});

function actorOf(key: ActorKey): Actor | null {
  return key === "anonymous" ? null : actors[key];
}

async function run(entry: ActionEntry, fn: (...a: unknown[]) => unknown, key: ActorKey, scope: Scope | undefined, record: unknown) {
  const actor = actorOf(key);
  state.actor = actor;
  state.cookies.clear();
  try {
    return outcomeOfValue(await entry.call(fn, { actor, actors, record, scope }), !!actor);
  } catch (e) {
    return outcomeOfThrown(e, !!actor);
  } finally {
    state.actor = null;
  }
}

/** Calls the endpoint as a refused actor: a real session cookie through the real getActor(). */
async function runRefused(
  entry: ActionEntry,
  fn: (...a: unknown[]) => unknown,
  r: RefusedActor,
  cookie: Awaited<ReturnType<typeof sessionCookieFor>>,
  record: unknown,
) {
  const loggedIn = r.key === "unenrolledAdmin";
  state.real = true;
  state.actor = null;
  state.cookies.clear();
  state.cookies.set(cookie.name, cookie.value);
  try {
    // Without a valid session the endpoint sees nobody: the call's own set-up gets no actor either.
    return outcomeOfValue(await entry.call(fn, { actor: loggedIn ? cookie.actor : null, actors, record, scope: entry.records ? "own" : undefined }), loggedIn);
  } catch (e) {
    return outcomeOfThrown(e, loggedIn);
  } finally {
    state.real = false;
    state.cookies.clear();
  }
}

/** What a refused actor gets: the deactivated and the expired session what an anonymous visitor
 *  gets; the admin without a second factor "forbidden", but for the enrolment steps. */
function refusedExpectation(id: string, entry: ActionEntry, key: RefusedActorKey): string {
  if (key === "unenrolledAdmin") return DURING_MFA_ENROLMENT[id] ?? "forbidden";
  const anon = entry.expect.anonymous;
  return typeof anon === "string" ? anon : anon.own;
}

describe("endpoint registry", () => {
  test("finds the server actions and route handlers", () => {
    expect(endpoints.length).toBeGreaterThan(3);
    expect(endpoints.map((e) => e.id)).toContain("app/(app)/customers/actions.ts#searchCustomersAction");
  });

  test("every server action and route handler has a row in the authorization matrix", () => {
    const missing = endpoints.map((e) => e.id).filter((id) => !(id in MATRIX));
    expect(
      missing,
      `These endpoints are not in tests/integration/security/matrix.ts. Add one entry per endpoint with the expected outcome for every actor (docs/security.md → "Adding an action to the matrix"):\n  ${missing.join("\n  ")}\n`,
    ).toEqual([]);
  });

  test("every server action and route handler is built by a pipeline", () => {
    const hand = notBuiltByPipeline(endpoints).map((e) => `${e.id}  (${e.builtBy ? `built by ${e.builtBy}()` : "hand-written"}; needs ${e.kind}())`);
    expect(
      hand,
      `These endpoints are not built by their pipeline. Write each server action as \`export const xAction = action(schema, libFn, { revalidate })\` (lib/shared/action.ts) and each route handler as \`export const GET = route({ permission, params, query }, handler)\` (lib/shared/route.ts); see docs/building-a-feature.md §2–3. A deliberate exception goes into PIPELINE_EXCEPTIONS in tests/integration/security/registry.ts with its reason:\n  ${hand.join("\n  ")}\n`,
    ).toEqual([]);
  });

  test('no inline "use server" functions: server functions are exports of an actions.ts built by action()', () => {
    const inline = discoverInlineServerFunctions().map((d) => `${d.file}:${d.line}  ${d.name}`);
    expect(
      inline,
      `These functions start with "use server" inside another module, so no pipeline checks their session, parses their input or maps their errors, and the matrix cannot call them. Move each into the actions.ts next to its page as \`export const xAction = action(schema, libFn)\`:\n  ${inline.join("\n  ")}\n`,
    ).toEqual([]);
  });

  test("every pipeline exception names an endpoint that exists", () => {
    const ids = new Set(endpoints.map((e) => e.id));
    expect(Object.keys(PIPELINE_EXCEPTIONS).filter((id) => !ids.has(id))).toEqual([]);
  });

  test("the matrix has no rows for endpoints that no longer exist", () => {
    const ids = new Set(endpoints.map((e) => e.id));
    expect(Object.keys(MATRIX).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe.each(endpoints.filter((e) => e.id in MATRIX && !("public" in MATRIX[e.id]!)).map((e) => [e.id, e] as const))("%s", (id, endpoint) => {
  const entry = MATRIX[id] as ActionEntry;
  const scopes: Array<Scope | undefined> = entry.records ? ["own", "other"] : [undefined];
  const cases = ACTOR_KEYS.flatMap((key) =>
    scopes.map((scope) => {
      const exp = entry.expect[key];
      return { key, scope, expected: typeof exp === "string" ? exp : exp[scope ?? "own"] };
    }),
  );

  test("refusals change nothing and write no audit row", async () => {
    const denied = cases.filter((c) => c.expected !== "allow");
    const records = await Promise.all(denied.map(() => (entry.records ? entry.records(actors) : Promise.resolve({ own: undefined, other: undefined }))));
    const before = await fingerprint();
    const auditBefore = await lastAuditId();
    const got: string[] = [];
    for (const [i, c] of denied.entries()) {
      const outcome = await run(entry, endpoint.fn, c.key, c.scope, c.scope ? records[i]![c.scope] : undefined);
      got.push(`${c.key}${c.scope ? `/${c.scope}` : ""} → ${outcome}`);
    }
    expect(got).toEqual(denied.map((c) => `${c.key}${c.scope ? `/${c.scope}` : ""} → ${c.expected}`));
    expect(await fingerprint(), "a refused request changed the database").toEqual(before);
    expect(await auditRowsSince(auditBefore), "a refused request wrote an audit row").toEqual([]);
  });

  test("a deactivated user, an expired session and an admin without a second factor are refused, and change nothing", async () => {
    const keys = REFUSED_ACTOR_KEYS.filter((k) => refusedExpectation(id, entry, k) !== "allow");
    const got: string[] = [];
    // Sessions and records first: they are set-up, not the refused requests' doing.
    const records = await Promise.all(keys.map(() => (entry.records ? entry.records(actors) : Promise.resolve({ own: undefined, other: undefined }))));
    const cookies = [];
    for (const k of keys) cookies.push(await sessionCookieFor(refused[k]));
    const before = await fingerprint();
    const auditBefore = await lastAuditId();
    for (const [i, k] of keys.entries()) got.push(`${k} → ${await runRefused(entry, endpoint.fn, refused[k], cookies[i]!, records[i]!.own)}`);
    expect(got).toEqual(keys.map((k) => `${k} → ${refusedExpectation(id, entry, k)}`));
    expect(await fingerprint(), "a refused request changed the database").toEqual(before);
    expect(await auditRowsSince(auditBefore), "a refused request wrote an audit row").toEqual([]);
  });

  const allowed = cases.filter((c) => c.expected === "allow");
  if (allowed.length) {
    test("allowed actors get through", async () => {
      const got: string[] = [];
      for (const c of allowed) {
        const records = entry.records ? await entry.records(actors) : undefined;
        const outcome = await run(entry, endpoint.fn, c.key, c.scope, c.scope && records ? records[c.scope] : undefined);
        got.push(`${c.key}${c.scope ? `/${c.scope}` : ""} → ${outcome}`);
      }
      expect(got).toEqual(allowed.map((c) => `${c.key}${c.scope ? `/${c.scope}` : ""} → allow`));
    });
  }
});

// Issue 19: the ids beside the main one (a line, an assignee, a compensation) pointed at other
// customers' and other teams' records. Each is refused (not found, forbidden, or a validation
// error), never carried out, and leaves nothing behind.
describe("secondary ids pointing at other customers' and other teams' records", () => {
  const fnOf = (id: string) => endpoints.find((e) => e.id === id)!.fn;
  const REFUSED = ["notFound", "forbidden", "unexpected:error validation"];
  async function customerAndForeignLine() {
    const customer = await db.customer.findFirstOrThrow({
      where: { contactPhone: { not: null }, lines: { some: {} } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const foreign = await db.line.findFirstOrThrow({ where: { customerId: { not: customer.id } }, orderBy: { id: "desc" }, select: { id: true } });
    return { customerId: customer.id, foreignLineId: foreign.id };
  }
  async function refusedAs(key: Exclude<ActorKey, "anonymous">, id: string, call: () => unknown) {
    const before = await fingerprint();
    const auditBefore = await lastAuditId();
    state.actor = actors[key];
    let outcome: string;
    try {
      outcome = outcomeOfValue(await call(), true);
    } catch (e) {
      outcome = outcomeOfThrown(e, true);
    } finally {
      state.actor = null;
    }
    expect(REFUSED, `${id} as ${key}`).toContain(outcome);
    expect(await fingerprint(), "a refused request changed the database").toEqual(before);
    expect(await auditRowsSince(auditBefore), "a refused request wrote an audit row").toEqual([]);
  }

  test("a complaint opened on a customer with another customer's line", async () => {
    const { customerId, foreignLineId } = await customerAndForeignLine();
    // A skill nobody has: intake routing leaves it in the other team's queue (lib/routing).
    const category = await db.complaintCategory.create({
      data: { code: `MX_SEC_${Date.now()}`, nameZh: "矩阵", nameEn: "Matrix", skillTags: ["matrix-nobody"] },
    });
    const id = "app/(app)/complaints/actions.ts#openComplaintAction";
    await refusedAs("agent", id, () =>
      fnOf(id)({
        customerId,
        lineId: foreignLineId,
        channel: "HOTLINE",
        categoryId: category.id,
        grade: "GENERAL",
        summary: "x",
        idempotencyKey: `mx-sec-${Date.now()}`,
      }),
    );
  });

  test("an interaction logged on a customer with another customer's line", async () => {
    const { customerId, foreignLineId } = await customerAndForeignLine();
    const reason = await db.interactionReason.findFirstOrThrow({ where: { isActive: true } });
    const id = "app/(app)/customers/[id]/actions.ts#logInteractionAction";
    await refusedAs("agent", id, () =>
      fnOf(id)({
        customerId,
        lineId: foreignLineId,
        channel: "HOTLINE",
        direction: "INBOUND",
        reasonCode: reason.code,
        disposition: "INFO_PROVIDED",
        notes: "x",
      }),
    );
  });

  test("another customer's line number revealed through a customer the caller has open", async () => {
    const { customerId, foreignLineId } = await customerAndForeignLine();
    const id = "app/(app)/customers/[id]/actions.ts#revealPiiAction";
    await refusedAs("supervisor", id, () => fnOf(id)({ customerId, field: "msisdn", lineId: foreignLineId, reason: "Customer asked to verify the number" }));
  });

  // Handing a team's complaint over to another team is allowed by design (lib/complaints/assignment.ts:
  // a supervisor may transfer their team's complaint); the assignee must still be someone who handles complaints.
  test("a team's complaint assigned to someone who does not handle complaints (an admin, a deactivated agent)", async () => {
    const complaint = await db.complaint.findFirstOrThrow({
      where: { teamId: actors.supervisor.teamId!, status: { in: ["ACKNOWLEDGED", "IN_PROGRESS"] } },
      orderBy: { id: "desc" },
    });
    const id = "app/(app)/complaints/actions.ts#assignComplaintAction";
    const inactive = await db.user.create({
      data: {
        username: `mx_inactive_${Date.now()}`,
        displayName: "Inactive",
        role: "AGENT",
        teamId: actors.supervisor.teamId,
        passwordHash: "x",
        isActive: false,
      },
    });
    for (const assigneeId of [actors.admin.id, inactive.id]) {
      await refusedAs("supervisor", id, () => fnOf(id)({ complaintId: complaint.id, version: complaint.version, assigneeId, note: "x" }));
    }
  });

  test("another team's compensation decided through one's own team's complaint", async () => {
    const own = await db.complaint.findFirstOrThrow({ where: { teamId: actors.supervisor.teamId! }, orderBy: { id: "desc" } });
    // A compensation waiting for approval on a complaint of the other team (above the agent's limit).
    const { requestCompensation } = await import("@/lib/complaints/compensation");
    const { openComplaint } = await import("@/lib/complaints/intake");
    // A skill nobody has: intake routing leaves it in the other team's queue (lib/routing).
    const category = await db.complaintCategory.create({
      data: { code: `MX_SEC_${Date.now()}`, nameZh: "矩阵", nameEn: "Matrix", skillTags: ["matrix-nobody"] },
    });
    const c = await openComplaint(actors.otherTeamAgent, {
      customerId: own.customerId,
      channel: "HOTLINE",
      categoryId: category.id,
      grade: "COMPLEX",
      summary: "x",
      idempotencyKey: `mx-sec-${Date.now()}`,
    });
    const r = await requestCompensation(actors.otherTeamAgent, { complaintId: c.id, kind: "CREDIT", amount: 999_999, reason: "Matrix compensation" });
    const comp = await db.complaintCompensation.findUniqueOrThrow({ where: { id: r.id } });
    expect(comp.status).toBe("PENDING_APPROVAL");
    const id = "app/(app)/complaints/actions.ts#decideCompensationAction";
    await refusedAs("supervisor", id, () => fnOf(id)({ complaintId: own.id, compensationId: comp.id, version: comp.version, approve: false }));
  });
});

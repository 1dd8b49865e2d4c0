// The authorization matrix: every server action and route handler (discovered from the code) ×
// {anonymous, agent, agent of another team, supervisor, manager, admin} × {own, out-of-scope record}
// → allow / unauth / forbidden / notFound. Refusals must leave the database unchanged and write
// no audit row. The session is mocked per actor; the database is the real one.
import { describe, test, expect, vi, beforeAll } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { discoverEndpoints, discoverInlineServerFunctions, notBuiltByPipeline, PIPELINE_EXCEPTIONS } from "./registry";
import { MATRIX, loadMatrixActors, ACTOR_KEYS, type ActorKey, type ActionEntry, type MatrixActors, type Scope } from "./matrix";
import { outcomeOfThrown, outcomeOfValue } from "./outcome";
import { fingerprint, lastAuditId, auditRowsSince } from "./db-fingerprint";

const state = vi.hoisted(() => ({ actor: null as Actor | null, cookies: new Map<string, string>() }));

vi.mock("@/lib/auth/current-actor", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/current-actor")>();
  const { redirect } = await import("next/navigation");
  return {
    ...original,
    getActor: async () => state.actor,
    requireActor: async () => {
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
  return { getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }) };
});

let actors: MatrixActors;
const endpoints = await discoverEndpoints();

beforeAll(async () => {
  actors = await loadMatrixActors();
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

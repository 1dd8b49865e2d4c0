// Rate limits shared by every app node (PostgreSQL token buckets, lib/shared/rate-limit.ts) on the
// import upload and the public survey answer (login and search are covered in login-sessions.test.ts
// and the header search action).
import { describe, test, expect, vi, beforeEach } from "vitest";
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { actorFor } from "./helpers";

const state = vi.hoisted(() => ({ actor: null as Actor | null, ip: "198.51.100.1" }));
vi.mock("@/lib/auth/current-actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-actor")>()),
  getActor: async () => state.actor,
  requireActor: async () => state.actor,
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
  headers: async () => new Headers({ "user-agent": "vitest-rate", "x-forwarded-for": state.ip }),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => Object.assign((k: string) => k, { has: () => true }), getLocale: async () => "en" }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

/** The rendered tree as text (React elements can refer back to their modules: skip cycles). */
function treeText(node: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(node, (_k, v: unknown) => {
    if (typeof v === "object" && v !== null) {
      if (seen.has(v)) return undefined;
      seen.add(v);
    }
    return typeof v === "function" ? undefined : v;
  });
}

/** Empties a bucket as if its allowance had just been used up. */
async function drain(key: string) {
  await db.$executeRaw`INSERT INTO rate_limit_bucket (key, tokens, updated_at) VALUES (${key}, 0, now())
    ON CONFLICT (key) DO UPDATE SET tokens = 0, updated_at = now()`;
}

beforeEach(() => {
  state.ip = `198.51.100.${crypto.randomInt(1, 250)}`;
});

describe("import upload", () => {
  test("an empty bucket answers 429 before the file is read, and no job is created", async () => {
    const { POST } = await import("@/app/api/imports/route");
    state.actor = await actorFor("admin1");
    const upload = () => {
      const body = new FormData();
      body.append("file", new File(["customer_no\n"], "x.csv", { type: "text/csv" }));
      return POST(new Request("http://localhost/api/imports", { method: "POST", body }), { params: Promise.resolve({}) });
    };
    await drain(`import:${state.actor.id}`);
    const jobs = await db.importJob.count();
    const res = await upload();
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ ok: false, error: "rateLimited" });
    expect(await db.importJob.count()).toBe(jobs);
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${`import:${state.actor.id}`}`;
    // With tokens again, the same upload is accepted (and takes one).
    const accepted = await upload();
    expect(accepted.status).toBe(202);
    // The in-process worker runs it (a header-only file: refused); wait so nothing is left running.
    const { data } = (await accepted.json()) as { data: { id: number } };
    for (let i = 0; i < 100; i++) {
      const job = await db.importJob.findUniqueOrThrow({ where: { id: data.id }, select: { status: true } });
      if (job.status === "SUCCEEDED" || job.status === "FAILED") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [b] = await db.$queryRaw<Array<{ tokens: number }>>`SELECT tokens FROM rate_limit_bucket WHERE key = ${`import:${state.actor.id}`}`;
    expect(b!.tokens).toBeLessThan(20);
  });
});

describe("public survey answer", () => {
  test("per client address across nodes: an empty bucket refuses with the translated code, another address still answers", async () => {
    const { submitSurveyAnswerAction } = await import("@/app/s/[token]/actions");
    state.actor = null;
    const answer = () => ({ token: crypto.randomBytes(16).toString("hex"), score: 9, comment: "fine" });
    await drain(`survey:${state.ip}`);
    expect(await submitSurveyAnswerAction(answer())).toEqual({ ok: false, error: "rateLimited" });
    state.ip = "198.51.100.251";
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${`survey:${state.ip}`}`;
    expect(await submitSurveyAnswerAction(answer())).toEqual({ ok: true, data: { state: "UNKNOWN" } });
  });
});

describe("search results page", () => {
  test("takes from the same per-user bucket as the header search: empty → the translated message and no search", async () => {
    const { default: CustomersPage } = await import("@/app/(app)/customers/page");
    const { startCustomerSearch } = await import("@/lib/customers/commands");
    state.actor = await actorFor("agent1");
    // The page opens a kept search (?s=<id>): the term never travels in the URL.
    const { searchId } = await startCustomerSearch(state.actor, { q: "13800" });
    const key = `search:${state.actor.id}`;
    await drain(key);
    const refused = treeText(await CustomersPage({ searchParams: Promise.resolve({ s: searchId }) }));
    expect(refused).toContain("errors.rateLimited");
    expect(refused).not.toContain("search.columns.name");
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${key}`;
    const allowed = treeText(await CustomersPage({ searchParams: Promise.resolve({ s: searchId }) }));
    expect(allowed).not.toContain("errors.rateLimited");
  });
});

describe("segment preview (the builder's live count)", () => {
  const goldRules = { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "tier", op: "in", value: ["GOLD"] }] };

  test("per user: an empty bucket answers the translated rateLimited code without counting; another manager still previews", async () => {
    const { countSegmentAction } = await import("@/app/(app)/segments/actions");
    state.actor = await actorFor("manager1");
    const key = `segmentPreview:${state.actor.id}`;
    await drain(key);
    expect(await countSegmentAction(goldRules)).toEqual({ ok: false, error: "rateLimited" });
    state.actor = await actorFor("admin1");
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${`segmentPreview:${state.actor.id}`}`;
    const other = (await countSegmentAction(goldRules)) as { ok: boolean; data: { count: number } };
    expect(other.ok).toBe(true);
    expect(other.data.count).toBeGreaterThanOrEqual(0);
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${key}`;
  });

  test("a burst beyond the allowance is refused: at most 30 previews evaluated", async () => {
    const { countSegmentAction } = await import("@/app/(app)/segments/actions");
    state.actor = await actorFor("manager1");
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${`segmentPreview:${state.actor.id}`}`;
    const results: Array<{ ok: boolean; error?: string }> = [];
    for (let i = 0; i < 35; i++) results.push((await countSegmentAction(goldRules)) as { ok: boolean; error?: string });
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(31);
    expect(results.at(-1)).toEqual({ ok: false, error: "rateLimited" });
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${`segmentPreview:${state.actor.id}`}`;
  });

  test("a role without the permission is refused before the bucket: nothing is taken", async () => {
    const { countSegmentAction } = await import("@/app/(app)/segments/actions");
    state.actor = await actorFor("agent1");
    expect(await countSegmentAction(goldRules)).toEqual({ ok: false, error: "forbidden" });
    const [b] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM rate_limit_bucket WHERE key = ${`segmentPreview:${state.actor.id}`}`;
    expect(b!.n).toBe(0);
  });
});

// Hostile input at every server action (discovered from the code): generated garbage, boundary
// values, huge strings, Unicode edge cases and SQL/HTML/formula payloads, sent by an actor who
// is allowed to call the action. The answer must be a clean result (ok, or a translated error
// code), never an unexpected error ("generic" = a 500), and a refused input writes nothing.
import { describe, test, expect, vi, beforeAll } from "vitest";
import fc from "fast-check";
import type { Actor } from "@/lib/auth/actor";
import { discoverEndpoints } from "./registry";
import { MATRIX, loadMatrixActors, type ActionEntry, type ActorKey, type MatrixActors } from "./matrix";
import { fingerprint, lastAuditId, auditRowsSince, unfinishedJobs, backgroundSettled } from "./db-fingerprint";
import enMessages from "@/messages/en.json";

const state = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-actor")>()),
  getActor: async () => state.actor,
  requireActor: async () => state.actor,
}));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  return {
    cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: (n: string, v: string) => void jar.set(n, v), delete: () => {} }),
    headers: async () => new Headers({ "user-agent": "vitest-hostile" }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
// Route handlers translate CSV headers; outside Next.js there is no request config for next-intl.
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  const messages = (await import("@/messages/en.json")).default;
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: "en", messages, namespace: namespace as never }),
    getLocale: async () => "en",
  };
});

export const PAYLOADS = [
  "' OR 1=1 --",
  "'; DROP TABLE app_user; --",
  "\\'; SELECT pg_sleep(5); --",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "𠮷野家🙂‍↔️",
  "\u202Eevil",
  "\u200B",
  "Ｚｅｒｏ",
  "%00",
  "../../etc/passwd",
  "NaN",
  "-1",
  "1e309",
  "9".repeat(400),
  "x".repeat(100_000),
  "  ",
  "",
];
const hostileValue = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom(0, -1, 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, -0, 0.5),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.array(fc.constantFrom("a", 1, null), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const CLEAN_ERRORS = new Set(["validation", "unauthenticated", "forbidden", "notFound", "conflict", "rateLimited"]);
/** A domain error whose code is a message key under "errors." (e.g. "complaint.reasonRequired") is translated for the user: clean. */
function isMessageKey(code: string | undefined): boolean {
  const at = (root: unknown) =>
    (code ?? "").split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), root);
  // Codes are keys under "errors."; a domain not yet moved there may still use a root key.
  return typeof at(enMessages.errors) === "string" || typeof at(enMessages) === "string";
}
let actors: MatrixActors;

/** A role the matrix allows to call the action (on its own record): the hostile input is sent as it. */
function allowedActor(entry: ActionEntry): Exclude<ActorKey, "anonymous" | "otherTeamAgent"> | undefined {
  return (["admin", "supervisor", "agent", "manager"] as const).find((k) => {
    const e = entry.expect[k];
    return e === "allow" || (typeof e === "object" && e.own === "allow");
  });
}
// Actions nobody may call have no "allowed" input to spoil (the matrix covers their refusals).
const endpoints = (await discoverEndpoints()).filter(
  (e) => e.kind === "action" && MATRIX[e.id] && !("public" in MATRIX[e.id]!) && allowedActor(MATRIX[e.id] as ActionEntry),
);

beforeAll(async () => {
  actors = await loadMatrixActors();
});

/** The valid arguments the matrix uses for this action (captured, not executed). */
async function validArgs(entry: ActionEntry): Promise<unknown[]> {
  let captured: unknown[] = [];
  const records = entry.records ? await entry.records(actors) : undefined;
  await entry.call(
    (...args: unknown[]) => {
      captured = args;
      return Promise.resolve();
    },
    { actor: actors.admin, actors, record: records?.own, scope: records ? "own" : undefined },
  );
  return captured;
}

/** A form post's fields as strings (what a browser can send), rebuilt as FormData. */
function toForm(fields: Record<string, unknown>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f.append(k, typeof v === "string" ? v : (JSON.stringify(v) ?? String(v)));
  return f;
}

/** Mutates the argument that carries the input: the first plain object or FormData, else the first. */
function mutate(valid: unknown[]) {
  const at = Math.max(
    0,
    valid.findIndex((v) => v instanceof FormData || (v !== null && typeof v === "object" && !Array.isArray(v))),
  );
  const put = (a: unknown) => (valid.length ? valid.map((v, i) => (i === at ? a : v)) : [a]);
  const base = valid[at];
  if (base instanceof FormData) {
    const fields = Object.fromEntries([...base.keys()].map((k) => [k, base.get(k)]));
    const keys = Object.keys(fields);
    return fc
      .oneof(
        { arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue]))), weight: 4 },
        { arbitrary: fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...fields, [k]: v })), weight: 4 },
        { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }), weight: 1 },
      )
      .map((a) => put(toForm(a)));
  }
  if (base && typeof base === "object" && !Array.isArray(base)) {
    const keys = Object.keys(base);
    return fc
      .oneof(
        { arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue]))), weight: 4 },
        { arbitrary: fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...base, [k]: v })), weight: 4 },
        { arbitrary: fc.anything(), weight: 1 },
      )
      .map(put);
  }
  return fc.oneof(hostileValue, fc.anything()).map(put);
}

describe.each(endpoints.map((e) => [e.id, e] as const))("%s", (id, endpoint) => {
  const entry = MATRIX[id] as ActionEntry;
  const who = allowedActor(entry)!;

  test("hostile input gets a clean answer and a refusal writes nothing", async () => {
    const valid = await validArgs(entry);
    // The database's fingerprint before a run. A refused input leaves it as it was (that is the
    // assertion), so the next run starts from the same one without reading every table again;
    // only an accepted input (or a redirect) makes the next run take it anew.
    let before: Record<string, string> | null = null;
    await fc.assert(
      fc.asyncProperty(mutate(valid), async (args) => {
        state.actor = actors[who];
        before ??= await fingerprint();
        const auditBefore = await lastAuditId();
        const jobsBefore = await unfinishedJobs();
        let result: unknown;
        try {
          result = await endpoint.fn(...args);
          // An accepted input may have started work in the background: let it land before the next run.
          await backgroundSettled(jobsBefore);
        } catch (e) {
          before = null;
          const digest = (e as { digest?: string }).digest ?? "";
          // redirect() is a clean outcome; anything else escaping an action is a 500.
          if (!digest.startsWith("NEXT_REDIRECT")) throw e;
          return;
        }
        const r = result as { ok?: boolean; error?: string } | undefined;
        if (r && r.ok === false) {
          expect(CLEAN_ERRORS.has(r.error ?? "") || isMessageKey(r.error), `unexpected error "${r.error}" for ${JSON.stringify(args).slice(0, 300)}`).toBe(
            true,
          );
          expect(await fingerprint(), "a refused input changed the database").toEqual(before);
          expect(await auditRowsSince(auditBefore)).toEqual([]);
        } else before = null;
      }),
      { numRuns: 8, seed: 20261123 },
    );
  });
});

// The gateway's public receipts route (issue 22): garbage bodies, forged and replayed signatures,
// correctly signed garbage. The answer is a 4xx with a clean code, never a 500, and nothing changes.
describe("app/api/messaging/receipts/route.ts#POST", () => {
  test("hostile receipts get a clean refusal and change nothing", async () => {
    const { POST } = await import("@/app/api/messaging/receipts/route");
    const { gatewaySecret } = await import("@/lib/messaging/adapters");
    const { signBody, SIGNATURE_HEADER } = await import("@/lib/messaging/signature");
    const secret = gatewaySecret()!;
    const body = fc.oneof(
      fc.constantFrom(...PAYLOADS),
      fc.json(),
      fc
        .record({ providerId: hostileValue, status: fc.oneof(fc.constantFrom("DELIVERED", "FAILED"), hostileValue), error: hostileValue })
        .map((o) => JSON.stringify(o)),
    );
    const signature = fc.oneof(fc.constant("signed" as const), fc.constant("replayed" as const), fc.constantFrom(...PAYLOADS), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(body, signature, async (b, sig) => {
        const header = sig === "signed" ? signBody(secret, b, new Date()) : sig === "replayed" ? signBody(secret, b, new Date(Date.now() - 86_400_000)) : sig;
        const before = await fingerprint();
        const auditBefore = await lastAuditId();
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (header !== null && !/[\u0000-\u001f\u007f-\uffff]/.test(header)) headers[SIGNATURE_HEADER] = header;
        const res = await POST(new Request("http://localhost/api/messaging/receipts", { method: "POST", headers, body: b }), { params: Promise.resolve({}) });
        expect([400, 401, 404, 413], `status ${res.status} for ${b.slice(0, 200)}`).toContain(res.status);
        const json = (await res.json()) as { error?: string };
        expect(CLEAN_ERRORS.has(json.error ?? "") || ["payloadTooLarge"].includes(json.error ?? ""), `error ${json.error}`).toBe(true);
        expect(await fingerprint()).toEqual(before);
        expect(await auditRowsSince(auditBefore)).toEqual([]);
      }),
      { numRuns: 25, seed: 20261207 },
    );
  });
});

// Route handlers take their input from the path and the query string: hostile values there get a
// clean status (found, 400 or 404), never a 500, and a refusal writes nothing (issue 22's export).
describe("app/(app)/campaigns/[id]/evaluation/export/route.ts#GET", () => {
  test("hostile campaign ids and query strings", async () => {
    const { GET } = await import("@/app/(app)/campaigns/[id]/evaluation/export/route");
    const id = fc.oneof(
      fc.constantFrom(...PAYLOADS),
      fc.string({ maxLength: 40 }),
      fc.integer().map(String),
      fc.constantFrom("0", "-1", "1.5", "2147483648", "1e3", "0x10"),
    );
    await fc.assert(
      fc.asyncProperty(id, fc.string({ maxLength: 30 }), async (raw, query) => {
        state.actor = actors.manager;
        const before = await fingerprint();
        const auditBefore = await lastAuditId();
        const res = await GET(new Request(`http://localhost/campaigns/x/evaluation/export?ids=${encodeURIComponent(query)}`), {
          params: Promise.resolve({ id: raw }),
        });
        expect([200, 400, 404], `status ${res.status} for ${JSON.stringify(raw).slice(0, 80)}`).toContain(res.status);
        if (res.status !== 200) {
          expect(await fingerprint(), "a refused input changed the database").toEqual(before);
          expect(await auditRowsSince(auditBefore)).toEqual([]);
        }
      }),
      { numRuns: 16, seed: 20261207 },
    );
  });
});

// Knowledge attachments (issue 24): hostile article ids, file names, types and bytes on the upload,
// hostile ids on the download. Clean statuses only (201 stored, 400/404/413 refused), never a 500;
// a refusal writes nothing, and what is stored is what its bytes are (never text/html).
describe("app/api/knowledge/articles/[id]/attachments/route.ts#POST and app/api/knowledge/attachments/[id]/route.ts#GET", () => {
  test("hostile uploads and downloads", async () => {
    const { POST } = await import("@/app/api/knowledge/articles/[id]/attachments/route");
    const { GET } = await import("@/app/api/knowledge/attachments/[id]/route");
    const { createArticle, createKbCategory } = await import("@/lib/knowledge/commands");
    const category = await createKbCategory(actors.admin, { code: `HI_KB_${Date.now()}`, nameZh: "恶意输入", nameEn: "Hostile" });
    const { id: articleId } = await createArticle(actors.admin, {
      categoryId: category.id,
      titleZh: "恶意输入",
      ownerId: actors.supervisor.id,
      status: "PUBLISHED",
    });
    const idArb = fc.oneof(fc.constant(String(articleId)), fc.constantFrom(...PAYLOADS), fc.constantFrom("0", "-1", "1.5", "2147483648", "0x10"));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.constantFrom(...PAYLOADS).map((p) => new TextEncoder().encode(p)),
      fc.constant(new TextEncoder().encode("<html><script>alert(1)</script>")),
      fc.constant(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])),
    );
    const name = fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 30 }));
    const type = fc.constantFrom("application/pdf", "image/png", "text/html", "image/svg+xml", "text/plain", "");
    await fc.assert(
      fc.asyncProperty(idArb, bytes, name, type, fc.boolean(), async (id, data, fileName, mime, asFile) => {
        state.actor = actors.supervisor;
        const before = await fingerprint();
        const auditBefore = await lastAuditId();
        const body = new FormData();
        if (asFile) body.append("file", new File([data], fileName || "x", { type: mime }));
        else body.append("file", fileName);
        const res = await POST(new Request(`http://localhost/api/knowledge/articles/x/attachments`, { method: "POST", body }), {
          params: Promise.resolve({ id }),
        });
        expect([201, 400, 404, 413], `status ${res.status}`).toContain(res.status);
        const json = (await res.json()) as { error?: string; data?: { id: number } };
        if (res.status === 201) {
          const got = await GET(new Request(`http://localhost/api/knowledge/attachments/${json.data!.id}`), {
            params: Promise.resolve({ id: String(json.data!.id) }),
          });
          expect(["application/pdf", "image/png", "image/jpeg", "text/plain"]).toContain(got.headers.get("content-type"));
          expect(got.headers.get("content-disposition")).toMatch(/^attachment;/);
        } else {
          expect(CLEAN_ERRORS.has(json.error ?? "") || json.error === "payloadTooLarge", `error ${json.error}`).toBe(true);
          expect(await fingerprint(), "a refused upload changed the database").toEqual(before);
          expect(await auditRowsSince(auditBefore)).toEqual([]);
        }
        const down = await GET(new Request("http://localhost/api/knowledge/attachments/x"), { params: Promise.resolve({ id }) });
        expect([200, 404]).toContain(down.status);
      }),
      { numRuns: 20, seed: 20261207 },
    );
  });
});

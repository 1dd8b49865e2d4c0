// Issue 19, finding 14: request body limits hold on the bytes actually sent, not on what
// Content-Length says (a chunked body carries none), and the import upload's large limit applies
// to the path the browser posts to (/api/imports).
import { describe, test, expect, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { route } from "@/lib/shared/route";
import { BODY_LIMITS, bodyLimitFor } from "@/lib/shared/security-headers";
import { IMPORT_MAX_BYTES } from "@/lib/imports/commands";
import { actorFor } from "./helpers";

const state = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/current-actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-actor")>()),
  getActor: async () => state.actor,
  requireActor: async () => state.actor,
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
  headers: async () => new Headers({ "user-agent": "vitest-body-limits" }),
}));

const MB = 1024 * 1024;

/** A request body streamed in 64 KB chunks, without Content-Length (Transfer-Encoding: chunked). */
function chunked(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(64 * 1024, bytes - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(120));
    },
  });
}
const post = (url: string, body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);
const noParams = { params: Promise.resolve({}) };

describe("the route pipeline counts the body it reads", () => {
  let read = 0;
  const echo = route({ public: true }, async ({ request }) => {
    read = (await request.arrayBuffer()).byteLength;
    return Response.json({ ok: true, data: read });
  });
  const swallowing = route({ public: true }, async ({ request }) => {
    await request.text().catch(() => "");
    return Response.json({ ok: true, data: null });
  });

  test("a chunked body (no Content-Length) over the 2 MB default is refused with 413 payloadTooLarge", async () => {
    const req = post("http://localhost/api/x", chunked(3 * MB));
    expect(req.headers.get("content-length")).toBeNull();
    const res = await echo(req, noParams);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, error: "payloadTooLarge" });
  });

  test("a body longer than its Content-Length claims is refused on the bytes", async () => {
    const res = await echo(post("http://localhost/api/x", chunked(3 * MB), { "content-length": "10" }), noParams);
    expect(res.status).toBe(413);
  });

  test("a handler that swallows the read error still answers 413", async () => {
    const res = await swallowing(post("http://localhost/api/x", chunked(3 * MB)), noParams);
    expect(res.status).toBe(413);
  });

  test("a declared Content-Length over the limit is refused before anything is read", async () => {
    const res = await echo(post("http://localhost/api/x", "x", { "content-length": String(3 * MB) }), noParams);
    expect(res.status).toBe(413);
  });

  test("a chunked body under the limit is read whole", async () => {
    const res = await echo(post("http://localhost/api/x", chunked(MB + 5)), noParams);
    expect(res.status).toBe(200);
    expect(read).toBe(MB + 5);
  });
});

describe("the import upload's limit", () => {
  test("applies to POST /api/imports (what the uploader posts to), and only there", () => {
    expect(bodyLimitFor("/api/imports")).toBe(BODY_LIMITS.import);
    expect(bodyLimitFor("/api/imports/")).toBe(BODY_LIMITS.import);
    for (const p of ["/api/imports/12", "/api/imports/12/errors", "/admin/import", "/api/customers/export", "/api/importsx"])
      expect(bodyLimitFor(p), p).toBe(BODY_LIMITS.default);
  });

  test("leaves room for the largest accepted file and its multipart framing", () => {
    expect(BODY_LIMITS.import).toBeGreaterThan(IMPORT_MAX_BYTES);
    expect(BODY_LIMITS.import - IMPORT_MAX_BYTES).toBeLessThanOrEqual(2 * MB);
  });

  test("an admin's 2.5 MB chunked upload reaches the import (its own validation answers), a chunked body over the import limit is refused with 413", async () => {
    const { POST } = await import("@/app/api/imports/route");
    state.actor = await actorFor("admin1");
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${`import:${state.actor.id}`}`;
    const multipart = (size: number) => {
      const form = new FormData();
      form.append("file", new File([new Uint8Array(size).fill(120)], "big.csv", { type: "text/csv" }));
      return new Response(form);
    };
    // 2.5 MB of "x": not a valid import file — the import refuses it as a job (202, then FAILED), not the body limit.
    const small = multipart(2.5 * MB);
    const jobsBefore = await db.importJob.count();
    const accepted = await POST(post("http://localhost/api/imports", small.body!, { "content-type": small.headers.get("content-type")! }), noParams);
    expect(accepted.status).toBe(202);
    const { data } = (await accepted.json()) as { data: { id: number } };
    for (let i = 0; i < 100; i++) {
      const job = await db.importJob.findUniqueOrThrow({ where: { id: data.id }, select: { status: true } });
      if (job.status === "SUCCEEDED" || job.status === "FAILED") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await db.importJob.count()).toBe(jobsBefore + 1);

    // Over the import limit, streamed (nothing of that size is ever held in memory here).
    const refused = await POST(
      post("http://localhost/api/imports", chunked(BODY_LIMITS.import + MB), { "content-type": small.headers.get("content-type")! }),
      noParams,
    );
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ ok: false, error: "payloadTooLarge" });
    expect(await db.importJob.count()).toBe(jobsBefore + 1);
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${`import:${state.actor.id}`}`;
  });
});

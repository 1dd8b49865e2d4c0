// POST /oauth/token (issue 25): OAuth 2 client credentials, RFC 6749 §4.4, and its errors (§5.2);
// the token it answers opens the Open API; limited per client address; audited without the token.
// And GET /tmf-api/openapi.json, public and cacheable.
import { beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/api/route";
import { registerApiClient, rotateClientSecret, setApiClientEnabled } from "@/lib/api/clients/commands";
import { POST } from "@/app/oauth/token/route";
import { GET as openapi } from "@/app/tmf-api/openapi.json/route";
import { apiCall } from "@/tests/api/call";
import { createUser } from "@/tests/factories/staff";
import { actorFor } from "../helpers";

const probe = apiRoute({ scope: "ticket:read", params: z.object({}) }, async ({ caller }) => Response.json({ actor: caller.actor.username }));

let admin: Actor;
let n = 0;
let ipSeq = 1;
/** Each test its own client address, so the per-address limit of one test never touches another. */
const nextIp = () => `198.51.100.${ipSeq++}`;

beforeAll(async () => {
  admin = await actorFor("admin1");
});

async function client(scopes: Array<"ticket:read" | "ticket:write" | "customer:read"> = ["ticket:read", "ticket:write"]) {
  const owner = (await createUser({ role: "SUPERVISOR" })).user.id;
  const c = await registerApiClient(admin, {
    name: `OAuth test ${Date.now().toString(36)}${++n}`,
    ownerId: owner,
    teamId: null,
    scopes,
    rateLimitPerMinute: 600,
    channel: "APP",
  });
  return { ...c, ownerId: owner };
}

interface TokenRequest {
  form?: Record<string, string>;
  json?: unknown;
  basic?: [string, string];
  authorization?: string;
  ip?: string;
  contentType?: string;
  raw?: string;
}

async function token(r: TokenRequest) {
  const headers: Record<string, string> = { "x-forwarded-for": r.ip ?? nextIp(), "user-agent": "vitest-oauth" };
  if (r.basic) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(r.basic[0])}:${encodeURIComponent(r.basic[1])}`).toString("base64")}`;
  if (r.authorization) headers.authorization = r.authorization;
  let body: string | undefined;
  if (r.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(r.form).toString();
  } else if (r.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(r.json);
  }
  if (r.raw !== undefined) body = r.raw;
  if (r.contentType) headers["content-type"] = r.contentType;
  const res = await POST(new Request("http://localhost/oauth/token", { method: "POST", headers, body }), { params: Promise.resolve({}) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe("POST /oauth/token", () => {
  test("client credentials with HTTP Basic: a bearer token for an hour, not cached, that opens the API", async () => {
    const c = await client();
    const r = await token({ form: { grant_type: "client_credentials" }, basic: [c.clientKey, c.clientSecret] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      access_token: expect.stringMatching(/^crm_at_[\w-]{43}$/),
      token_type: "Bearer",
      expires_in: 3600,
      scope: "ticket:read ticket:write",
    });
    expect(r.headers.get("cache-control")).toBe("no-store");
    const answer = await apiCall(probe, { path: "/tmf-api/troubleTicket/v5/troubleTicket", token: r.body.access_token as string });
    expect(answer.status).toBe(200);
    expect(answer.body.actor).toMatch(/^api:OAuth test/);

    const stored = await db.apiToken.findMany({ where: { clientId: c.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: "OAUTH", prefix: (r.body.access_token as string).slice(0, 11) });
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(3_600_000);
    expect(JSON.stringify(stored)).not.toContain((r.body.access_token as string).slice(7));

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "apiToken.issued", entityId: String(c.id) } });
    expect(audit).toMatchObject({
      actorId: c.ownerId,
      actorName: expect.stringMatching(/^api:OAuth test/),
      ip: expect.stringMatching(/^198\.51\.100\./),
      data: { kind: "OAUTH" },
    });
    expect(JSON.stringify(audit.data)).not.toContain((r.body.access_token as string).slice(7));
    expect(JSON.stringify(audit.data)).not.toContain(c.clientSecret.slice(7));
  });

  test("credentials in the form body, and a JSON body, work too; a scope within the client's is granted", async () => {
    const c = await client();
    const a = await token({ form: { grant_type: "client_credentials", client_id: c.clientKey, client_secret: c.clientSecret, scope: "ticket:read" } });
    expect(a.status).toBe(200);
    // Tokens carry the client's scopes (docs/open-api.md): the answer says which.
    expect(a.body.scope).toBe("ticket:read ticket:write");
    const b = await token({ json: { grant_type: "client_credentials", client_id: c.clientKey, client_secret: c.clientSecret } });
    expect(b.status).toBe(200);
    expect(b.body.access_token).not.toBe(a.body.access_token);
  });

  test("invalid_client (401 with WWW-Authenticate): a wrong secret, an unknown id, no credentials, a disabled client, a deactivated owner, a rotated secret", async () => {
    const c = await client();
    const expectInvalidClient = async (r: Awaited<ReturnType<typeof token>>) => {
      expect(r.status).toBe(401);
      expect(r.body.error).toBe("invalid_client");
      expect(r.headers.get("www-authenticate")).toMatch(/^Basic/);
      expect(r.headers.get("cache-control")).toBe("no-store");
    };
    await expectInvalidClient(await token({ form: { grant_type: "client_credentials" }, basic: [c.clientKey, c.clientSecret + "x"] }));
    await expectInvalidClient(await token({ form: { grant_type: "client_credentials" }, basic: ["crm_ci_nobody", c.clientSecret] }));
    await expectInvalidClient(await token({ form: { grant_type: "client_credentials" } }));
    await expectInvalidClient(await token({ form: { grant_type: "client_credentials" }, authorization: "Basic !!!" }));

    const version = (await db.apiClient.findUniqueOrThrow({ where: { id: c.id } })).version;
    const off = await setApiClientEnabled(admin, { clientId: c.id, version, enabled: false });
    await expectInvalidClient(await token({ form: { grant_type: "client_credentials" }, basic: [c.clientKey, c.clientSecret] }));
    const on = await setApiClientEnabled(admin, { clientId: c.id, version: off.version, enabled: true });

    await db.user.update({ where: { id: c.ownerId }, data: { isActive: false } });
    await expectInvalidClient(await token({ form: { grant_type: "client_credentials" }, basic: [c.clientKey, c.clientSecret] }));
    await db.user.update({ where: { id: c.ownerId }, data: { isActive: true } });

    const ok = await token({ form: { grant_type: "client_credentials" }, basic: [c.clientKey, c.clientSecret] });
    expect(ok.status).toBe(200);
    const rotated = await rotateClientSecret(admin, { clientId: c.id, version: on.version });
    await expectInvalidClient(await token({ form: { grant_type: "client_credentials" }, basic: [c.clientKey, c.clientSecret] }));
    // The token of the old secret is revoked with it; the new secret works.
    expect((await apiCall(probe, { path: "/tmf-api/x", token: ok.body.access_token as string })).status).toBe(401);
    expect((await token({ form: { grant_type: "client_credentials" }, basic: [c.clientKey, rotated.clientSecret] })).status).toBe(200);
    // Nothing was issued for the refused requests.
    expect(await db.apiToken.count({ where: { clientId: c.id } })).toBe(2);
  });

  test("invalid_request, unsupported_grant_type and invalid_scope are 400s", async () => {
    const c = await client();
    const cases: Array<[TokenRequest, string]> = [
      [{ form: { client_id: c.clientKey, client_secret: c.clientSecret } }, "invalid_request"],
      [
        {
          raw: `grant_type=client_credentials&grant_type=client_credentials`,
          contentType: "application/x-www-form-urlencoded",
          basic: [c.clientKey, c.clientSecret],
        },
        "invalid_request",
      ],
      [{ raw: "grant_type=client_credentials", contentType: "text/plain", basic: [c.clientKey, c.clientSecret] }, "invalid_request"],
      [{ raw: "{not json", contentType: "application/json", basic: [c.clientKey, c.clientSecret] }, "invalid_request"],
      [{ form: { grant_type: "client_credentials", client_secret: c.clientSecret }, basic: [c.clientKey, c.clientSecret] }, "invalid_request"],
      [{ form: { grant_type: "password", username: "admin1", password: "x" }, basic: [c.clientKey, c.clientSecret] }, "unsupported_grant_type"],
      [{ form: { grant_type: "authorization_code", code: "x" }, basic: [c.clientKey, c.clientSecret] }, "unsupported_grant_type"],
      [{ form: { grant_type: "client_credentials", scope: "customer:reveal" }, basic: [c.clientKey, c.clientSecret] }, "invalid_scope"],
      [{ form: { grant_type: "client_credentials", scope: "ticket:read admin" }, basic: [c.clientKey, c.clientSecret] }, "invalid_scope"],
    ];
    for (const [req, error] of cases) {
      const r = await token(req);
      expect([r.status, r.body.error], JSON.stringify(req.form ?? req.raw)).toEqual([400, error]);
      expect(typeof r.body.error_description).toBe("string");
    }
    expect(await db.apiToken.count({ where: { clientId: c.id } })).toBe(0);
  });

  test("limited per client address: a burst of 60, then 429 with Retry-After", async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof token>> | null = null;
    const started = Date.now();
    // The bucket refills one a second while the burst runs: the first 429 comes after 60 plus
    // the seconds the burst took.
    while (statuses.length < 120 && last?.status !== 429) {
      last = await token({ form: { grant_type: "client_credentials" }, ip });
      statuses.push(last.status);
    }
    const seconds = Math.ceil((Date.now() - started) / 1000);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(60);
    expect(first429).toBeLessThanOrEqual(60 + seconds);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(last!.headers.get("retry-after")).toBe("1");
    expect(last!.body.error).toBe("slow_down");
    // Another address is not affected.
    expect((await token({ form: { grant_type: "client_credentials" } })).status).toBe(401);
  });

  test("expired OAuth tokens of the client are purged a day after expiry, at its next token request", async () => {
    const c = await client();
    const old = await db.apiToken.create({
      data: {
        clientId: c.id,
        kind: "OAUTH",
        tokenHash: `${"e".repeat(56)}${String(c.id).padStart(8, "0")}`,
        prefix: "crm_at_old1",
        expiresAt: new Date(Date.now() - 2 * 86_400_000),
      },
    });
    const recent = await db.apiToken.create({
      data: {
        clientId: c.id,
        kind: "OAUTH",
        tokenHash: `${"d".repeat(56)}${String(c.id).padStart(8, "0")}`,
        prefix: "crm_at_new1",
        expiresAt: new Date(Date.now() - 3_600_000),
      },
    });
    expect((await token({ form: { grant_type: "client_credentials" }, basic: [c.clientKey, c.clientSecret] })).status).toBe(200);
    expect(await db.apiToken.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.apiToken.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });
});

describe("GET /tmf-api/openapi.json", () => {
  test("public, cacheable JSON: an OpenAPI 3.0 document of our paths", async () => {
    const res = await openapi(new Request("http://localhost/tmf-api/openapi.json"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toMatch(/public/);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/tmf-api/troubleTicket/v5/troubleTicket", "/tmf-api/customer/v5/customer/{id}", "/oauth/token"]),
    );
  });
});

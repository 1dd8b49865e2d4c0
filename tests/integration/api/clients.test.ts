// API clients and tokens (issue 25, decision 034): an admin registers a client and issues a token
// shown once; the token opens the Open API through the one pipeline (lib/api/route.ts) until it is
// revoked or expires, the client is disabled or its owner deactivated; scopes and the client's rate
// limit hold; only hashes are stored and no secret reaches the audit log; only admins manage clients.
import { beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { apiRoute } from "@/lib/api/route";
import { issueStaticToken, registerApiClient, revokeToken, rotateClientSecret, setApiClientEnabled, updateApiClient } from "@/lib/api/clients/commands";
import { getApiClient, listApiClientChoices, listApiClients } from "@/lib/api/clients/queries";
import { ConflictError, ForbiddenError } from "@/lib/shared/errors";
import { apiCall } from "@/tests/api/call";
import { schemaErrors } from "@/tests/api/oas";
import { createUser } from "@/tests/factories/staff";
import { actorFor } from "../helpers";

// A tiny Open API handler: the real endpoints arrive with the other parts of issue 25.
const whoAmI = apiRoute({ scope: "ticket:read", params: z.object({ id: z.coerce.number().int().positive() }) }, async ({ caller, params }) =>
  Response.json({ id: params.id, actor: caller.actor.username, ownerId: caller.actor.id, scopes: caller.scopes }),
);
const needsReveal = apiRoute({ scope: "customer:reveal" }, async () => Response.json({ ok: true }));
const call = (token: string | null, path = "/tmf-api/test/v5/thing/7") => apiCall(whoAmI, { path, token, params: { id: "7" } });

let admin: Actor;
let n = 0;
const uniqueName = (base: string) => `${base} ${Date.now().toString(36)}${++n}`;

beforeAll(async () => {
  admin = await actorFor("admin1");
});

async function register(overrides: Partial<Parameters<typeof registerApiClient>[1]> = {}) {
  const owner = Number(overrides.ownerId ?? (await createUser({ role: "SUPERVISOR" })).user.id);
  const client = await registerApiClient(admin, {
    name: uniqueName("Billing"),
    ownerId: owner,
    teamId: null,
    scopes: ["ticket:read", "ticket:write"],
    rateLimitPerMinute: 600,
    channel: "APP",
    ...overrides,
  });
  const version = (await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).version;
  return { ...client, ownerId: owner, version };
}

describe("registering a client and issuing tokens", () => {
  test("the secret and the token are returned once; only their hashes are stored; the audit names no secret", async () => {
    const c = await register({ description: "Nightly billing sync" });
    expect(c.clientKey).toMatch(/^crm_ci_/);
    expect(c.clientSecret).toMatch(/^crm_cs_[\w-]{43}$/);
    const issued = await issueStaticToken(admin, { clientId: c.id, label: "prod", expiresInDays: 30 });
    expect(issued.token).toMatch(/^crm_at_[\w-]{43}$/);
    expect(issued.prefix).toBe(issued.token.slice(0, 11));

    // No table holds either in clear: the rows of every table that names the client, as text.
    const dump = await db.$queryRaw<Array<{ t: string }>>`
      SELECT row_to_json(c)::text AS t FROM api_client c WHERE c.id = ${c.id}
      UNION ALL SELECT row_to_json(t)::text FROM api_token t WHERE t.client_id = ${c.id}
      UNION ALL SELECT row_to_json(a)::text FROM audit_log a WHERE a.entity = 'api_client' AND a.entity_id = ${String(c.id)}`;
    expect(dump.length).toBeGreaterThanOrEqual(4);
    for (const { t } of dump) {
      expect(t).not.toContain(c.clientSecret);
      expect(t).not.toContain(c.clientSecret.slice(7));
      expect(t).not.toContain(issued.token.slice(7));
    }
    const audit = await db.auditLog.findMany({ where: { entity: "api_client", entityId: String(c.id) }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([
      ["apiClient.registered", "admin1"],
      ["apiToken.issued", "admin1"],
    ]);
    expect(audit[0]!.data).toMatchObject({ scopes: ["ticket:read", "ticket:write"], rateLimitPerMinute: 600, channel: "APP" });
    expect(audit[1]!.data).toMatchObject({ kind: "STATIC", label: "prod", prefix: issued.prefix });

    // The detail: the token by its prefix, never the token.
    const detail = await getApiClient(admin, c.id);
    expect(detail.tokens).toEqual([expect.objectContaining({ id: issued.tokenId, kind: "STATIC", prefix: issued.prefix, label: "prod", revokedAt: null })]);
    expect(JSON.stringify(detail)).not.toContain(issued.token.slice(7));
    expect(detail.description).toBe("Nightly billing sync");
    expect((await listApiClients(admin)).map((x) => x.id)).toContain(c.id);
  });

  test("a call with the token works through the pipeline, acts as the owner and is audited with the client's name", async () => {
    const c = await register();
    const { token } = await issueStaticToken(admin, { clientId: c.id, expiresInDays: 1 });
    const answer = await call(token);
    expect(answer.status).toBe(200);
    const name = (await db.apiClient.findUniqueOrThrow({ where: { id: c.id } })).name;
    expect(answer.body).toEqual({ id: 7, actor: `api:${name}`, ownerId: c.ownerId, scopes: ["ticket:read", "ticket:write"] });
    const row = await db.auditLog.findFirst({ where: { action: "api.called", entityId: String(c.id) }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ actorId: c.ownerId, actorName: `api:${name}`, data: { method: "GET", status: 200 } });
    const detail = await getApiClient(admin, c.id);
    expect(detail.callsLast24h).toBe(1);
    expect(detail.tokens[0]!.lastUsedAt).not.toBeNull();
    expect(detail.lastUsedAt).not.toBeNull();
  });

  test("a revoked token, an expired one, a disabled client and a deactivated owner get 401", async () => {
    const c = await register();
    const a = await issueStaticToken(admin, { clientId: c.id, expiresInDays: 1 });
    const b = await issueStaticToken(admin, { clientId: c.id, expiresInDays: 1 });
    expect((await call(a.token)).status).toBe(200);

    await revokeToken(admin, { clientId: c.id, tokenId: a.tokenId });
    const revoked = await call(a.token);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ "@type": "Error", code: "401", reason: "Unauthorized" });
    expect(schemaErrors("TMF621", "Error", revoked.body)).toEqual([]);
    expect(revoked.headers.get("www-authenticate")).toMatch(/^Bearer/);
    // Revoking again changes nothing and writes no second row.
    await revokeToken(admin, { clientId: c.id, tokenId: a.tokenId });
    expect(await db.auditLog.count({ where: { action: "apiToken.revoked", entityId: String(c.id) } })).toBe(1);

    await db.apiToken.update({ where: { id: b.tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(b.token)).status).toBe(401);

    const d = await issueStaticToken(admin, { clientId: c.id, expiresInDays: 1 });
    expect((await call(d.token)).status).toBe(200);
    const disabled = await setApiClientEnabled(admin, { clientId: c.id, version: c.version, enabled: false });
    expect((await call(d.token)).status).toBe(401);
    // No token for a disabled client.
    await expect(issueStaticToken(admin, { clientId: c.id, expiresInDays: 1 })).rejects.toMatchObject({ fields: { clientId: "apiClientDisabled" } });
    await setApiClientEnabled(admin, { clientId: c.id, version: disabled.version, enabled: true });
    expect((await call(d.token)).status).toBe(200);

    await db.user.update({ where: { id: c.ownerId }, data: { isActive: false } });
    expect((await call(d.token)).status).toBe(401);
    expect((await getApiClient(admin, c.id)).ownerActive).toBe(false);
    await db.user.update({ where: { id: c.ownerId }, data: { isActive: true } });
    expect((await call(d.token)).status).toBe(200);
    const actions = (
      await db.auditLog.findMany({ where: { entity: "api_client", entityId: String(c.id), action: { not: "api.called" } }, orderBy: { id: "asc" } })
    ).map((r) => r.action);
    expect(actions).toEqual([
      "apiClient.registered",
      "apiToken.issued",
      "apiToken.issued",
      "apiToken.revoked",
      "apiToken.issued",
      "apiClient.disabled",
      "apiClient.enabled",
    ]);
  });

  test("a scope the client lacks is 403; the client's rate limit is 429 with Retry-After", async () => {
    const c = await register({ rateLimitPerMinute: 2 });
    const { token } = await issueStaticToken(admin, { clientId: c.id, expiresInDays: 1 });
    const forbidden = await apiCall(needsReveal, { path: "/tmf-api/customer/v5/customer/1", token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: "403", reason: "Forbidden" });
    expect(schemaErrors("TMF629", "Error", forbidden.body)).toEqual([]);
    // The 403 used the first of the two; one more goes through, the third is refused.
    expect((await call(token)).status).toBe(200);
    const limited = await call(token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ code: "429", reason: "Too Many Requests" });
    expect(schemaErrors("TMF621", "Error", limited.body)).toEqual([]);
  });

  test("a team-scoped client acts with its team's record scope", async () => {
    const team = await db.team.findFirstOrThrow({ orderBy: { id: "asc" } });
    const c = await register({ teamId: team.id });
    const { token } = await issueStaticToken(admin, { clientId: c.id, expiresInDays: 1 });
    expect((await call(token)).status).toBe(200);
    expect((await getApiClient(admin, c.id)).teamId).toBe(team.id);
  });
});

describe("editing a client", () => {
  test("an edit names the version it started from: a concurrent one conflicts; the audit has before and after", async () => {
    const c = await register();
    const base = { clientId: c.id, version: c.version, name: uniqueName("Renamed"), ownerId: c.ownerId, teamId: null, channel: "MINI_PROGRAM" as const };
    const first = await updateApiClient(admin, { ...base, scopes: ["ticket:read", "customer:read"], rateLimitPerMinute: 120 });
    expect(first.version).toBe(c.version + 1);
    await expect(updateApiClient(admin, { ...base, scopes: ["ticket:read"], rateLimitPerMinute: 60 })).rejects.toBeInstanceOf(ConflictError);
    const row = await db.apiClient.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ scopes: ["TICKET_READ", "CUSTOMER_READ"], rateLimitPerMinute: 120, channel: "MINI_PROGRAM", name: base.name });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "apiClient.updated", entityId: String(c.id) } });
    expect(audit.data).toMatchObject({
      from: { scopes: ["ticket:read", "ticket:write"], rateLimitPerMinute: 600 },
      to: { scopes: ["ticket:read", "customer:read"], rateLimitPerMinute: 120 },
    });
  });

  test("names are unique, the owner must be active, scopes known and at least one, the rate limit 1..100000", async () => {
    const c = await register();
    const name = (await db.apiClient.findUniqueOrThrow({ where: { id: c.id } })).name;
    await expect(register({ name })).rejects.toMatchObject({ fields: { name: "taken" } });
    const inactive = (await createUser({ role: "SUPERVISOR", isActive: false })).user.id;
    await expect(register({ ownerId: inactive })).rejects.toMatchObject({ fields: { ownerId: "apiOwnerInactive" } });
    await expect(register({ ownerId: 2_000_000_000 })).rejects.toMatchObject({ fields: { ownerId: "invalidOption" } });
    await expect(register({ teamId: 2_000_000_000 })).rejects.toMatchObject({ fields: { teamId: "unknownTeam" } });
    await expect(register({ scopes: [] })).rejects.toThrow();
    await expect(register({ scopes: ["ticket:read", "admin:everything" as never] })).rejects.toThrow();
    await expect(register({ rateLimitPerMinute: 0 })).rejects.toThrow();
    await expect(register({ rateLimitPerMinute: 100_001 })).rejects.toThrow();
    await expect(issueStaticToken(admin, { clientId: c.id, expiresInDays: 367 })).rejects.toThrow();
    // The form posts checkboxes: one value is a string, several an array.
    const single = await register({ scopes: "hub:manage" as never });
    expect((await db.apiClient.findUniqueOrThrow({ where: { id: single.id } })).scopes).toEqual(["HUB_MANAGE"]);
  });

  test("rotating the secret returns a new one once, and revokes the OAuth tokens of the old one (static ones stay)", async () => {
    const c = await register();
    const s = await issueStaticToken(admin, { clientId: c.id, expiresInDays: 1 });
    const oauth = await db.apiToken.create({
      data: {
        clientId: c.id,
        kind: "OAUTH",
        tokenHash: "f".repeat(63) + String(c.id % 10),
        prefix: "crm_at_xxxx",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const r = await rotateClientSecret(admin, { clientId: c.id, version: c.version });
    expect(r.clientSecret).toMatch(/^crm_cs_/);
    expect(r.clientSecret).not.toBe(c.clientSecret);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: oauth.id } })).revokedAt).not.toBeNull();
    expect((await call(s.token)).status).toBe(200);
    await expect(rotateClientSecret(admin, { clientId: c.id, version: c.version })).rejects.toBeInstanceOf(ConflictError);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "apiClient.secretRotated", entityId: String(c.id) } });
    expect(audit.data).toEqual({ oauthTokensRevoked: 1 });
    expect(JSON.stringify(audit.data)).not.toContain(r.clientSecret.slice(7));
  });

  test("a token of another client cannot be revoked through this one", async () => {
    const a = await register();
    const b = await register();
    const t = await issueStaticToken(admin, { clientId: b.id, expiresInDays: 1 });
    await expect(revokeToken(admin, { clientId: a.id, tokenId: t.tokenId })).rejects.toMatchObject({ code: "notFound" });
    expect((await call(t.token)).status).toBe(200);
  });
});

describe("who may manage clients", () => {
  test("only admins (api:manage): everyone else is refused, nothing changes, no audit row", async () => {
    const c = await register();
    const before = await db.auditLog.count();
    for (const username of ["agent1", "supervisor1", "manager1"]) {
      const actor = await actorFor(username);
      const attempts: Array<() => Promise<unknown>> = [
        () =>
          registerApiClient(actor, {
            name: uniqueName("Nope"),
            ownerId: actor.id,
            teamId: null,
            scopes: ["ticket:read"],
            rateLimitPerMinute: 10,
            channel: "APP",
          }),
        () =>
          updateApiClient(actor, {
            clientId: c.id,
            version: c.version,
            name: "x1",
            ownerId: actor.id,
            teamId: null,
            scopes: ["ticket:read"],
            rateLimitPerMinute: 10,
            channel: "APP",
          }),
        () => setApiClientEnabled(actor, { clientId: c.id, version: c.version, enabled: false }),
        () => rotateClientSecret(actor, { clientId: c.id, version: c.version }),
        () => issueStaticToken(actor, { clientId: c.id, expiresInDays: 1 }),
        () => revokeToken(actor, { clientId: c.id, tokenId: 1 }),
        () => listApiClients(actor),
        () => getApiClient(actor, c.id),
        () => listApiClientChoices(actor),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.auditLog.count()).toBe(before);
    expect(await db.apiToken.count({ where: { clientId: c.id } })).toBe(0);
  });

  test("an unknown client is not found; hostile input is a validation error and changes nothing", async () => {
    await expect(getApiClient(admin, 2_000_000_000)).rejects.toMatchObject({ code: "notFound" });
    await expect(setApiClientEnabled(admin, { clientId: 2_000_000_000, version: 1, enabled: false })).rejects.toMatchObject({ code: "notFound" });
    const count = await db.apiClient.count();
    for (const name of ["'; DROP TABLE api_client; --", "<script>alert(1)</script>", "x".repeat(81), " "]) {
      await expect(register({ name })).rejects.toThrow();
    }
    await expect(register({ channel: "CARRIER_PIGEON" as never })).rejects.toThrow();
    expect(await db.apiClient.count()).toBe(count);
  });
});

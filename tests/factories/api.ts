// API clients and their bearer tokens (issue 25), for tests, the demo seed and the generator.
// Writes the rows directly, as lib/api/clients does (only hashes of secrets are stored).
import crypto from "node:crypto";
import type { ApiClient, Channel } from "@/lib/generated/prisma/client";
import { SCOPE_ENUM, type ApiScopeName } from "@/lib/api/scopes";
import { clientOr, uniqueNumber, type FactoryDb } from "@/tests/factories/db";
import { createUser } from "@/tests/factories/staff";

const sha256 = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest("hex");

export interface ApiClientOverrides {
  name?: string;
  scopes?: ApiScopeName[];
  /** The user the client acts as; a new admin when absent. */
  ownerId?: number;
  teamId?: number | null;
  rateLimitPerMinute?: number;
  channel?: Channel;
  /** A fixed client secret (the demo prints it); random otherwise. */
  secret?: string;
  /** A fixed access token (crm_at_…); random otherwise. */
  token?: string;
  /** Token lifetime in ms (default a day). */
  tokenTtlMs?: number;
}

export interface CreatedApiClient {
  client: ApiClient;
  /** The bearer token, in clear (only its hash is stored). */
  token: string;
  tokenId: number;
  clientKey: string;
  secret: string;
  /** `{ authorization: "Bearer …" }` */
  headers: Record<string, string>;
}

export async function createApiClient(overrides: ApiClientOverrides = {}, db?: FactoryDb): Promise<CreatedApiClient> {
  const c = await clientOr(db);
  const n = uniqueNumber();
  const ownerId = overrides.ownerId ?? (await createUser({ role: "ADMIN" }, db)).user.id;
  const secret = overrides.secret ?? `crm_cs_${crypto.randomBytes(32).toString("base64url")}`;
  const token = overrides.token ?? `crm_at_${crypto.randomBytes(32).toString("base64url")}`;
  const clientKey = `crm_ci_${crypto.randomBytes(12).toString("base64url")}`;
  const client = await c.apiClient.create({
    data: {
      name: overrides.name ?? `test-system-${n}`,
      ownerId,
      teamId: overrides.teamId ?? null,
      scopes: (overrides.scopes ?? ["ticket:read", "ticket:write", "customer:read"]).map((s) => SCOPE_ENUM[s]),
      clientKey,
      secretHash: sha256(secret),
      rateLimitPerMinute: overrides.rateLimitPerMinute ?? 6000,
      channel: overrides.channel ?? "APP",
      createdById: ownerId,
    },
  });
  const t = await c.apiToken.create({
    data: {
      clientId: client.id,
      kind: "STATIC",
      tokenHash: sha256(token),
      prefix: token.slice(0, 11),
      expiresAt: new Date(Date.now() + (overrides.tokenTtlMs ?? 86_400_000)),
      createdById: ownerId,
    },
  });
  return { client, token, tokenId: t.id, clientKey, secret, headers: { authorization: `Bearer ${token}` } };
}

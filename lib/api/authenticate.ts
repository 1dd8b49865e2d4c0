import "server-only";
import { ASYNC_COMMIT, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { takeTokenSql } from "@/lib/shared/rate-limit";
import { clientIp } from "@/lib/shared/client-ip";
import { ACCESS_TOKEN_PREFIX, sha256Hex } from "@/lib/api/tokens";
import { permissionsOfScopes, scopeName, type ApiScopeName } from "@/lib/api/scopes";
import { ApiError } from "@/lib/api/errors";

// Who calls the Open API (decision 034). A bearer token (static, or from /oauth/token) names a
// client; the client acts as its owner — a real, active user — with the permissions of its scopes
// and the record scope of its team. Revoked, expired, disabled or owner-deactivated: 401 at once
// (no cache: one indexed lookup per call).

export interface ApiCaller {
  actor: Actor;
  clientId: number;
  clientName: string;
  scopes: ApiScopeName[];
  tokenId: number;
}

const UNAUTHORIZED = (description: string) =>
  new ApiError(401, description, { "www-authenticate": `Bearer realm="crm", error="invalid_token", error_description="${description}"` });

/** The bearer token of a request, or null (no header, another scheme, not one of ours). */
export function bearerToken(request: Request): string | null {
  const h = request.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m || !m[1].startsWith(ACCESS_TOKEN_PREFIX) || m[1].length > 200) return null;
  return m[1];
}

interface Row {
  token_id: number;
  last_used_at: Date | null;
  client_id: number;
  client_name: string;
  scopes: string[];
  team_id: number | null;
  rate_limit_per_minute: number;
  owner_id: number;
}

/** The caller of a request, or an ApiError: 401 (no or bad token), 429 (the client's rate limit). */
export async function authenticateApiRequest(request: Request, now = new Date()): Promise<ApiCaller> {
  const token = bearerToken(request);
  if (!token) {
    throw new ApiError(401, "A bearer token is required (Authorization: Bearer crm_at_…).", { "www-authenticate": 'Bearer realm="crm"' });
  }
  // One round trip: the token's client and owner, the client's token bucket (lib/shared/rate-limit.ts,
  // its capacity the client's rateLimitPerMinute, refilled over a minute) and the token's last use,
  // at most once a minute (a list of tokens shows it; not worth a write per call). Neither write
  // waits for the WAL flush (ASYNC_COMMIT): a bucket or a last use lost to a database crash is harmless.
  const [row] = await sqlRows<Row & { allowed: boolean }>(
    Prisma.sql`
    WITH t AS (
      SELECT t.id AS token_id, t.last_used_at, c.id AS client_id, c.name AS client_name, c.scopes::text[] AS scopes,
             c.team_id, c.rate_limit_per_minute, u.id AS owner_id
      FROM api_token t
      JOIN api_client c ON c.id = t.client_id
      JOIN app_user u ON u.id = c.owner_id
      WHERE t.token_hash = ${sha256Hex(token)} AND t.revoked_at IS NULL AND t.expires_at > ${now}::timestamptz
        AND c.disabled_at IS NULL AND u.is_active),
    b AS (${takeTokenSql(
      Prisma.sql`'api:' || (SELECT client_id FROM t)::text`,
      { capacity: Prisma.sql`SELECT rate_limit_per_minute FROM t`, refillPerSecond: Prisma.sql`SELECT rate_limit_per_minute / 60.0 FROM t` },
      now,
      Prisma.sql`EXISTS (SELECT 1 FROM t)`,
    )}),
    used AS (
      UPDATE api_token SET last_used_at = ${now}::timestamptz
      WHERE id = (SELECT token_id FROM t) AND EXISTS (SELECT 1 FROM b)
        AND (last_used_at IS NULL OR last_used_at < ${now}::timestamptz - interval '60 seconds'))
    SELECT t.*, EXISTS (SELECT 1 FROM b) AS allowed FROM t, ${ASYNC_COMMIT}`,
    { prepared: true },
  );
  if (!row) throw UNAUTHORIZED("The token is unknown, expired or revoked.");

  const perMinute = row.rate_limit_per_minute;
  if (!row.allowed) {
    throw new ApiError(429, `Rate limit of ${perMinute} requests per minute reached.`, { "retry-after": String(Math.max(1, Math.ceil(60 / perMinute))) });
  }
  const scopes = row.scopes.map(scopeName).filter((s): s is ApiScopeName => s !== null);
  const actor: Actor = {
    id: row.owner_id,
    username: `api:${row.client_name}`,
    name: row.client_name,
    // The record scope: every team's records, or one team's as its supervisor sees them.
    role: row.team_id === null ? "MANAGER" : "SUPERVISOR",
    teamId: row.team_id,
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent"),
    permissions: permissionsOfScopes(scopes),
    apiClient: { id: row.client_id, name: row.client_name },
  };
  return { actor, clientId: row.client_id, clientName: row.client_name, scopes, tokenId: row.token_id };
}

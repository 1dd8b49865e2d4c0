import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { scopeName, API_SCOPES, type ApiScopeName } from "@/lib/api/scopes";
import { ACCESS_TOKEN_PREFIX, OAUTH_TOKEN_TTL_SECONDS, newSecret, secretMatches, sha256Hex, tokenPrefix } from "@/lib/api/tokens";

// OAuth 2 client credentials (RFC 6749 §4.4) for POST /oauth/token: the client authenticates with
// its client_id and client_secret and gets a bearer token for OAUTH_TOKEN_TTL_SECONDS. A token
// carries the client's scopes (the schema has no per-token scopes): a requested `scope` must be a
// subset of them, and the answer names the scopes the token holds. Errors are RFC 6749 §5.2 codes.

export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = "OAuthError";
  }
  get status(): number {
    return this.code === "invalid_client" ? 401 : 400;
  }
}

export interface ClientCredentialsRequest {
  clientKey: string;
  clientSecret: string;
  /** Space-separated scope names, or null for all of the client's. */
  scope: string | null;
}

export interface OAuthTokenAnswer {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

// A hash to compare against when the client_id is unknown, so an unknown id takes as long as a wrong secret.
const NO_CLIENT_HASH = sha256Hex("no such client");

/** The scopes a `scope` parameter names (RFC 6749 §3.3: space-delimited), or an OAuthError. */
export function parseScopeParameter(scope: string | null): ApiScopeName[] | null {
  if (scope === null || scope.trim() === "") return null;
  const names = [...new Set(scope.trim().split(/ +/))];
  const unknown = names.filter((n) => !(API_SCOPES as readonly string[]).includes(n));
  if (unknown.length) throw new OAuthError("invalid_scope", "The requested scope is unknown.");
  return names as ApiScopeName[];
}

export async function issueOAuthToken(
  request: ClientCredentialsRequest,
  facts: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<OAuthTokenAnswer> {
  const requested = parseScopeParameter(request.scope);
  const client =
    request.clientKey.length <= 100
      ? await db.apiClient.findUnique({
          where: { clientKey: request.clientKey },
          select: { id: true, name: true, secretHash: true, scopes: true, disabledAt: true, ownerId: true, teamId: true },
        })
      : null;
  const secretOk = secretMatches(request.clientSecret, client?.secretHash ?? NO_CLIENT_HASH);
  if (!client || !secretOk) throw new OAuthError("invalid_client", "Client authentication failed.");
  // A disabled client, or one whose owner was deactivated, authenticates no more (decision 034).
  const owner = await db.user.findUnique({ where: { id: client.ownerId }, select: { isActive: true } });
  if (client.disabledAt || !owner?.isActive) throw new OAuthError("invalid_client", "Client authentication failed.");

  const held = client.scopes.map(scopeName).filter((s): s is ApiScopeName => s !== null);
  if (requested && requested.some((s) => !held.includes(s)))
    throw new OAuthError("invalid_scope", "The requested scope exceeds the scopes registered for this client.");

  const token = newSecret(ACCESS_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + OAUTH_TOKEN_TTL_SECONDS * 1000);
  const actor: Actor = {
    id: client.ownerId,
    username: `api:${client.name}`,
    name: client.name,
    role: client.teamId === null ? "MANAGER" : "SUPERVISOR",
    teamId: client.teamId,
    ip: facts.ip,
    userAgent: facts.userAgent,
    apiClient: { id: client.id, name: client.name },
  };
  await db.$transaction(async (tx) => {
    // Expired OAuth tokens of this client are of no use to anyone: purged a day after expiry.
    await tx.apiToken.deleteMany({ where: { clientId: client.id, kind: "OAUTH", expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
    const t = await tx.apiToken.create({
      data: { clientId: client.id, kind: "OAUTH", tokenHash: sha256Hex(token), prefix: tokenPrefix(token), expiresAt, createdAt: now },
      select: { id: true, prefix: true },
    });
    await recordAudit(tx, actor, {
      action: "apiToken.issued",
      entity: "api_client",
      entityId: client.id,
      data: { tokenId: t.id, kind: "OAUTH", prefix: t.prefix, expiresAt: expiresAt.toISOString() },
    });
  });
  return { access_token: token, token_type: "Bearer", expires_in: OAUTH_TOKEN_TTL_SECONDS, scope: held.join(" ") };
}

import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { scopeName, type ApiScopeName } from "@/lib/api/scopes";

// API clients and their tokens as the admin pages read them (api:manage). Never a secret or a
// token: only the prefix of a token ("crm_at_Ab3x") tells them apart.

export interface ApiClientRow {
  id: number;
  name: string;
  description: string | null;
  clientKey: string;
  ownerId: number;
  ownerName: string;
  ownerUsername: string;
  ownerActive: boolean;
  teamId: number | null;
  teamNameZh: string | null;
  teamNameEn: string | null;
  scopes: ApiScopeName[];
  rateLimitPerMinute: number;
  channel: string;
  disabledAt: Date | null;
  createdAt: Date;
  version: number;
  /** Tokens neither revoked nor expired. */
  activeTokens: number;
  lastUsedAt: Date | null;
}

interface ClientSqlRow {
  id: number;
  name: string;
  description: string | null;
  client_key: string;
  owner_id: number;
  owner_name: string;
  owner_username: string;
  owner_active: boolean;
  team_id: number | null;
  team_name_zh: string | null;
  team_name_en: string | null;
  scopes: string[];
  rate_limit_per_minute: number;
  channel: string;
  disabled_at: Date | null;
  created_at: Date;
  version: number;
  active_tokens: number;
  last_used_at: Date | null;
}

function toRow(r: ClientSqlRow): ApiClientRow {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    clientKey: r.client_key,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    ownerUsername: r.owner_username,
    ownerActive: r.owner_active,
    teamId: r.team_id,
    teamNameZh: r.team_name_zh,
    teamNameEn: r.team_name_en,
    scopes: r.scopes.map(scopeName).filter((s): s is ApiScopeName => s !== null),
    rateLimitPerMinute: r.rate_limit_per_minute,
    channel: r.channel,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
    version: r.version,
    activeTokens: Number(r.active_tokens),
    lastUsedAt: r.last_used_at,
  };
}

async function selectClients(id: number | null): Promise<ApiClientRow[]> {
  const rows = await db.$queryRaw<ClientSqlRow[]>`
    SELECT c.id, c.name, c.description, c.client_key, c.owner_id, u.display_name AS owner_name, u.username AS owner_username,
           u.is_active AS owner_active, c.team_id, tm.name_zh AS team_name_zh, tm.name_en AS team_name_en,
           c.scopes::text[] AS scopes, c.rate_limit_per_minute, c.channel::text AS channel, c.disabled_at, c.created_at, c.version,
           (SELECT count(*)::int FROM api_token t WHERE t.client_id = c.id AND t.revoked_at IS NULL AND t.expires_at > now()) AS active_tokens,
           (SELECT max(t.last_used_at) FROM api_token t WHERE t.client_id = c.id) AS last_used_at
    FROM api_client c
    JOIN app_user u ON u.id = c.owner_id
    LEFT JOIN team tm ON tm.id = c.team_id
    WHERE (${id}::int IS NULL OR c.id = ${id}::int)
    ORDER BY c.disabled_at IS NOT NULL, c.name
    LIMIT 500`;
  return rows.map(toRow);
}

export async function listApiClients(actor: Actor): Promise<ApiClientRow[]> {
  assertCan(actor, "api:manage");
  return selectClients(null);
}

export interface ApiTokenRow {
  id: number;
  kind: "STATIC" | "OAUTH";
  prefix: string;
  label: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  createdByName: string | null;
  state: "active" | "revoked" | "expired";
}

export interface ApiClientDetail extends ApiClientRow {
  tokens: ApiTokenRow[];
  /** Calls in the last 24 hours (the audit's api.called rows), capped at CALLS_CAP. */
  callsLast24h: number;
}

/** The count of calls stops here: a busy client's exact number is not worth a long scan. */
export const CALLS_CAP = 100_000;

export async function getApiClient(actor: Actor, clientId: number): Promise<ApiClientDetail> {
  assertCan(actor, "api:manage");
  const [client] = await selectClients(clientId);
  if (!client) throw new NotFoundError("apiClient");
  const now = new Date();
  const since = new Date(now.getTime() - 86_400_000);
  const [tokens, calls] = await Promise.all([
    // Static tokens all (there are few); OAuth tokens of the last day (one an hour per integration, purged after a day).
    db.apiToken.findMany({
      where: { clientId, OR: [{ kind: "STATIC" }, { createdAt: { gt: since } }] },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, kind: true, prefix: true, label: true, expiresAt: true, revokedAt: true, lastUsedAt: true, createdAt: true, createdById: true },
    }),
    db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM audit_log
        WHERE entity = 'api_client' AND entity_id = ${String(clientId)} AND at > ${since} AND action = 'api.called'
        LIMIT ${CALLS_CAP}
      ) s`,
  ]);
  const creatorIds = [...new Set(tokens.map((t) => t.createdById).filter((x): x is number => x !== null))];
  const creators = creatorIds.length ? await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, displayName: true } }) : [];
  const nameOf = new Map(creators.map((u) => [u.id, u.displayName]));
  return {
    ...client,
    tokens: tokens.map((t) => ({
      id: t.id,
      kind: t.kind,
      prefix: t.prefix,
      label: t.label,
      expiresAt: t.expiresAt,
      revokedAt: t.revokedAt,
      lastUsedAt: t.lastUsedAt,
      createdAt: t.createdAt,
      createdByName: t.createdById === null ? null : (nameOf.get(t.createdById) ?? null),
      state: t.revokedAt ? ("revoked" as const) : t.expiresAt.getTime() <= now.getTime() ? ("expired" as const) : ("active" as const),
    })),
    callsLast24h: calls[0]?.n ?? 0,
  };
}

export interface ApiClientChoices {
  owners: Array<{ id: number; username: string; displayName: string; role: string }>;
  teams: Array<{ id: number; nameZh: string; nameEn: string }>;
}

/** Who may own a client (active users) and the teams a client may be limited to. */
export async function listApiClientChoices(actor: Actor): Promise<ApiClientChoices> {
  assertCan(actor, "api:manage");
  const [owners, teams] = await Promise.all([
    db.user.findMany({
      where: { isActive: true },
      orderBy: [{ role: "desc" }, { username: "asc" }],
      take: 1000,
      select: { id: true, username: true, displayName: true, role: true },
    }),
    db.team.findMany({ orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } }),
  ]);
  return { owners, teams };
}

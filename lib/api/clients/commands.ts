import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { SCOPE_ENUM, scopeName } from "@/lib/api/scopes";
import { ACCESS_TOKEN_PREFIX, CLIENT_SECRET_PREFIX, newClientKey, newSecret, sha256Hex, tokenPrefix } from "@/lib/api/tokens";
import {
  clientVersionInput,
  issueStaticTokenInput,
  registerApiClientInput,
  revokeTokenInput,
  setApiClientEnabledInput,
  updateApiClientInput,
  type ClientVersionInput,
  type IssueStaticTokenInput,
  type RegisterApiClientInput,
  type RevokeTokenInput,
  type SetApiClientEnabledInput,
  type UpdateApiClientInput,
} from "@/lib/api/clients/schemas";

// API clients and their tokens (issue 25, decision 034), the admins' (api:manage) side. A client
// secret and a token are returned once, by the call that makes them; only their SHA-256 is stored
// and neither is ever written to the audit log or the logs. Every change is audited in its
// transaction under the entity "api_client" (the client's page and the audit viewer read them there).

type Parsed = ReturnType<typeof registerApiClientInput.parse>;

/** The owner must be an active user and the team must exist (the pickers offer only those). */
async function checkOwnerAndTeam(tx: Tx, input: Pick<Parsed, "ownerId" | "teamId">): Promise<void> {
  const owner = await tx.user.findUnique({ where: { id: input.ownerId }, select: { isActive: true } });
  if (!owner) throw new ValidationError({ ownerId: "invalidOption" });
  if (!owner.isActive) throw new ValidationError({ ownerId: "apiOwnerInactive" });
  if (input.teamId !== null) {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
    if (!team) throw new ValidationError({ teamId: "unknownTeam" });
  }
}

function fields(input: Parsed) {
  return {
    name: input.name,
    description: input.description,
    ownerId: input.ownerId,
    teamId: input.teamId,
    scopes: input.scopes.map((s) => SCOPE_ENUM[s]),
    rateLimitPerMinute: input.rateLimitPerMinute,
    channel: input.channel,
  };
}

/** What the audit row says about a client: never its secret. */
function auditFields(input: Parsed) {
  return {
    name: input.name,
    ownerId: input.ownerId,
    teamId: input.teamId,
    scopes: input.scopes,
    rateLimitPerMinute: input.rateLimitPerMinute,
    channel: input.channel,
  };
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

export interface RegisteredApiClient {
  id: number;
  name: string;
  /** OAuth client_id: not secret. */
  clientKey: string;
  /** OAuth client_secret, in clear: shown once, never stored. */
  clientSecret: string;
}

export async function registerApiClient(actor: Actor, raw: RegisterApiClientInput): Promise<RegisteredApiClient> {
  assertCan(actor, "api:manage");
  const input = registerApiClientInput.parse(raw);
  const clientSecret = newSecret(CLIENT_SECRET_PREFIX);
  const clientKey = newClientKey();
  try {
    return await db.$transaction(async (tx) => {
      await checkOwnerAndTeam(tx, input);
      const taken = await tx.apiClient.findUnique({ where: { name: input.name }, select: { id: true } });
      if (taken) throw new ValidationError({ name: "taken" });
      const c = await tx.apiClient.create({
        data: { ...fields(input), clientKey, secretHash: sha256Hex(clientSecret), createdById: actor.id },
        select: { id: true },
      });
      await recordAudit(tx, actor, { action: "apiClient.registered", entity: "api_client", entityId: c.id, data: auditFields(input) });
      return { id: c.id, name: input.name, clientKey, clientSecret };
    });
  } catch (e) {
    // Two admins registering the same name at once: the unique index decides.
    if (isUniqueViolation(e)) throw new ValidationError({ name: "taken" });
    throw e;
  }
}

export async function updateApiClient(actor: Actor, raw: UpdateApiClientInput): Promise<{ id: number; version: number }> {
  assertCan(actor, "api:manage");
  const input = updateApiClientInput.parse(raw);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.apiClient.findUnique({ where: { id: input.clientId } });
      if (!before) throw new NotFoundError("apiClient");
      await checkOwnerAndTeam(tx, input);
      const r = await tx.apiClient.updateMany({ where: { id: input.clientId, version: input.version }, data: { ...fields(input), version: { increment: 1 } } });
      if (r.count !== 1) throw new ConflictError();
      await recordAudit(tx, actor, {
        action: "apiClient.updated",
        entity: "api_client",
        entityId: input.clientId,
        data: {
          from: {
            name: before.name,
            ownerId: before.ownerId,
            teamId: before.teamId,
            scopes: before.scopes.map((s) => scopeName(s) ?? s),
            rateLimitPerMinute: before.rateLimitPerMinute,
            channel: before.channel,
          },
          to: auditFields(input),
        },
      });
      return { id: input.clientId, version: input.version + 1 };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError({ name: "taken" });
    throw e;
  }
}

/** Disables a client (every token refused at the next call) or enables it again. */
export async function setApiClientEnabled(actor: Actor, raw: SetApiClientEnabledInput): Promise<{ id: number; version: number }> {
  assertCan(actor, "api:manage");
  const input = setApiClientEnabledInput.parse(raw);
  return db.$transaction(async (tx) => {
    const exists = await tx.apiClient.findUnique({ where: { id: input.clientId }, select: { id: true } });
    if (!exists) throw new NotFoundError("apiClient");
    const r = await tx.apiClient.updateMany({
      where: { id: input.clientId, version: input.version },
      data: { disabledAt: input.enabled ? null : new Date(), version: { increment: 1 } },
    });
    if (r.count !== 1) throw new ConflictError();
    await recordAudit(tx, actor, { action: input.enabled ? "apiClient.enabled" : "apiClient.disabled", entity: "api_client", entityId: input.clientId });
    return { id: input.clientId, version: input.version + 1 };
  });
}

/**
 * A new client secret, returned once. The old one stops working at once, and so do the OAuth
 * tokens issued with it (whoever held the old secret held those); static tokens stay.
 */
export async function rotateClientSecret(actor: Actor, raw: ClientVersionInput): Promise<{ id: number; version: number; clientSecret: string }> {
  assertCan(actor, "api:manage");
  const input = clientVersionInput.parse(raw);
  const clientSecret = newSecret(CLIENT_SECRET_PREFIX);
  return db.$transaction(async (tx) => {
    const exists = await tx.apiClient.findUnique({ where: { id: input.clientId }, select: { id: true } });
    if (!exists) throw new NotFoundError("apiClient");
    const r = await tx.apiClient.updateMany({
      where: { id: input.clientId, version: input.version },
      data: { secretHash: sha256Hex(clientSecret), version: { increment: 1 } },
    });
    if (r.count !== 1) throw new ConflictError();
    const revoked = await tx.apiToken.updateMany({
      where: { clientId: input.clientId, kind: "OAUTH", revokedAt: null, expiresAt: { gt: new Date() } },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: "apiClient.secretRotated",
      entity: "api_client",
      entityId: input.clientId,
      data: { oauthTokensRevoked: revoked.count },
    });
    return { id: input.clientId, version: input.version + 1, clientSecret };
  });
}

export interface IssuedToken {
  tokenId: number;
  /** The bearer token, in clear: shown once, never stored. */
  token: string;
  prefix: string;
  expiresAt: Date;
}

/** A static bearer token for a client (an integration that cannot do client credentials), shown once. */
export async function issueStaticToken(actor: Actor, raw: IssueStaticTokenInput): Promise<IssuedToken> {
  assertCan(actor, "api:manage");
  const input = issueStaticTokenInput.parse(raw);
  const token = newSecret(ACCESS_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  return db.$transaction(async (tx) => {
    const client = await tx.apiClient.findUnique({ where: { id: input.clientId }, select: { id: true, disabledAt: true } });
    if (!client) throw new NotFoundError("apiClient");
    if (client.disabledAt) throw new ValidationError({ clientId: "apiClientDisabled" });
    const t = await tx.apiToken.create({
      data: {
        clientId: client.id,
        kind: "STATIC",
        tokenHash: sha256Hex(token),
        prefix: tokenPrefix(token),
        label: input.label,
        expiresAt,
        createdById: actor.id,
      },
      select: { id: true, prefix: true },
    });
    await recordAudit(tx, actor, {
      action: "apiToken.issued",
      entity: "api_client",
      entityId: client.id,
      data: { tokenId: t.id, kind: "STATIC", prefix: t.prefix, label: input.label, expiresAt: expiresAt.toISOString() },
    });
    return { tokenId: t.id, token, prefix: t.prefix, expiresAt };
  });
}

/** Revokes a token (static or OAuth): refused at its next call. Revoking twice is a no-op answer. */
export async function revokeToken(actor: Actor, raw: RevokeTokenInput): Promise<{ tokenId: number }> {
  assertCan(actor, "api:manage");
  const input = revokeTokenInput.parse(raw);
  return db.$transaction(async (tx) => {
    const t = await tx.apiToken.findFirst({
      where: { id: input.tokenId, clientId: input.clientId },
      select: { id: true, revokedAt: true, prefix: true, kind: true },
    });
    if (!t) throw new NotFoundError("apiToken");
    if (t.revokedAt) return { tokenId: t.id };
    await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "apiToken.revoked",
      entity: "api_client",
      entityId: input.clientId,
      data: { tokenId: t.id, kind: t.kind, prefix: t.prefix },
    });
    return { tokenId: t.id };
  });
}

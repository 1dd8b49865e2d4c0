import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { ApiError } from "@/lib/api/errors";
import { encryptPii } from "@/lib/pii/crypto";
import { HUB_EVENT_TYPES, eventNamesOfApi, eventTypesOfQuery, type HubApi } from "@/lib/api/hub/event-types";
import { callbackAddressProblem, callbackProblem } from "@/lib/api/hub/callback";
import { hubInput, type HubInput } from "@/lib/api/hub/schemas";

// /hub listeners (TMF621 and TMF629 `POST /hub`, `DELETE /hub/{id}`): an API client with the
// hub:manage scope registers a callback for some of its API's events. Its signing secret is made
// here, stored encrypted (lib/pii/crypto, rotated with the PII keys) and shown once.

/** Live subscriptions one client may hold (a listener per event type and system is plenty). */
export const MAX_SUBSCRIPTIONS_PER_CLIENT = 20;

/** The permission that reads the records an API's events describe. */
const READ_PERMISSION = { troubleTicket: "complaint:read", customer: "customer:read" } as const;

export interface HubView {
  id: number;
  api: HubApi;
  callback: string;
  query: string | null;
  createdAt: Date;
}

export interface CreatedHub extends HubView {
  /** The HMAC-SHA256 key of X-Signature, in clear: returned once, never again. */
  secret: string;
}

function clientOf(actor: Actor): { id: number; name: string } {
  if (!actor.apiClient) throw new ForbiddenError("hub:manage");
  return actor.apiClient;
}

export async function createHubSubscription(actor: Actor, api: HubApi, raw: HubInput, now = new Date()): Promise<CreatedHub> {
  assertCan(actor, "hub:manage");
  // A listener receives records: only a client that may read them may listen.
  assertCan(actor, READ_PERMISSION[api]);
  const client = clientOf(actor);
  const input = hubInput.parse(raw);
  const problem = callbackProblem(input.callback) ?? (await callbackAddressProblem(input.callback));
  // The API's own 400s (this function serves only /hub): they say what is wrong with the callback.
  if (problem) throw new ApiError(400, `Invalid body: ${problem}.`);
  const query = input.query?.trim() || null;
  const names = eventTypesOfQuery(api, query);
  if (!names) throw new ApiError(400, `Invalid body: query must be empty or eventType=<one or more of ${eventNamesOfApi(api).join(", ")}>.`);
  const secret = `crm_hs_${crypto.randomBytes(32).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    // Serialised per client, so two registrations at once cannot pass the cap together.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(2525, ${client.id})`;
    const live = await tx.hubSubscription.count({ where: { clientId: client.id, deletedAt: null } });
    if (live >= MAX_SUBSCRIPTIONS_PER_CLIENT) throw new ApiError(422, `This client already has ${MAX_SUBSCRIPTIONS_PER_CLIENT} listeners; delete one first.`);
    const s = await tx.hubSubscription.create({
      data: {
        clientId: client.id,
        api,
        callback: input.callback,
        query,
        eventTypes: names.map((n) => HUB_EVENT_TYPES[n].enum),
        secretEnc: encryptPii(secret),
        createdAt: now,
      },
    });
    await recordAudit(tx, actor, {
      action: "hubSubscription.created",
      entity: "hub_subscription",
      entityId: s.id,
      data: { api, host: new URL(input.callback).host, eventTypes: names },
    });
    return { id: s.id, api, callback: s.callback, query: s.query, createdAt: s.createdAt, secret };
  });
}

/** One of the calling client's own live subscriptions on this API (another client's is not found). */
export async function getHubSubscription(actor: Actor, api: HubApi, id: number): Promise<HubView> {
  assertCan(actor, "hub:manage");
  const client = clientOf(actor);
  const s = await db.hubSubscription.findFirst({ where: { id, api, clientId: client.id, deletedAt: null } });
  if (!s) throw new NotFoundError("hub");
  return { id: s.id, api, callback: s.callback, query: s.query, createdAt: s.createdAt };
}

/** Removes a listener (soft delete): nothing more is sent to it; its waiting deliveries become DEAD. */
export async function deleteHubSubscription(actor: Actor, api: HubApi, id: number, now = new Date()): Promise<void> {
  assertCan(actor, "hub:manage");
  const client = clientOf(actor);
  await db.$transaction(async (tx) => {
    const r = await tx.hubSubscription.updateMany({ where: { id, api, clientId: client.id, deletedAt: null }, data: { deletedAt: now } });
    if (r.count === 0) throw new NotFoundError("hub");
    await tx.hubDelivery.updateMany({ where: { subscriptionId: id, status: "PENDING" }, data: { status: "DEAD", lastError: "subscription removed" } });
    await recordAudit(tx, actor, { action: "hubSubscription.deleted", entity: "hub_subscription", entityId: id });
  });
}

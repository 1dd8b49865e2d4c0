import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { HUB_EVENT_TYPES, eventNameOf, type HubEventName } from "@/lib/api/hub/event-types";
import { deliveryLogFilters, type DeliveryLogFilters, type HubDeliveryStatusName } from "@/lib/api/hub/schemas";

// The delivery log admins read (/admin/api/deliveries, permission api:manage): newest first,
// keyset-paginated on the delivery id, filtered by status, client and event type.

export const DELIVERY_PAGE_SIZE = 50;

export interface DeliveryLogRow {
  id: string;
  status: HubDeliveryStatusName;
  eventType: HubEventName | string;
  entity: string;
  entityId: number;
  subscriptionId: number;
  subscriptionDeleted: boolean;
  /** The callback's host only (the path may carry a listener's own token). */
  callbackHost: string;
  clientId: number;
  clientName: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
}

export interface DeliveryLogPage {
  rows: DeliveryLogRow[];
  /** The `before` of the next page, or null on the last. */
  nextBefore: string | null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "?";
  }
}

export async function listHubDeliveries(actor: Actor, raw: DeliveryLogFilters = {}): Promise<DeliveryLogPage> {
  assertCan(actor, "api:manage");
  const f = deliveryLogFilters.parse(raw);
  const where: Prisma.Sql[] = [];
  if (f.status) where.push(Prisma.sql`d.status = ${f.status}::"HubDeliveryStatus"`);
  if (f.clientId) where.push(Prisma.sql`s.client_id = ${f.clientId}`);
  if (f.eventType) where.push(Prisma.sql`e.type = ${HUB_EVENT_TYPES[f.eventType as HubEventName].enum}::"HubEventType"`);
  if (f.before) where.push(Prisma.sql`d.id < ${f.before}::bigint`);
  const rows = await db.$queryRaw<
    Array<{
      id: bigint;
      status: HubDeliveryStatusName;
      type: string;
      entity: string;
      entity_id: number;
      subscription_id: number;
      deleted_at: Date | null;
      callback: string;
      client_id: number;
      client_name: string;
      attempts: number;
      last_status_code: number | null;
      last_error: string | null;
      created_at: Date;
      next_attempt_at: Date;
      delivered_at: Date | null;
    }>
  >`
    SELECT d.id, d.status::text AS status, e.type::text AS type, e.entity, e.entity_id, d.subscription_id, s.deleted_at, s.callback,
           k.id AS client_id, k.name AS client_name, d.attempts, d.last_status_code, d.last_error, d.created_at, d.next_attempt_at, d.delivered_at
    FROM hub_delivery d
    JOIN api_event e ON e.id = d.event_id
    JOIN hub_subscription s ON s.id = d.subscription_id
    JOIN api_client k ON k.id = s.client_id
    WHERE ${where.length ? Prisma.join(where, " AND ") : Prisma.sql`TRUE`}
    ORDER BY d.id DESC
    LIMIT ${DELIVERY_PAGE_SIZE + 1}`;
  const page = rows.slice(0, DELIVERY_PAGE_SIZE).map(
    (r): DeliveryLogRow => ({
      id: String(r.id),
      status: r.status,
      eventType: eventNameOf(r.type) ?? r.type,
      entity: r.entity,
      entityId: r.entity_id,
      subscriptionId: r.subscription_id,
      subscriptionDeleted: r.deleted_at !== null,
      callbackHost: hostOf(r.callback),
      clientId: r.client_id,
      clientName: r.client_name,
      attempts: r.attempts,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: r.created_at,
      nextAttemptAt: r.next_attempt_at,
      deliveredAt: r.delivered_at,
    }),
  );
  return { rows: page, nextBefore: rows.length > DELIVERY_PAGE_SIZE ? page[page.length - 1].id : null };
}

/** The clients the log's filter offers (those that ever registered a listener). */
export async function listHubClients(actor: Actor): Promise<Array<{ id: number; name: string }>> {
  assertCan(actor, "api:manage");
  return db.apiClient.findMany({ where: { subscriptions: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

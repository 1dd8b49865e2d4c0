import "server-only";
import { sqlRows, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { customerHref, ticketHref } from "@/lib/api/href";
import { HUB_EVENT_TYPES, type HubEventName } from "@/lib/api/hub/event-types";
import { logger } from "@/lib/shared/logger";

// The event outbox (decision 034, docs/open-api.md "Events"). A change that a /hub listener may
// want writes, in its own transaction and in ONE statement: an api_event row and one hub_delivery
// per live subscription that asked for the type and may see the record — and nothing at all when
// no subscription wants it (the hot paths pay one cheap lookup of a tiny table). After commit the
// committing code nudges the delivery queue (nudgeHubDelivery); the job runner posts the events.
//
// Who receives what:
//   - the subscription is live (not deleted), its client enabled and its owner active;
//   - the client still holds a scope that reads the API's records (ticket:read/write for
//     troubleTicket, customer:read/write for customer);
//   - ticket events: a team-scoped client's subscription receives only the complaints its actor
//     could read — the team's complaints, and those its owner owns or handles (the same rule as
//     lib/complaints/scope.ts complaintScopeSql for a SUPERVISOR of that team); customers have no
//     team scope.

type ResourceFields = Record<string, string | number | boolean | null | undefined | object>;

interface EventSqlOptions {
  type: HubEventName;
  /** A CTE (or table alias) of the statement with the changed rows: `id`, and for tickets `team_id`, `owner_id`, `assignee_id`. Never input. */
  source: string;
  /** The compact resource's fields besides id, href and @type (status, lastUpdate, …). */
  resource: ResourceFields;
  /** Distinguishes two events written by one statement ("hub" by default). */
  prefix?: string;
  now: Date;
}

const NAME = /^[a-z][a-z0-9_]*$/;

function resourceKeyOf(type: HubEventName): { key: "troubleTicket" | "customer"; type: string; entity: string; hrefPrefix: string } {
  return HUB_EVENT_TYPES[type].api === "troubleTicket"
    ? { key: "troubleTicket", type: "TroubleTicket", entity: "complaint", hrefPrefix: ticketHref("") }
    : { key: "customer", type: "Customer", entity: "customer", hrefPrefix: customerHref("") };
}

function compact(fields: ResourceFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null));
}

/**
 * The outbox as CTEs to add to the WITH of a statement that makes the change (intake and the
 * transitions are one statement each): `<p>_s` the matching subscriptions per source row, `<p>_e`
 * the events written (only for rows someone wants), `<p>_d` the deliveries. The statement can
 * report how many events it wrote with `hubEventCountSql(prefix)`.
 */
export function apiEventSql(o: EventSqlOptions): Prisma.Sql {
  const p = o.prefix ?? "hub";
  if (!NAME.test(p) || !NAME.test(o.source)) throw new Error("apiEventSql: prefix and source must be SQL names");
  const def = HUB_EVENT_TYPES[o.type];
  const r = resourceKeyOf(o.type);
  const src = Prisma.raw(o.source);
  const s = Prisma.raw(`${p}_s`);
  const e = Prisma.raw(`${p}_e`);
  const d = Prisma.raw(`${p}_d`);
  const scopes = def.api === "troubleTicket" ? Prisma.sql`ARRAY['TICKET_READ','TICKET_WRITE']::"ApiScope"[]` : Prisma.sql`ARRAY['CUSTOMER_READ','CUSTOMER_WRITE']::"ApiScope"[]`;
  const teamRule =
    def.api === "troubleTicket"
      ? Prisma.sql`AND (k.team_id IS NULL OR src.team_id = k.team_id OR src.owner_id = k.owner_id OR src.assignee_id = k.owner_id)`
      : Prisma.empty;
  const fields = JSON.stringify({ ...compact(o.resource), "@type": r.type });
  return Prisma.sql`
    ${s} AS (
      SELECT sub.id AS subscription_id, src.id AS entity_id
      FROM ${src} src
      JOIN hub_subscription sub ON sub.deleted_at IS NULL AND sub.api = ${def.api} AND ${def.enum}::"HubEventType" = ANY (sub.event_types)
      JOIN api_client k ON k.id = sub.client_id AND k.disabled_at IS NULL AND k.scopes && ${scopes}
      JOIN app_user o ON o.id = k.owner_id AND o.is_active
      WHERE TRUE ${teamRule}),
    ${e} AS (
      INSERT INTO api_event (type, entity, entity_id, payload, created_at)
      SELECT ${def.enum}::"HubEventType", ${r.entity}, src.id,
             jsonb_build_object(${r.key}::text, jsonb_build_object('id', src.id::text, 'href', ${r.hrefPrefix}::text || src.id::text) || ${fields}::jsonb),
             ${o.now}::timestamptz
      FROM ${src} src WHERE EXISTS (SELECT 1 FROM ${s} WHERE ${s}.entity_id = src.id)
      RETURNING id, entity_id),
    ${d} AS (
      INSERT INTO hub_delivery (event_id, subscription_id, next_attempt_at, created_at)
      SELECT ${e}.id, ${s}.subscription_id, ${o.now}::timestamptz, ${o.now}::timestamptz
      FROM ${e} JOIN ${s} ON ${s}.entity_id = ${e}.entity_id)`;
}

/** How many events the CTEs of `apiEventSql({ prefix })` wrote (for the nudge after commit). */
export function hubEventCountSql(prefix = "hub"): Prisma.Sql {
  if (!NAME.test(prefix)) throw new Error("hubEventCountSql: prefix must be an SQL name");
  return Prisma.sql`(SELECT count(*) FROM ${Prisma.raw(`${prefix}_e`)})::int`;
}

export interface ApiEventInput {
  type: HubEventName;
  /** The complaint's or customer's id. */
  entityId: number;
  /** For ticket events: the complaint's team, owner and handler (the team-scope rule). */
  ticket?: { teamId: number | null; ownerId: number; assigneeId: number | null };
  resource: ResourceFields;
  now?: Date;
}

/**
 * Records one event in the caller's transaction: ONE statement, which writes nothing when no
 * subscription wants it. Returns the number of events written; when it is not 0, call
 * `nudgeHubDelivery()` after the transaction commits.
 */
export async function recordApiEvent(tx: Tx, input: ApiEventInput): Promise<number> {
  const now = input.now ?? new Date();
  const t = input.ticket;
  const [row] = await sqlRows<{ n: number }>(
    Prisma.sql`
      WITH src AS (SELECT ${input.entityId}::int AS id, ${t?.teamId ?? null}::int AS team_id, ${t?.ownerId ?? null}::int AS owner_id, ${t?.assigneeId ?? null}::int AS assignee_id),
      ${apiEventSql({ type: input.type, source: "src", resource: input.resource, now })}
      SELECT ${hubEventCountSql()} AS n`,
    { tx },
  );
  return row?.n ?? 0;
}

/**
 * Wakes the delivery job right after a commit that wrote events (best effort: never fails or
 * delays the caller's change; the job's minute sweep delivers whatever a lost nudge leaves).
 * `delaySeconds` when the caller's transaction commits after this call (the event's rows are not
 * visible before). Only a process that runs the job runner sends it (lib/jobs/boss.ts).
 */
export function nudgeHubDelivery(delaySeconds = 0): void {
  import("@/lib/jobs/boss")
    .then((m) => m.nudgeHubDeliveryQueue(delaySeconds))
    .catch((e: unknown) => logger.warn("hub.nudge_failed", { message: e instanceof Error ? e.message : String(e) }));
}

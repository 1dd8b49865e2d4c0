import "server-only";
import { randomUUID } from "node:crypto";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { ConflictError } from "@/lib/shared/errors";
import { openComplaint } from "@/lib/complaints/intake";
import { transitionComplaint } from "@/lib/complaints/transitions";
import { addComplaintComment } from "@/lib/complaints/comments";
import { rootCausesOfCategory } from "@/lib/complaints/root-cause-queries";
import { isConfirmationSource, type ComplaintAction, type ComplaintStatus } from "@/lib/complaints/workflow";
import type { ComplaintGrade } from "@/lib/complaints/schemas";
import { ApiError } from "@/lib/api/errors";
import { sha256Hex } from "@/lib/api/tokens";
import { STATUS_TO_TMF } from "@/lib/api/tmf621/mapping";
import { getTicket } from "@/lib/api/tmf621/queries";
import type { TicketCreateBody, TicketPatchBody, TicketStatus } from "@/lib/api/tmf621/schemas";
import type { TroubleTicket } from "@/lib/api/tmf621/mapping";

// TMF621 writes: create (POST) through the intake (lib/complaints/intake.ts openComplaint) and
// merge-patch (PATCH) through the state machine (transitionComplaint) and the comment log
// (addComplaintComment). Nothing here decides a rule of its own: permission, scope, routing, the
// SLA, transitions and their audit rows are lib's, exactly as for a person in the UI. This module
// only translates TMF621 into those calls and refuses what none of them can do (422, naming it).

const SUMMARY_MAX = 200;

/** How a reference names a customer or a line: our id ("123") or a number ("msisdn:13800138000"). */
function parseRef(raw: string, what: string): { id: number } | { msisdn: string } {
  const s = raw.trim();
  if (/^[1-9]\d{0,9}$/.test(s) && Number(s) <= 2_147_483_647) return { id: Number(s) };
  const m = /^msisdn:\+?(?:86)?(\d{5,15})$/i.exec(s);
  if (m) return { msisdn: m[1] };
  throw new ApiError(422, `${what} must be our id ("123") or "msisdn:<number>".`);
}

/** summary ≤ 200 characters and details, from the ticket's name and description. */
export function summaryAndDetails(name: string | undefined, description: string): { summary: string; details: string } {
  const d = description.trim();
  const n = name?.trim();
  if (n) return { summary: n.slice(0, SUMMARY_MAX), details: d };
  if (d.length <= SUMMARY_MAX) return { summary: d, details: "" };
  return { summary: `${d.slice(0, SUMMARY_MAX - 1)}…`, details: d };
}

interface Resolved {
  customer_id: number | null;
  line_id: number | null;
  line_customer_id: number | null;
  category_id: number | null;
  channel: string | null;
}

/**
 * Opens a complaint from a TroubleTicket_FVO. The subscriber is the relatedParty with role
 * "customer" (partyOrPartyRole.id: our customer id or "msisdn:<number>"); a relatedEntity with
 * role "line" names the line (a line id or "msisdn:<number>"; a customer named by number brings
 * that line). ticketType is a category code, severity our grade, the channel the client's own.
 * `idempotencyKey` (the client's Idempotency-Key, if any) becomes the intake's key, prefixed by
 * the client, so a retry never opens a second complaint even past the API's own key store.
 */
export async function createTicket(
  actor: Actor,
  body: TicketCreateBody,
  opts: { clientId: number; idempotencyKey?: string | null },
  now = new Date(),
): Promise<{ ticket: TroubleTicket; version: number; created: boolean }> {
  assertCan(actor, "complaint:create");
  const party = body.relatedParty.filter((p) => p.role.toLowerCase() === "customer");
  if (party.length !== 1 || !party[0].partyOrPartyRole?.id) {
    throw new ApiError(422, 'relatedParty must hold one entry with role "customer" and partyOrPartyRole.id (a customer id or "msisdn:<number>").');
  }
  const other = body.relatedParty.find((p) => p.role.toLowerCase() !== "customer");
  if (other) throw new ApiError(422, `relatedParty role "${other.role.slice(0, 50)}" cannot be set: owner and assignee are decided by the intake.`);
  const customerRef = parseRef(party[0].partyOrPartyRole.id, "relatedParty customer id");
  const lines = body.relatedEntity.filter((e) => e.role.toLowerCase() === "line");
  const otherEntity = body.relatedEntity.find((e) => e.role.toLowerCase() !== "line");
  if (otherEntity || lines.length > 1) throw new ApiError(422, 'relatedEntity may hold one entry, with role "line".');
  const lineRef = lines.length ? parseRef(lines[0].entity.id, "relatedEntity line id") : "msisdn" in customerRef ? customerRef : null;
  if (body.status !== undefined && body.status !== "acknowledged") throw new ApiError(422, "status: a new ticket is acknowledged.");
  if (body.troubleTicketCharacteristic?.length) throw new ApiError(422, "troubleTicketCharacteristic is not accepted on create.");

  // Everything the translation needs, in one statement: the customer (by id or number), the line,
  // the active category of that code and the client's channel.
  const [r] = await sqlRows<Resolved>(
    Prisma.sql`
    WITH l AS (
      SELECT id, customer_id FROM line
      WHERE ${lineRef === null ? Prisma.sql`FALSE` : "id" in lineRef ? Prisma.sql`id = ${lineRef.id}::int` : Prisma.sql`msisdn = ${lineRef.msisdn}`})
    SELECT ${"id" in customerRef ? Prisma.sql`(SELECT id FROM customer WHERE id = ${customerRef.id}::int)` : Prisma.sql`(SELECT customer_id FROM l)`} AS customer_id,
           (SELECT id FROM l) AS line_id, (SELECT customer_id FROM l) AS line_customer_id,
           (SELECT id FROM complaint_category WHERE code = ${body.ticketType} AND is_active) AS category_id,
           (SELECT channel::text FROM api_client WHERE id = ${opts.clientId}) AS channel`,
    { prepared: true },
  );
  if (r.customer_id === null) throw new ApiError(422, "relatedParty: no customer has this id or number.");
  if (lineRef !== null && (r.line_id === null || r.line_customer_id !== r.customer_id)) {
    throw new ApiError(422, "relatedEntity: no line of this customer has this id or number.");
  }
  if (r.category_id === null) throw new ApiError(422, `ticketType "${body.ticketType}" is not an active troubleTicketSpecification.`);
  const channel = r.channel ?? "APP";
  if (body.channel && body.channel.id.toUpperCase() !== channel) {
    throw new ApiError(422, `channel: this client's tickets are recorded under "${channel.toLowerCase()}".`);
  }

  const { summary, details } = summaryAndDetails(body.name, body.description);
  const key = opts.idempotencyKey ? `api:${opts.clientId}:${sha256Hex(opts.idempotencyKey).slice(0, 40)}` : `api:${opts.clientId}:${randomUUID()}`;
  const opened = await openComplaint(
    actor,
    {
      customerId: r.customer_id,
      lineId: r.line_id,
      channel: channel as "APP",
      categoryId: r.category_id,
      grade: body.severity.toUpperCase() as ComplaintGrade,
      summary,
      details,
      idempotencyKey: key,
    },
    null,
    now,
    {
      externalIdentifiers: body.externalIdentifier?.map((e) => ({
        id: e.id,
        ...(e.owner ? { owner: e.owner } : {}),
        ...(e.externalIdentifierType ? { externalIdentifierType: e.externalIdentifierType } : {}),
      })),
    },
  );
  if (opened.created) {
    for (const n of body.note ?? []) await addComplaintComment(actor, { complaintId: opened.id, kind: "NOTE", body: n.text }, now);
  }
  const t = await getTicket(actor, opened.id);
  return { ticket: t.ticket, version: t.version, created: opened.created };
}

/** The workflow action that moves a complaint from one TMF status to another (null: none does). */
export function actionFor(from: ComplaintStatus, to: TicketStatus): ComplaintAction | null {
  switch (to) {
    case "inProgress":
      if (from === "ACKNOWLEDGED") return "start";
      if (from === "PENDING" || from === "HELD") return "resume";
      if (from === "RESOLVED" || from === "CLOSED") return "reopen";
      return null;
    case "pending":
      return "pend";
    case "held":
      return "hold";
    case "resolved":
      return "resolve";
    case "closed":
      return "close";
    case "rejected":
      return "reject";
    case "cancelled":
      return "cancel";
    case "acknowledged":
      return null;
  }
}

/** Attributes a PATCH may carry (each mapped onto a lib call); any other must equal the ticket's. */
const PATCHABLE = new Set(["@type", "@baseType", "@schemaLocation", "status", "statusChangeReason", "note", "troubleTicketCharacteristic"]);
/** Characteristics a PATCH understands: a close's confirmation, a resolution's root cause. */
const CHARACTERISTICS = new Set(["confirmation", "rootCause"]);

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * A merge-patch of a ticket. `status` moves it through the workflow (statusChangeReason is the
 * reason or the resolution note; characteristic "confirmation" = CUSTOMER_CONFIRMED closes,
 * "rootCause" = a root cause code or id resolves where the category keeps a list); `note` entries
 * without an id are appended as customer-facing notes, those with an id must be the ticket's own.
 * `ifMatch` (the If-Match version) must be the ticket's version. Returns the ticket as it is now.
 */
export async function patchTicket(
  actor: Actor,
  id: number,
  patch: TicketPatchBody,
  ifMatch: number | null,
  now = new Date(),
): Promise<{ ticket: TroubleTicket; version: number }> {
  assertCan(actor, "complaint:handle");
  const cur = await getTicket(actor, id);
  if (ifMatch !== null && ifMatch !== cur.version) throw new ConflictError("If-Match names an older version of this ticket");
  const t = cur.ticket;
  const transition = patch.status !== undefined && patch.status !== t.status;
  for (const [k, v] of Object.entries(patch)) {
    if (PATCHABLE.has(k)) continue;
    if (!sameJson(v, t[k])) throw new ApiError(422, `${k.slice(0, 60)} cannot be changed through the API (only status, statusChangeReason, note).`);
  }
  if (!transition && patch.statusChangeReason !== undefined && patch.statusChangeReason !== t.statusChangeReason) {
    throw new ApiError(422, "statusChangeReason is accepted only with a change of status.");
  }
  const chars = new Map<string, string>();
  for (const c of patch.troubleTicketCharacteristic ?? []) {
    if (!CHARACTERISTICS.has(c.name))
      throw new ApiError(422, `troubleTicketCharacteristic "${c.name.slice(0, 60)}" is not understood (confirmation, rootCause).`);
    chars.set(c.name, String(c.value ?? ""));
  }
  if (chars.size > 0 && !transition)
    throw new ApiError(422, "troubleTicketCharacteristic is accepted only with a change of status (confirmation: closed, rootCause: resolved).");
  const existingNotes = new Map<string, { text: string }>(((t.note ?? []) as Array<{ id: string; text: string }>).map((n) => [n.id, n]));
  const newNotes: string[] = [];
  for (const n of patch.note ?? []) {
    if (n.id === undefined) {
      if (!n.text.trim()) throw new ApiError(400, "note.text must not be blank.");
      newNotes.push(n.text);
    } else if (existingNotes.get(n.id)?.text !== n.text) {
      throw new ApiError(422, `note "${n.id.slice(0, 40)}" is not this ticket's (notes are appended, never edited).`);
    }
  }

  if (transition) {
    const action = actionFor(cur.status, patch.status!);
    if (action === null) throw new ApiError(422, `The ticket cannot move from ${t.status} to ${patch.status}.`);
    const confirmation = chars.get("confirmation");
    if (confirmation !== undefined && (action !== "close" || !isConfirmationSource(confirmation))) {
      throw new ApiError(422, 'troubleTicketCharacteristic "confirmation" is CUSTOMER_CONFIRMED, with status closed.');
    }
    const rootCause = chars.get("rootCause");
    if (rootCause !== undefined && action !== "resolve") throw new ApiError(422, 'troubleTicketCharacteristic "rootCause" goes with status resolved.');
    await transitionComplaint(
      actor,
      {
        complaintId: id,
        version: cur.version,
        action,
        reason: patch.statusChangeReason ?? null,
        confirmation: (confirmation as "CUSTOMER_CONFIRMED" | undefined) ?? null,
        rootCauseId: rootCause !== undefined ? await rootCauseId(t.ticketType as string, rootCause) : null,
      },
      now,
    );
  }
  for (const text of newNotes) await addComplaintComment(actor, { complaintId: id, kind: "NOTE", body: text }, now);
  if (!transition && newNotes.length === 0) return { ticket: t, version: cur.version };
  const after = await getTicket(actor, id);
  return { ticket: after.ticket, version: after.version };
}

/** A root cause of the ticket's category, by code or id (422 when the category has no such one). */
async function rootCauseId(categoryCode: string, value: string): Promise<number> {
  const cat = await db.complaintCategory.findUnique({ where: { code: categoryCode }, select: { id: true } });
  const causes = cat ? await rootCausesOfCategory(db, cat.id) : [];
  const hit = causes.find((c) => c.code === value || String(c.id) === value);
  if (!hit)
    throw new ApiError(
      422,
      `rootCause "${value.slice(0, 60)}" is not one of this ticket type's root causes (${causes.map((c) => c.code).join(", ") || "none"}).`,
    );
  return hit.id;
}

export { STATUS_TO_TMF };

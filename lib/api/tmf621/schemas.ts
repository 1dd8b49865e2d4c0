// TMF621 Trouble Ticket: what the API accepts (query strings, create and merge-patch bodies), as zod
// schemas the route pipeline (lib/api/route.ts) parses before any lib call. Bad input is a 400 with
// the field named; a value our workflow cannot honour is the lib's 422.
import { z } from "zod";
import { COMPLAINT_CHANNELS, COMPLAINT_GRADES } from "@/lib/complaints/schemas";

/** TMF621 status values in our workflow's order (lib/complaints/workflow.ts COMPLAINT_STATUSES). */
export const TICKET_STATUSES = ["acknowledged", "inProgress", "pending", "held", "resolved", "closed", "rejected", "cancelled"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** `severity` is our complaint grade, lower case (general, complex, major). */
export const TICKET_SEVERITIES = COMPLAINT_GRADES.map((g) => g.toLowerCase()) as ["general", "complex", "major"];

export const LIST_LIMIT_DEFAULT = 20;
export const LIST_LIMIT_MAX = 100;
export const SORTS = ["creationDate", "-creationDate", "lastUpdate", "-lastUpdate"] as const;

const MAX_INT = 2_147_483_647;

/** A comma-separated list of allowed values ("pending,held"), each checked. */
const listOf = <T extends string>(values: readonly T[], name: string) =>
  z
    .string()
    .max(500)
    .transform((s, ctx) => {
      const parts = [
        ...new Set(
          s
            .split(",")
            .map((p) => p.trim())
            .filter(Boolean),
        ),
      ];
      const bad = parts.find((p) => !(values as readonly string[]).includes(p));
      if (bad !== undefined || parts.length === 0) {
        ctx.addIssue({ code: "custom", message: `${name} must be one or more of ${values.join(", ")}` });
        return z.NEVER;
      }
      return parts as T[];
    });

/** An RFC 3339 date-time with a zone ("2026-12-07T10:00:00Z", "…+08:00"). */
const dateTime = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, "must be an RFC 3339 date-time with a zone")
  .transform((s, ctx) => {
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "is not a date" });
      return z.NEVER;
    }
    return d;
  });

const intText = (max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, "must be a whole number")
    .transform(Number)
    .refine((n) => n <= max, `must be at most ${max}`);

/** Top-level attribute names for `fields=` (id, href and @type are always kept). */
const fieldsParam = z
  .string()
  .max(500)
  .regex(/^[A-Za-z@][A-Za-z0-9@._]*(,[A-Za-z@][A-Za-z0-9@._]*)*$/, "must be attribute names separated by commas")
  .transform((s) => s.split(",").map((f) => f.split(".")[0]));

const categoryCode = z.string().regex(/^[A-Z0-9_]{1,40}$/, "must be category codes (troubleTicketSpecification ids)");

export const ticketListQuery = z
  .object({
    fields: fieldsParam.optional(),
    offset: intText(1_000_000).default(0),
    limit: intText(1_000_000)
      .transform((n) => Math.max(1, Math.min(n, LIST_LIMIT_MAX)))
      .default(LIST_LIMIT_DEFAULT),
    sort: z.enum(SORTS).default("-creationDate"),
    status: listOf(TICKET_STATUSES, "status").optional(),
    severity: listOf(TICKET_SEVERITIES, "severity").optional(),
    ticketType: z
      .string()
      .max(500)
      .transform((s) => [
        ...new Set(
          s
            .split(",")
            .map((p) => p.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(categoryCode).min(1).max(50))
      .optional(),
    channel: listOf(COMPLAINT_CHANNELS.map((c) => c.toLowerCase()) as string[], "channel").optional(),
    "relatedParty.id": intText(MAX_INT).optional(),
    "creationDate.gt": dateTime.optional(),
    "creationDate.gte": dateTime.optional(),
    "creationDate.lt": dateTime.optional(),
    "creationDate.lte": dateTime.optional(),
    "lastUpdate.gt": dateTime.optional(),
    "lastUpdate.gte": dateTime.optional(),
    "lastUpdate.lt": dateTime.optional(),
    "lastUpdate.lte": dateTime.optional(),
  })
  // An attribute filter we do not serve is refused rather than silently ignored (a client would
  // read every ticket believing it filtered).
  .strict();
export type TicketListQuery = z.output<typeof ticketListQuery>;

export const ticketGetQuery = z.object({ fields: fieldsParam.optional() }).strict();
export const ticketIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .pipe(z.number().max(MAX_INT)),
});
export const specIdParams = z.object({ id: categoryCode });

const text = (max: number) => z.string().max(max);
const typed = { "@type": z.string().max(100).optional(), "@baseType": z.string().max(100).optional(), "@schemaLocation": z.string().max(500).optional() };

/** A related party as TMF621 v5 writes it: `role` + `partyOrPartyRole` (with its `id`). */
const relatedParty = z
  .object({
    ...typed,
    role: text(50),
    partyOrPartyRole: z
      .object({ ...typed, id: text(100), href: text(500).optional(), name: text(200).optional(), "@referredType": text(100).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

const relatedEntity = z
  .object({
    ...typed,
    role: text(50),
    entity: z.object({ ...typed, id: text(100), href: text(500).optional(), name: text(200).optional(), "@referredType": text(100).optional() }).passthrough(),
  })
  .passthrough();

const characteristic = z
  .object({
    ...typed,
    id: text(100).optional(),
    name: text(100),
    valueType: text(50).optional(),
    value: z.union([z.string().max(1000), z.number(), z.boolean()]).optional(),
  })
  .passthrough();

const note = z.object({ ...typed, id: text(100).optional(), author: text(200).optional(), date: text(40).optional(), text: text(4000) }).passthrough();

const externalIdentifier = z.object({ ...typed, owner: text(100).optional(), externalIdentifierType: text(100).optional(), id: text(200) }).passthrough();

/**
 * TroubleTicket_FVO as we accept it. Required by the spec: description, severity, ticketType.
 * The subscriber: relatedParty role "customer" with partyOrPartyRole.id = our customer id
 * ("123") or "msisdn:<number>"; a relatedEntity role "line" with entity.id = a line id or
 * "msisdn:<number>" names the line the complaint is about.
 */
export const ticketCreateBody = z
  .object({
    ...typed,
    name: text(200).optional(),
    description: text(4000).refine((s) => s.trim().length > 0, "must not be blank"),
    severity: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(TICKET_SEVERITIES)),
    ticketType: categoryCode,
    relatedParty: z.array(relatedParty).max(20).default([]),
    relatedEntity: z.array(relatedEntity).max(20).default([]),
    externalIdentifier: z.array(externalIdentifier).max(5).optional(),
    note: z.array(note).max(10).optional(),
    troubleTicketCharacteristic: z.array(characteristic).max(20).optional(),
    // Set by the server (the channel is the calling system's; status starts acknowledged): accepted
    // only when they agree, refused by the command otherwise.
    status: z.enum(TICKET_STATUSES).optional(),
    channel: z
      .object({ ...typed, id: text(50), name: text(100).optional() })
      .passthrough()
      .optional(),
    attachment: z.array(z.unknown()).max(0, "attachments are not accepted through the API").optional(),
    requestedResolutionDate: z
      .unknown()
      .refine((v) => v === undefined, "is not supported: the SLA sets expectedResolutionDate")
      .optional(),
  })
  .passthrough();
export type TicketCreateBody = z.output<typeof ticketCreateBody>;

/**
 * TroubleTicket_MVO as a merge-patch: `status` (+ `statusChangeReason`), `note` entries appended as
 * comments, and `troubleTicketCharacteristic` naming a close's confirmation or a resolution's root
 * cause. Any other attribute is compared with the ticket: unchanged is fine, changed is a 422.
 */
export const ticketPatchBody = z
  .object({
    ...typed,
    status: z.enum(TICKET_STATUSES).optional(),
    statusChangeReason: text(1000).optional(),
    note: z.array(note).max(10).optional(),
    troubleTicketCharacteristic: z.array(characteristic).max(20).optional(),
  })
  .passthrough();
export type TicketPatchBody = z.output<typeof ticketPatchBody>;

export const specListQuery = z
  .object({
    fields: fieldsParam.optional(),
    offset: intText(1_000_000).default(0),
    limit: intText(1_000_000)
      .default(LIST_LIMIT_MAX)
      .transform((n) => Math.max(1, Math.min(n, LIST_LIMIT_MAX))),
  })
  .strict();

export const MAX_ID = MAX_INT;
export { COMPLAINT_CHANNELS };

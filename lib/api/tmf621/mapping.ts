import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { listCustomerName, maskMsisdn } from "@/lib/pii/mask";
import { apiOrigin, customerHref, ticketHref, TMF621_BASE } from "@/lib/api/href";
import type { ComplaintStatus } from "@/lib/complaints/workflow";
import type { TicketStatus } from "@/lib/api/tmf621/schemas";

// A complaint as a TMF621 TroubleTicket (docs/open-api.md "TMF621 Trouble Ticket"). Our workflow's
// states are TMF621's (lib/complaints/workflow.ts); the rest maps field by field. Pure apart from
// the origin of hrefs: the row comes from lib/api/tmf621/queries.ts.

export const STATUS_TO_TMF: Record<ComplaintStatus, TicketStatus> = {
  ACKNOWLEDGED: "acknowledged",
  IN_PROGRESS: "inProgress",
  PENDING: "pending",
  HELD: "held",
  RESOLVED: "resolved",
  CLOSED: "closed",
  REJECTED: "rejected",
  CANCELLED: "cancelled",
};
export const STATUS_FROM_TMF = Object.fromEntries(Object.entries(STATUS_TO_TMF).map(([k, v]) => [v, k])) as Record<TicketStatus, ComplaintStatus>;

/** The row a ticket is built from (one statement: ticketSelectSql). */
export interface TicketRow {
  id: number;
  complaint_no: string;
  customer_id: number;
  customer_name: string;
  customer_type: string;
  line_id: number | null;
  msisdn: string | null;
  channel: string;
  category_code: string;
  category_name: string;
  grade: string;
  summary: string;
  details: string;
  status: ComplaintStatus;
  owner_id: number;
  owner_name: string;
  assignee_id: number | null;
  assignee_name: string | null;
  is_appeal: boolean;
  escalation_level: number;
  version: number;
  resolution_due_at: Date | null;
  resolved_at: Date | null;
  created_at: Date;
  updated_at: Date;
  history: Array<{ at: string; to: ComplaintStatus; reason: string | null; action: string }>;
  notes: Array<{ id: number; author: string | null; at: string; body: string }> | null;
  external: Array<{ owner?: string; externalIdentifierType?: string; id: string }> | null;
  attachments: Array<{ id: number; file_name: string; mime_type: string; size: number }> | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a TMF resource is open-ended JSON
export type TroubleTicket = Record<string, any> & { id: string; href: string; "@type": "TroubleTicket" };

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The ticket's priority, derived (read-only): "high" for a major complaint, a regulator appeal or an
 * escalated one; "medium" for complex; "low" otherwise.
 */
export function priorityOf(r: Pick<TicketRow, "grade" | "is_appeal" | "escalation_level">): "high" | "medium" | "low" {
  if (r.grade === "MAJOR" || r.is_appeal || r.escalation_level > 0) return "high";
  return r.grade === "COMPLEX" ? "medium" : "low";
}

/** "summary" alone, or "summary\n\ndetails". */
export function descriptionOf(summary: string, details: string): string {
  return details ? `${summary}\n\n${details}` : summary;
}

const userRef = (role: string, id: number, name: string) => ({
  "@type": "RelatedPartyRefOrPartyRoleRef",
  role,
  partyOrPartyRole: { "@type": "PartyRef", id: String(id), name, "@referredType": "Individual" },
});

export function toTroubleTicket(actor: Actor, r: TicketRow): TroubleTicket {
  const history = r.history ?? [];
  const last = history.at(-1);
  const t: TroubleTicket = {
    "@type": "TroubleTicket",
    id: String(r.id),
    href: ticketHref(r.id),
    name: r.complaint_no,
    description: descriptionOf(r.summary, r.details),
    severity: r.grade.toLowerCase(),
    priority: priorityOf(r),
    ticketType: r.category_code,
    troubleTicketSpecification: {
      "@type": "TroubleTicketSpecificationRef",
      id: r.category_code,
      href: `${apiOrigin()}${TMF621_BASE}/troubleTicketSpecification/${r.category_code}`,
      name: r.category_name,
    },
    status: STATUS_TO_TMF[r.status],
    creationDate: iso(r.created_at),
    lastUpdate: iso(r.updated_at),
    channel: { "@type": "ChannelRef", id: r.channel.toLowerCase(), name: r.channel },
    relatedParty: [
      {
        "@type": "RelatedPartyRefOrPartyRoleRef",
        role: "customer",
        partyOrPartyRole: {
          "@type": "PartyRef",
          id: String(r.customer_id),
          href: customerHref(r.customer_id),
          // Masked unless the client may reveal (the same rule as every list in the UI).
          name: listCustomerName(actor, r.customer_name, r.customer_type),
          "@referredType": "Customer",
        },
      },
      userRef("owner", r.owner_id, r.owner_name),
      ...(r.assignee_id !== null ? [userRef("assignee", r.assignee_id, r.assignee_name ?? "")] : []),
    ],
    statusChangeHistory: history.map((h) => ({
      "@type": "StatusChange",
      status: STATUS_TO_TMF[h.to],
      statusChangeDate: iso(h.at),
      ...(h.reason ? { statusChangeReason: h.reason } : {}),
    })),
  };
  if (last) {
    t.statusChangeDate = iso(last.at);
    if (last.reason) t.statusChangeReason = last.reason;
  }
  if (r.resolution_due_at) t.expectedResolutionDate = iso(r.resolution_due_at);
  if (r.resolved_at) t.resolutionDate = iso(r.resolved_at);
  if (r.line_id !== null) {
    t.relatedEntity = [
      {
        "@type": "RelatedEntity",
        role: "line",
        entity: { "@type": "EntityRef", id: String(r.line_id), name: maskMsisdn(r.msisdn), "@referredType": "Line" },
      },
    ];
  }
  if (r.notes?.length) {
    t.note = r.notes.map((n) => ({ "@type": "Note", id: String(n.id), ...(n.author ? { author: n.author } : {}), date: iso(n.at), text: n.body }));
  }
  if (r.attachments?.length) {
    t.attachment = r.attachments.map((a) => ({
      "@type": "AttachmentRef",
      id: String(a.id),
      // The bytes are served to signed-in staff only (the complaint page's download).
      href: `${apiOrigin()}/api/complaints/attachments/${a.id}`,
      name: a.file_name,
      description: `${a.mime_type}, ${a.size} bytes`,
      "@referredType": "Attachment",
    }));
  }
  if (r.external?.length) {
    t.externalIdentifier = r.external.map((e) => ({
      "@type": "ExternalIdentifier",
      id: e.id,
      ...(e.owner ? { owner: e.owner } : {}),
      ...(e.externalIdentifierType ? { externalIdentifierType: e.externalIdentifierType } : {}),
    }));
  }
  return t;
}

/** `fields=` selection: the named first-level attributes, always with id, href and @type. */
export function selectFields<T extends Record<string, unknown>>(resource: T, fields: readonly string[] | undefined): Partial<T> {
  if (!fields) return resource;
  const keep = new Set(["id", "href", "@type", ...fields]);
  return Object.fromEntries(Object.entries(resource).filter(([k]) => keep.has(k))) as Partial<T>;
}

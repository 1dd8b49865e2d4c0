import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/shared/errors";
import { complaintScopeSql } from "@/lib/complaints/scope";
import { QUEUE_COUNT_CAP } from "@/lib/complaints/queries";
import { apiOrigin, TMF621_BASE } from "@/lib/api/href";
import { STATUS_FROM_TMF, toTroubleTicket, type TicketRow, type TroubleTicket } from "@/lib/api/tmf621/mapping";
import type { TicketListQuery } from "@/lib/api/tmf621/schemas";

// TMF621 reads: one ticket, a filtered page of tickets, the specifications (complaint categories).
// Each is one statement; the actor's record scope is the same SQL as the UI's (complaintScopeSql),
// so a team-scoped client sees what its team's supervisor sees and nothing else (out of scope = 404).

/**
 * The ticket columns over the complaints `c` a FROM clause yields: names joined, the status
 * history, customer-facing notes (NOTE and FEEDBACK — never INTERNAL comments or SYSTEM entries),
 * external identifiers (a SYSTEM entry written at create) and attachment references, each an
 * indexed read per ticket (complaint_status_change / complaint_comment (complaint_id, at),
 * complaint_attachment (complaint_id)).
 */
function ticketColumnsSql(): Prisma.Sql {
  return Prisma.sql`
    c.id, c.complaint_no, c.customer_id, cu.name AS customer_name, cu.type::text AS customer_type, c.line_id, l.msisdn,
    c.channel::text AS channel, cat.code AS category_code, cat.name_en AS category_name, c.grade::text AS grade, c.summary, c.details,
    c.status::text AS status, c.owner_id, o.display_name AS owner_name, c.assignee_id, a.display_name AS assignee_name,
    c.is_appeal, c.escalation_level, c.version, c.resolution_due_at, c.resolved_at, c.created_at, c.updated_at,
    (SELECT json_agg(json_build_object('at', s.at, 'to', s.to_status, 'reason', s.reason, 'action', s.action) ORDER BY s.at, s.id)
       FROM complaint_status_change s WHERE s.complaint_id = c.id) AS history,
    (SELECT json_agg(json_build_object('id', m.id, 'author', u.display_name, 'at', m.at, 'body', m.body) ORDER BY m.at, m.id)
       FROM complaint_comment m LEFT JOIN app_user u ON u.id = m.author_id
      WHERE m.complaint_id = c.id AND m.kind IN ('NOTE', 'FEEDBACK')) AS notes,
    (SELECT json_agg(m.body::jsonb -> 'identifier' ORDER BY m.id)
       FROM complaint_comment m
      WHERE m.complaint_id = c.id AND m.kind = 'SYSTEM' AND m.body LIKE '{"event":"externalIdentifier"%') AS external,
    (SELECT json_agg(json_build_object('id', f.id, 'file_name', f.file_name, 'mime_type', f.mime_type, 'size', f.size) ORDER BY f.id)
       FROM complaint_attachment f WHERE f.complaint_id = c.id) AS attachments`;
}

const JOINS = Prisma.sql`
    JOIN customer cu ON cu.id = c.customer_id
    JOIN complaint_category cat ON cat.id = c.category_id
    JOIN app_user o ON o.id = c.owner_id
    LEFT JOIN app_user a ON a.id = c.assignee_id
    LEFT JOIN line l ON l.id = c.line_id`;

/** One ticket in the actor's scope with its version (the ETag), or NotFoundError. */
export async function getTicket(actor: Actor, id: number): Promise<{ ticket: TroubleTicket; version: number; status: TicketRow["status"] }> {
  assertCan(actor, "complaint:read");
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) throw new NotFoundError("complaint");
  const [r] = await sqlRows<TicketRow>(Prisma.sql`SELECT ${ticketColumnsSql()} FROM complaint c ${JOINS} WHERE c.id = ${id} AND ${complaintScopeSql(actor)}`, {
    prepared: true,
  });
  if (!r) throw new NotFoundError("complaint");
  return { ticket: toTroubleTicket(actor, r), version: r.version, status: r.status };
}

/** The WHERE of a list: the actor's scope and every filter given. */
function listWhere(actor: Actor, q: TicketListQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [complaintScopeSql(actor)];
  // Enum filters are written as constants of the column's own type (the values are zod-checked
  // members of fixed lists): the planner can then prove, say, "status IN ('IN_PROGRESS','PENDING')"
  // implies the open-complaint partial indexes' predicate, which a text parameter hides from it.
  const members = (values: string[]) => Prisma.raw(values.map((v) => `'${v.replace(/[^A-Z_]/g, "")}'`).join(", "));
  if (q.status) parts.push(Prisma.sql`c.status IN (${members(q.status.map((s) => STATUS_FROM_TMF[s]))})`);
  if (q.severity) parts.push(Prisma.sql`c.grade IN (${members(q.severity.map((s) => s.toUpperCase()))})`);
  if (q.channel) parts.push(Prisma.sql`c.channel IN (${members(q.channel.map((s) => s.toUpperCase()))})`);
  if (q.ticketType) parts.push(Prisma.sql`c.category_id IN (SELECT id FROM complaint_category WHERE code = ANY(${q.ticketType}::text[]))`);
  if (q["relatedParty.id"] !== undefined) parts.push(Prisma.sql`c.customer_id = ${q["relatedParty.id"]}`);
  const range = (col: Prisma.Sql, key: "creationDate" | "lastUpdate") => {
    if (q[`${key}.gt`]) parts.push(Prisma.sql`${col} > ${q[`${key}.gt`]}::timestamptz`);
    if (q[`${key}.gte`]) parts.push(Prisma.sql`${col} >= ${q[`${key}.gte`]}::timestamptz`);
    if (q[`${key}.lt`]) parts.push(Prisma.sql`${col} < ${q[`${key}.lt`]}::timestamptz`);
    if (q[`${key}.lte`]) parts.push(Prisma.sql`${col} <= ${q[`${key}.lte`]}::timestamptz`);
  };
  range(Prisma.sql`c.created_at`, "creationDate");
  range(Prisma.sql`c.updated_at`, "lastUpdate");
  return Prisma.join(parts, " AND ");
}

const ORDER: Record<TicketListQuery["sort"], Prisma.Sql> = {
  creationDate: Prisma.sql`c.created_at, c.id`,
  "-creationDate": Prisma.sql`c.created_at DESC, c.id DESC`,
  lastUpdate: Prisma.sql`c.updated_at, c.id`,
  "-lastUpdate": Prisma.sql`c.updated_at DESC, c.id DESC`,
};

/** The cap of the total count: above it, X-Total-Count is not sent (the count stops reading there). */
export const TICKET_COUNT_CAP = QUEUE_COUNT_CAP;

/**
 * A page of tickets in the actor's scope (offset/limit, sorted), with the total when it is at most
 * TICKET_COUNT_CAP (null above: counting further would read every match). One statement: the page
 * is chosen from complaint alone and only its rows are joined and expanded.
 */
export async function listTickets(actor: Actor, q: TicketListQuery): Promise<{ tickets: TroubleTicket[]; total: number | null }> {
  assertCan(actor, "complaint:read");
  const where = listWhere(actor, q);
  const rows = await sqlRows<TicketRow & { total: number }>(
    Prisma.sql`
    WITH page AS (
      SELECT c.id FROM complaint c WHERE ${where}
      ORDER BY ${ORDER[q.sort]} OFFSET ${q.offset} LIMIT ${q.limit}),
    total AS (SELECT count(*)::int AS n FROM (SELECT 1 FROM complaint c WHERE ${where} LIMIT ${TICKET_COUNT_CAP + 1}) x)
    SELECT ${ticketColumnsSql()}, (SELECT n FROM total) AS total
    FROM page p JOIN complaint c ON c.id = p.id ${JOINS}
    ORDER BY ${ORDER[q.sort]}`,
    { prepared: true },
  );
  let total: number | null;
  if (rows.length > 0) total = rows[0].total;
  else {
    // An empty page (past the end, or nothing matches): the count alone.
    const [t] = await sqlRows<{ n: number }>(
      Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM complaint c WHERE ${where} LIMIT ${TICKET_COUNT_CAP + 1}) x`,
      { prepared: true },
    );
    total = t.n;
  }
  return { tickets: rows.map((r) => toTroubleTicket(actor, r)), total: total !== null && total <= TICKET_COUNT_CAP ? total : null };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a TMF resource is open-ended JSON
export type TicketSpecification = Record<string, any> & { id: string; href: string; "@type": "TroubleTicketSpecification" };

interface CategoryRow {
  code: string;
  name_en: string;
  name_zh: string;
  is_active: boolean;
  version: number;
  updated_at: Date;
  parent_code: string | null;
  default_grade: string;
}

function toSpecification(r: CategoryRow): TicketSpecification {
  return {
    "@type": "TroubleTicketSpecification",
    id: r.code,
    href: `${apiOrigin()}${TMF621_BASE}/troubleTicketSpecification/${r.code}`,
    name: r.name_en,
    description: `${r.name_zh} (${r.name_en}): use ticketType "${r.code}"; default severity ${r.default_grade.toLowerCase()}${r.parent_code ? `; under ${r.parent_code}` : ""}.`,
    lifecycleStatus: r.is_active ? "active" : "retired",
    version: String(r.version),
    lastUpdate: r.updated_at.toISOString(),
  };
}

const SPEC_SQL = Prisma.sql`
  SELECT c.code, c.name_en, c.name_zh, c.is_active, c.version, c.updated_at, p.code AS parent_code, c.default_grade::text AS default_grade
  FROM complaint_category c LEFT JOIN complaint_category p ON p.id = c.parent_id`;

/** The admin's complaint categories as TroubleTicketSpecifications (inactive ones as "retired"). */
export async function listTicketSpecifications(
  actor: Actor,
  page: { offset: number; limit: number },
): Promise<{ specs: TicketSpecification[]; total: number }> {
  assertCan(actor, "complaint:read");
  const [rows, total] = await Promise.all([
    sqlRows<CategoryRow>(Prisma.sql`${SPEC_SQL} ORDER BY c.sort_order, c.id OFFSET ${page.offset} LIMIT ${page.limit}`),
    db.complaintCategory.count(),
  ]);
  return { specs: rows.map(toSpecification), total };
}

export async function getTicketSpecification(actor: Actor, code: string): Promise<TicketSpecification> {
  assertCan(actor, "complaint:read");
  const [r] = await sqlRows<CategoryRow>(Prisma.sql`${SPEC_SQL} WHERE c.code = ${code}`);
  if (!r) throw new NotFoundError("category");
  return toSpecification(r);
}

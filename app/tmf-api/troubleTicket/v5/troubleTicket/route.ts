import { apiRoute, etagOf } from "@/lib/api/route";
import { withIdempotency } from "@/lib/api/idempotency";
import { selectFields } from "@/lib/api/tmf621/mapping";
import { listTickets } from "@/lib/api/tmf621/queries";
import { createTicket } from "@/lib/api/tmf621/commands";
import { ticketCreateBody, ticketListQuery } from "@/lib/api/tmf621/schemas";

// TMF621 troubleTicket: list (filters, fields, offset/limit, sort) and create (docs/open-api.md).

export const GET = apiRoute({ scope: ["ticket:read", "ticket:write"], query: ticketListQuery }, async ({ caller, query }) => {
  const { tickets, total } = await listTickets(caller.actor, query);
  const headers: Record<string, string> = { "cache-control": "no-store", "x-result-count": String(tickets.length) };
  if (total !== null) headers["x-total-count"] = String(total);
  return Response.json(
    tickets.map((t) => selectFields(t, query.fields)),
    { status: 200, headers },
  );
});

export const POST = apiRoute({ scope: "ticket:write", body: ticketCreateBody }, async ({ caller, request, body, rawBody }) =>
  withIdempotency(caller.clientId, request, rawBody, async () => {
    const r = await createTicket(caller.actor, body, { clientId: caller.clientId, idempotencyKey: request.headers.get("idempotency-key") });
    return { status: 201, body: r.ticket, headers: { location: r.ticket.href, etag: etagOf(r.version) } };
  }),
);

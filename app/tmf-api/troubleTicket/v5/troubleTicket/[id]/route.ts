import { apiRoute, etagOf, ifMatchVersion } from "@/lib/api/route";
import { ApiError } from "@/lib/api/errors";
import { selectFields } from "@/lib/api/tmf621/mapping";
import { getTicket } from "@/lib/api/tmf621/queries";
import { patchTicket } from "@/lib/api/tmf621/commands";
import { ticketGetQuery, ticketIdParams, ticketPatchBody } from "@/lib/api/tmf621/schemas";

// TMF621 troubleTicket/{id}: read, merge-patch (status transitions, notes), and no hard delete.

export const GET = apiRoute({ scope: ["ticket:read", "ticket:write"], params: ticketIdParams, query: ticketGetQuery }, async ({ caller, params, query }) => {
  const { ticket, version } = await getTicket(caller.actor, params.id);
  return Response.json(selectFields(ticket, query.fields), { headers: { "cache-control": "no-store", etag: etagOf(version) } });
});

export const PATCH = apiRoute(
  { scope: "ticket:write", params: ticketIdParams, query: ticketGetQuery, body: ticketPatchBody },
  async ({ caller, request, params, query, body }) => {
    const { ticket, version } = await patchTicket(caller.actor, params.id, body, ifMatchVersion(request));
    return Response.json(selectFields(ticket, query.fields), { headers: { "cache-control": "no-store", etag: etagOf(version) } });
  },
);

export const DELETE = apiRoute({ scope: "ticket:write", params: ticketIdParams }, async () => {
  throw new ApiError(405, 'Trouble tickets are never deleted: PATCH {"status":"cancelled","statusChangeReason":"…"} instead.', { allow: "GET, PATCH" });
});

import { apiRoute } from "@/lib/api/route";
import { selectFields } from "@/lib/api/tmf621/mapping";
import { listTicketSpecifications } from "@/lib/api/tmf621/queries";
import { specListQuery } from "@/lib/api/tmf621/schemas";

// TMF621 troubleTicketSpecification: the admin's complaint categories (ticketType = the id).

export const GET = apiRoute({ scope: ["ticket:read", "ticket:write"], query: specListQuery }, async ({ caller, query }) => {
  const { specs, total } = await listTicketSpecifications(caller.actor, query);
  return Response.json(
    specs.map((s) => selectFields(s, query.fields)),
    { headers: { "cache-control": "no-store", "x-result-count": String(specs.length), "x-total-count": String(total) } },
  );
});

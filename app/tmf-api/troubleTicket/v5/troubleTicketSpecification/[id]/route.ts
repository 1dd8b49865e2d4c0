import { apiRoute } from "@/lib/api/route";
import { selectFields } from "@/lib/api/tmf621/mapping";
import { getTicketSpecification } from "@/lib/api/tmf621/queries";
import { specIdParams, ticketGetQuery } from "@/lib/api/tmf621/schemas";

// TMF621 troubleTicketSpecification/{id}: one complaint category, by its code.

export const GET = apiRoute({ scope: ["ticket:read", "ticket:write"], params: specIdParams, query: ticketGetQuery }, async ({ caller, params, query }) =>
  Response.json(selectFields(await getTicketSpecification(caller.actor, params.id), query.fields), { headers: { "cache-control": "no-store" } }),
);

import "server-only";
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { TMF621_BASE, TMF629_BASE, apiOrigin } from "@/lib/api/href";
import type { HubApi } from "@/lib/api/hub/event-types";
import { hubInput } from "@/lib/api/hub/schemas";
import { createHubSubscription, deleteHubSubscription, getHubSubscription, type HubView } from "@/lib/api/hub/subscription-commands";

// The /hub route handlers of TMF621 and TMF629 (the same three, one apiRoute() each, per API):
//   POST /hub        201 Hub (+ `secret`, once), Location
//   GET /hub/{id}    200 Hub (the calling client's own only)
//   DELETE /hub/{id} 204

const idParams = z.object({ id: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number) });
/** A Hub_FVO is a few hundred bytes; more is refused before it is parsed. */
const HUB_BODY_LIMIT = 16 * 1024;

function hubHref(api: HubApi, id: number): string {
  return `${apiOrigin()}${api === "troubleTicket" ? TMF621_BASE : TMF629_BASE}/hub/${id}`;
}

/** TMF Hub: `@type`, `id`, `href`, `callback`, `query`. */
export function hubResource(h: HubView): Record<string, string> {
  return { "@type": "Hub", id: String(h.id), href: hubHref(h.api, h.id), callback: h.callback, ...(h.query ? { query: h.query } : {}) };
}

export function hubRoutes(api: HubApi) {
  return {
    POST: apiRoute({ scope: "hub:manage", body: hubInput, bodyLimit: HUB_BODY_LIMIT }, async ({ caller, body }) => {
      const h = await createHubSubscription(caller.actor, api, body);
      // The secret is an extension property of the Hub (the schema allows more properties), shown this once.
      return Response.json({ ...hubResource(h), secret: h.secret }, { status: 201, headers: { location: hubHref(api, h.id), "cache-control": "no-store" } });
    }),
    GET: apiRoute({ scope: "hub:manage", params: idParams }, async ({ caller, params }) =>
      Response.json(hubResource(await getHubSubscription(caller.actor, api, params.id)), { headers: { "cache-control": "no-store" } }),
    ),
    DELETE: apiRoute({ scope: "hub:manage", params: idParams }, async ({ caller, params }) => {
      await deleteHubSubscription(caller.actor, api, params.id);
      return new Response(null, { status: 204 });
    }),
  };
}

import { hubRoutes } from "@/lib/api/hub/handlers";

// POST /hub: register a listener for this API's events (docs/open-api.md "Events").
const hub = hubRoutes("troubleTicket");
export const POST = hub.POST;

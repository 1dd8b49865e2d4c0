import { hubRoutes } from "@/lib/api/hub/handlers";

// POST /hub: register a listener for this API's events (docs/open-api.md "Events").
const hub = hubRoutes("customer");
export const POST = hub.POST;

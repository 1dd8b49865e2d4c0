import { hubRoutes } from "@/lib/api/hub/handlers";

// GET /hub/{id}: the listener; DELETE: remove it (docs/open-api.md "Events").
const hub = hubRoutes("customer");
export const GET = hub.GET;
export const DELETE = hub.DELETE;

import { apiRoute } from "@/lib/api/route";
import { getTmfCustomer, patchTmfCustomer } from "@/lib/api/tmf629/handlers";
import { customerGetQuery, customerParams, customerPatchBody } from "@/lib/api/tmf629/schemas";

// TMF629 Customer (docs/open-api.md): one customer; merge-patch of contact media, status and consent.
export const GET = apiRoute({ scope: ["customer:read", "customer:write"], params: customerParams, query: customerGetQuery }, ({ caller, params, query }) =>
  getTmfCustomer(caller, params.id, query),
);

export const PATCH = apiRoute(
  { scope: "customer:write", params: customerParams, query: customerGetQuery, body: customerPatchBody, bodyLimit: 64 * 1024 },
  ({ caller, request, params, body, query }) => patchTmfCustomer(caller, request, params.id, body, query),
);

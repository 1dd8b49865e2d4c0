import { apiRoute } from "@/lib/api/route";
import { createTmfCustomer, listTmfCustomers } from "@/lib/api/tmf629/handlers";
import { customerCreateBody, customerListQuery } from "@/lib/api/tmf629/schemas";

// TMF629 Customer (docs/open-api.md): list with filters, create a subscriber with one line.
export const GET = apiRoute({ scope: ["customer:read", "customer:write"], query: customerListQuery }, ({ caller, query }) => listTmfCustomers(caller, query));

export const POST = apiRoute({ scope: "customer:write", body: customerCreateBody, bodyLimit: 64 * 1024 }, ({ caller, request, body, rawBody }) =>
  createTmfCustomer(caller, request, body, rawBody),
);

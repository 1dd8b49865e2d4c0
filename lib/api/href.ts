import "server-only";
import { env } from "@/lib/env";

// Where the Open API lives (TMF `href`s and the served openapi.json). The official base paths of
// the v5 specifications; /tmf-api/troubleTicketManagement/v5 and /tmf-api/customerManagement/v5
// answer the same (aliases, see docs/open-api.md).
export const TMF621_BASE = "/tmf-api/troubleTicket/v5";
export const TMF629_BASE = "/tmf-api/customer/v5";
export const TMF621_ALIAS = "/tmf-api/troubleTicketManagement/v5";
export const TMF629_ALIAS = "/tmf-api/customerManagement/v5";

/** The public origin of this server (APP_BASE_URL, else NEXTAUTH_URL), without a trailing slash. */
export function apiOrigin(): string {
  const base = env().APP_BASE_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  return base.replace(/\/+$/, "");
}

export function ticketHref(id: number | string): string {
  return `${apiOrigin()}${TMF621_BASE}/troubleTicket/${id}`;
}

export function customerHref(id: number | string): string {
  return `${apiOrigin()}${TMF629_BASE}/customer/${id}`;
}

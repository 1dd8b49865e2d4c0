// API scopes (issue 25, decision 034): what a client may do, as TMF clients name it, and the
// permissions each one lends the client's actor. Browser-safe (the admin form lists them).
import type { Permission } from "@/lib/auth/permissions";

export const API_SCOPES = ["ticket:read", "ticket:write", "customer:read", "customer:write", "customer:reveal", "hub:manage"] as const;
export type ApiScopeName = (typeof API_SCOPES)[number];

/** The database enum value of each scope (ApiScope in schema.prisma). */
export const SCOPE_ENUM = {
  "ticket:read": "TICKET_READ",
  "ticket:write": "TICKET_WRITE",
  "customer:read": "CUSTOMER_READ",
  "customer:write": "CUSTOMER_WRITE",
  "customer:reveal": "CUSTOMER_REVEAL",
  "hub:manage": "HUB_MANAGE",
} as const satisfies Record<ApiScopeName, string>;
export type ApiScopeEnum = (typeof SCOPE_ENUM)[ApiScopeName];

export function scopeName(value: string): ApiScopeName | null {
  return (Object.entries(SCOPE_ENUM).find(([, v]) => v === value)?.[0] as ApiScopeName | undefined) ?? null;
}

/**
 * The permissions each scope lends: the same permission checks as the UI then apply in lib.
 * ticket:write also reads (a create answers the ticket); customer:reveal reads the numbers in clear;
 * customer:write creates subscribers (customer:import: the permission of the import, which the
 * create validates like) and updates contact details, status and consent (customer:update).
 */
export const SCOPE_PERMISSIONS: Record<ApiScopeName, readonly Permission[]> = {
  "ticket:read": ["complaint:read"],
  "ticket:write": ["complaint:read", "complaint:create", "complaint:handle"],
  "customer:read": ["customer:read", "customer:search", "value:read", "loyalty:read"],
  "customer:write": ["customer:read", "customer:update", "customer:import"],
  "customer:reveal": ["customer:revealPii"],
  "hub:manage": ["hub:manage"],
};

export function permissionsOfScopes(scopes: readonly ApiScopeName[]): Set<Permission> {
  return new Set(scopes.flatMap((s) => SCOPE_PERMISSIONS[s]));
}

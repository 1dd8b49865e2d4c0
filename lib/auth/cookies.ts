// Session cookie names (edge-safe: proxy.ts reads them). With Secure cookies (the production
// default) the session cookie is `__Host-` (Secure, no Domain, Path=/: it cannot be set by a
// sibling subdomain or sent over HTTP) and next-auth's other cookies are `__Secure-`/`__Host-`.

/**
 * Secure cookies and HSTS: on in production mode unless the operator sets SECURE_COOKIES=false
 * (a trial over plain HTTP on a LAN address; browsers accept Secure cookies from http://localhost);
 * in demo mode (CRM_MODE=demo) only with SECURE_COOKIES=true. TLS terminated at a proxy still
 * serves the browser over HTTPS, so it keeps the default. Reads the raw variables: proxy.ts and
 * lib/env.ts share it.
 */
export function isSecureCookies(vars: { SECURE_COOKIES?: string; CRM_MODE?: string }): boolean {
  if (vars.SECURE_COOKIES === "true") return true;
  if (vars.SECURE_COOKIES === "false") return false;
  return vars.CRM_MODE !== "demo";
}
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-crm.session" : "crm.session";
}
export const SESSION_COOKIE_NAMES = [sessionCookieName(true), sessionCookieName(false)];
/** Every cookie next-auth may have set, cleared on logout. */
export const AUTH_COOKIE_NAMES = [
  ...SESSION_COOKIE_NAMES,
  "next-auth.csrf-token",
  "__Host-next-auth.csrf-token",
  "next-auth.callback-url",
  "__Secure-next-auth.callback-url",
];

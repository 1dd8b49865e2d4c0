// Session cookie names (edge-safe: proxy.ts reads them). With SECURE_COOKIES=true (production
// behind HTTPS) the session cookie is `__Host-` (Secure, no Domain, Path=/: it cannot be set by a
// sibling subdomain or sent over HTTP) and next-auth's other cookies are `__Secure-`/`__Host-`.
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

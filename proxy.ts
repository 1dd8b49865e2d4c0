import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES, isSecureCookies } from "@/lib/auth/cookies";
import { buildContentSecurityPolicy, bodyLimitFor } from "@/lib/shared/security-headers";

// 1. Security headers: a per-request nonce for a strict Content-Security-Policy (Next.js applies
//    the nonce to its own scripts when it finds the CSP on the request), HSTS with Secure cookies (the production default).
// 2. Request size limits before anything parses a body.
// 3. Convenience only: visitors without a session cookie go to the login page (not the Open API's
//    /tmf-api and /oauth, which answer 401 with a TMF error body: lib/api/route.ts). Authorization is
//    enforced in lib (requireActor + assertCan), never here (CVE-2025-29927).
const PUBLIC = [/^\/login/, /^\/tmf-api\//, /^\/oauth\//, /^\/setup$/, /^\/api\/auth/, /^\/api\/health/, /^\/api\/ready/, /^\/s\//, /^\/o\//, /^\/_next/, /^\/favicon/, /^\/robots/, /^\/icon(-\d+\.png|\.svg)$/, /^\/apple-touch-icon\.png$/, /^\/manifest\.webmanifest$/];

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > bodyLimitFor(pathname)) return new NextResponse("Payload Too Large", { status: 413 });

  const nonce = btoa(crypto.randomUUID());
  const csp = buildContentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  const secure = isSecureCookies({ SECURE_COOKIES: process.env.SECURE_COOKIES, CRM_MODE: process.env.CRM_MODE });
  const withHeaders = (res: NextResponse) => {
    res.headers.set("Content-Security-Policy", csp);
    if (secure) res.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    return res;
  };

  if (!PUBLIC.some((re) => re.test(pathname))) {
    const hasSession = SESSION_COOKIE_NAMES.some((n) => request.cookies.has(n));
    if (!hasSession && !pathname.startsWith("/api/")) {
      const url = new URL("/login", request.url);
      if (pathname !== "/") url.searchParams.set("next", pathname + request.nextUrl.search);
      return withHeaders(NextResponse.redirect(url));
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = { matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }] };

import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/cookies";

// Convenience only: sends visitors without a session cookie to the login page. Authorization is
// enforced in lib (requireActor + assertCan), never here (CVE-2025-29927).
const PUBLIC = [/^\/login/, /^\/api\/auth/, /^\/api\/health/, /^\/api\/ready/, /^\/s\//, /^\/_next/, /^\/favicon/, /^\/robots/];
const SESSION_COOKIES = SESSION_COOKIE_NAMES;

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PUBLIC.some((re) => re.test(pathname))) return NextResponse.next();
  const hasSession = SESSION_COOKIES.some((n) => request.cookies.has(n));
  if (!hasSession && !pathname.startsWith("/api/")) {
    const url = new URL("/login", request.url);
    if (pathname !== "/") url.searchParams.set("next", pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };

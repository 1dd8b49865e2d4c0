import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticate } from "@/lib/auth/login";
import { env } from "@/lib/env";
import { sessionCookieName } from "@/lib/auth/cookies";
import { encodeLoginFailure } from "@/lib/auth/login-errors";
import { clientIp } from "@/lib/shared/client-ip";
import { sameOriginUrl } from "@/lib/shared/safe-redirect";

const credentials = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200), code: z.string().max(40).optional() });

// The cookie may live up to the longest absolute lifetime an admin can configure (24 h); the
// configured idle and absolute limits are enforced server-side on the session row.
export const SESSION_MAX_AGE_SECONDS = 24 * 60 * 60;
const secure = env().secureCookies;

function headerOf(req: { headers?: Record<string, unknown> } | undefined, name: string): string | null {
  const v = req?.headers?.[name];
  return typeof v === "string" ? v : null;
}

export const authOptions: NextAuthOptions = {
  secret: env().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  useSecureCookies: secure,
  cookies: {
    sessionToken: { name: sessionCookieName(secure), options: { httpOnly: true, sameSite: "lax", path: "/", secure } },
  },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { username: { type: "text" }, password: { type: "password" }, code: { type: "text" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        // next-auth turns a thrown Error's message into the `error` the login form translates.
        if (!parsed.success) throw new Error("invalid");
        const result = await authenticate({
          ...parsed.data,
          ip: clientIp({ get: (name) => headerOf(req, name) }),
          userAgent: headerOf(req, "user-agent"),
        });
        if (!result.ok) throw new Error(encodeLoginFailure(result));
        return { id: String(result.user.id), name: result.user.username, role: result.user.role, sv: result.user.sessionVersion, sid: result.user.sessionId, locale: result.user.locale };
      },
    }),
  ],
  callbacks: {
    // Only this origin's paths, however the URL is spelled (lib/shared/safe-redirect.ts).
    async redirect({ url, baseUrl }) {
      return sameOriginUrl(url, baseUrl) ?? baseUrl;
    },
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: string; sv: number; sid: string; locale: string | null };
        token.uid = Number(u.id);
        token.sv = u.sv;
        token.sid = u.sid;
        token.role = u.role;
        token.locale = u.locale;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, role: token.role };
    },
  },
};

import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// The one route handler not built by the route pipeline: NextAuth's own (it is the session, so
// there is none to check; next-auth checks its CSRF token). Listed with its reason in
// PIPELINE_EXCEPTIONS (tests/integration/security/registry.ts); sign-in is lib/auth/login.ts.
const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };

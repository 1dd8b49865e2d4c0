import { route } from "@/lib/shared/route";
import { checkReadiness } from "@/lib/shared/health";

export const dynamic = "force-dynamic";

// Readiness: the database (and, once jobs exist, the job runner) can be reached. Public by design
// (load balancers and probes carry no session).
export const GET = route({ public: true }, async () => {
  const r = await checkReadiness();
  return Response.json(r, { status: r.ready ? 200 : 503 });
});

import { checkReadiness } from "@/lib/shared/health";

export const dynamic = "force-dynamic";

// Readiness: the database (and, once jobs exist, the job runner) can be reached.
export async function GET() {
  const r = await checkReadiness();
  return Response.json(r, { status: r.ready ? 200 : 503 });
}

// Liveness: the process answers. No database call (that is /api/ready).
export function GET() {
  return Response.json({ status: "ok" });
}

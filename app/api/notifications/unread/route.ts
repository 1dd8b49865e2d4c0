import { getActor } from "@/lib/auth/current-actor";
import { countUnreadNotifications } from "@/lib/complaints/queries";

// Polled by the header badge: one index-only count, capped.
export async function GET() {
  const actor = await getActor();
  if (!actor) return Response.json({ unread: 0 }, { status: 401 });
  return Response.json({ unread: await countUnreadNotifications(actor) }, { headers: { "Cache-Control": "no-store" } });
}

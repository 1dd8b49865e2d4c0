import { NextResponse } from "next/server";
import { route } from "@/lib/shared/route";
import { countUnreadNotifications } from "@/lib/complaints/queries";

// Polled by the header badge: one index-only count, capped.
export const GET = route({}, async ({ actor }) => NextResponse.json({ unread: await countUnreadNotifications(actor) }, { headers: { "Cache-Control": "no-store" } }));

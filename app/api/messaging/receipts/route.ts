import { NextResponse } from "next/server";
import { route } from "@/lib/shared/route";
import { applyDeliveryReceipt, RECEIPT_BODY_LIMIT } from "@/lib/messaging/receipt-commands";
import { SIGNATURE_HEADER } from "@/lib/messaging/signature";

// Delivery receipts from the SMS/push/WeChat gateway (docs/campaigns.md): no session, the
// HMAC signature over the body is the credential; small bodies only.
export const POST = route({ public: true, bodyLimit: RECEIPT_BODY_LIMIT }, async ({ request }) => {
  const body = await request.text();
  const r = await applyDeliveryReceipt(body, request.headers.get(SIGNATURE_HEADER));
  return NextResponse.json({ ok: true, ...r }, { headers: { "cache-control": "no-store" } });
});

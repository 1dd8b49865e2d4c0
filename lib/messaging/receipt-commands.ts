import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/shared/errors";
import { gatewaySecret } from "@/lib/messaging/adapters";
import { verifySignature } from "@/lib/messaging/signature";

// Delivery receipts from the gateway (POST /api/messaging/receipts, docs/campaigns.md): signed like
// the outbox's own requests; DELIVERED or FAILED by provider id. A receipt for a message already
// past SENT changes nothing (receipts may come twice or out of order).

export const RECEIPT_BODY_LIMIT = 4 * 1024;

export const receiptInput = z.object({
  providerId: z.string().min(1).max(200),
  status: z.enum(["DELIVERED", "FAILED"]),
  /** The gateway's short error code for FAILED (stored as "gateway:<code>"). */
  error: z
    .string()
    .max(40)
    .regex(/^[A-Za-z0-9_.-]*$/)
    .optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

/** Applies one signed receipt (`body` is the raw JSON text the signature covers). */
export async function applyDeliveryReceipt(body: string, signature: string | null, now = new Date()): Promise<{ updated: boolean }> {
  const secret = gatewaySecret();
  if (!secret || !verifySignature(secret, body, signature, now)) throw new UnauthenticatedError();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ValidationError({ _: "invalidFormat" });
  }
  const r = receiptInput.parse(json);
  const at = r.at ? new Date(r.at) : now;
  const updated =
    r.status === "DELIVERED"
      ? await db.$executeRaw`UPDATE outbound_message SET status = 'DELIVERED', delivered_at = ${at} WHERE provider_id = ${r.providerId} AND status = 'SENT'`
      : await db.$executeRaw`UPDATE outbound_message SET status = 'FAILED', last_error = ${`gateway:${r.error ?? "failed"}`} WHERE provider_id = ${r.providerId} AND status = 'SENT'`;
  if (!updated) {
    const known = await db.outboundMessage.findUnique({ where: { providerId: r.providerId }, select: { id: true } });
    if (!known) throw new NotFoundError("message");
  }
  return { updated: updated > 0 };
}

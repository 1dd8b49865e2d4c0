import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/shared/errors";
import { optOutInput, type MessageChannelName } from "@/lib/marketing/schemas";
import { optOutKey } from "@/lib/messaging/adapters";
import { isOptOutTokenFor, optOutMessageId } from "@/lib/messaging/signature";

// The opt-out link of every campaign and rule message (issue 22): /o/<token>, public, no login.
// The token names a message and is signed with its channel (lib/messaging/signature.ts), so the URL
// carries no customer data; it is valid for LINK_VALID_DAYS after the message was queued.
// Confirming switches that channel's consent off (audited, actor: the customer through the link)
// and suppresses every message still queued for the customer on it.

export const LINK_VALID_DAYS = 180;

const CONSENT: Record<MessageChannelName, Prisma.Sql> = {
  SMS: Prisma.sql`consent_sms`,
  EMAIL: Prisma.sql`consent_email`,
  PUSH: Prisma.sql`consent_push`,
  WECHAT: Prisma.sql`consent_wechat`,
};

export interface OptOutView {
  channel: MessageChannelName;
  /** The customer's language (the page's default). */
  locale: string;
  /** The address the message went to, masked as stored. */
  recipient: string;
  /** Consent for the channel is already off. */
  alreadyOff: boolean;
}

type Target = { messageId: bigint; customerId: number; channel: MessageChannelName; locale: string; recipient: string; consent: boolean };

async function resolve(token: string, now: Date): Promise<Target | null> {
  const id = optOutMessageId(token);
  if (id === null) return null;
  const rows = await db.$queryRaw<Array<{ customer_id: number; channel: MessageChannelName; locale: string; recipient: string; created_at: Date; consent: boolean }>>`
    SELECT m.customer_id, m.channel::text AS channel, m.locale, m.recipient, m.created_at,
           CASE m.channel WHEN 'SMS' THEN c.consent_sms WHEN 'EMAIL' THEN c.consent_email WHEN 'PUSH' THEN c.consent_push ELSE c.consent_wechat END AS consent
    FROM outbound_message m JOIN customer c ON c.id = m.customer_id
    WHERE m.id = ${id} AND (m.campaign_id IS NOT NULL OR m.rule_id IS NOT NULL)`;
  const m = rows[0];
  if (!m || !isOptOutTokenFor(optOutKey(), token, id, m.channel)) return null;
  if (now.getTime() - m.created_at.getTime() > LINK_VALID_DAYS * 86_400_000) return null;
  return { messageId: id, customerId: m.customer_id, channel: m.channel, locale: m.locale, recipient: m.recipient, consent: m.consent };
}

/** What the link opts out of, or null for a bad or expired token (the page answers 404). */
export async function getOptOut(token: string, now = new Date()): Promise<OptOutView | null> {
  const t = await resolve(token, now);
  return t && { channel: t.channel, locale: t.locale, recipient: t.recipient, alreadyOff: !t.consent };
}

/** The customer confirms: consent off, queued messages on the channel suppressed, audited. */
export async function confirmOptOut(_nobody: Actor | null, raw: unknown, now = new Date()): Promise<{ channel: MessageChannelName; suppressed: number }> {
  const { token } = optOutInput.parse(raw);
  const t = await resolve(token, now);
  if (!t) throw new NotFoundError("opt-out link");
  return db.$transaction(async (tx) => {
    const changed = await tx.$executeRaw`
      UPDATE customer SET ${CONSENT[t.channel]} = false, version = version + 1, updated_at = ${now}
      WHERE id = ${t.customerId} AND ${CONSENT[t.channel]}`;
    const suppressed = await tx.$executeRaw`
      UPDATE outbound_message SET status = 'SUPPRESSED', last_error = 'optedOut', next_attempt_at = NULL
      WHERE customer_id = ${t.customerId} AND channel = ${t.channel}::"OutboundChannel" AND status = 'QUEUED'`;
    if (changed || suppressed)
      await recordAudit(tx, null, {
        action: "customer.optedOut",
        entity: "customer",
        entityId: t.customerId,
        data: { channel: t.channel, via: "optOutLink", messageId: String(t.messageId), suppressed },
      });
    return { channel: t.channel, suppressed };
  });
}

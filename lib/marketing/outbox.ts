import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MessageChannelName } from "@/lib/marketing/schemas";

type Tx = Prisma.TransactionClient;

/**
 * Puts one QUEUED message per customer id that `customerIds` selects (a SELECT of one int column)
 * into the outbox, in the caller's transaction, set-based. The body and the recipient are filled in
 * by the dispatcher at send time (lib/messaging): from the campaign's or the rule's template, in the
 * customer's preferred language, to the address the customer has then. Returns the count.
 */
export async function enqueueMessages(
  tx: Tx,
  customerIds: Prisma.Sql,
  opts: { channel: MessageChannelName; purpose: "campaign" | "automation"; campaignId?: number; ruleId?: number; notBefore?: Date },
): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, campaign_id, rule_id, status, next_attempt_at)
    SELECT c.id, ${opts.channel}::"OutboundChannel", '', c.preferred_lang, ${opts.purpose}, '', ${opts.campaignId ?? null}::int, ${opts.ruleId ?? null}::int,
           'QUEUED', ${opts.notBefore ?? new Date()}
    FROM customer c WHERE c.id IN (${customerIds})`;
}

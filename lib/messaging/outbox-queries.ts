import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { isProductionMode } from "@/lib/env";
import type { MessageChannelName } from "@/lib/marketing/schemas";
import { listMailbox, type MailboxEntry } from "@/lib/messaging/local-mailbox";
import { mailboxDir } from "@/lib/messaging/adapters";

// The admin's view of the outbox (/admin/marketing): counts by status × channel over the last
// HEALTH_DAYS (a bounded walk of the created_at index, never a count of the whole table), what is
// queued now (the partial queued index), the last failures, and the messages waiting for a gateway.

export const HEALTH_DAYS = 7;
const STATUSES = ["QUEUED", "SENT", "DELIVERED", "FAILED", "SUPPRESSED"] as const;
export type OutboxStatus = (typeof STATUSES)[number];

export interface OutboxHealth {
  /** Messages created in the last HEALTH_DAYS days, by channel and status. */
  counts: Array<{ channel: MessageChannelName; byStatus: Record<OutboxStatus, number> }>;
  /** Queued now, whatever their age: due, and waiting for a gateway / SMTP configuration. */
  queued: number;
  due: number;
  waitingForGateway: number;
  failures: Array<{ id: string; channel: MessageChannelName; purpose: string; attempts: number; error: string; recipient: string; at: Date }>;
}

export async function getOutboxHealth(actor: Actor, now = new Date()): Promise<OutboxHealth> {
  assertCan(actor, "marketing:configure");
  const since = new Date(now.getTime() - HEALTH_DAYS * 86_400_000);
  const [counts, queued, failures] = await Promise.all([
    db.$queryRaw<Array<{ channel: MessageChannelName; status: OutboxStatus; n: number }>>`
      SELECT channel::text AS channel, status::text AS status, count(*)::int AS n
      FROM outbound_message WHERE created_at > ${since} GROUP BY 1, 2`,
    db.$queryRaw<Array<{ queued: number; due: number; waiting: number }>>`
      SELECT count(*)::int AS queued, count(*) FILTER (WHERE next_attempt_at <= ${now})::int AS due,
             count(*) FILTER (WHERE last_error IN ('noGateway', 'noGatewaySecret', 'noSmtp'))::int AS waiting
      FROM outbound_message WHERE status = 'QUEUED'`,
    db.$queryRaw<Array<{ id: bigint; channel: MessageChannelName; purpose: string; attempts: number; last_error: string | null; recipient: string; at: Date }>>`
      SELECT id, channel::text AS channel, purpose, attempts, last_error, recipient, COALESCE(sent_at, created_at) AS at
      FROM outbound_message WHERE status = 'FAILED' ORDER BY created_at DESC, id DESC LIMIT 20`,
  ]);
  const channels: MessageChannelName[] = ["SMS", "EMAIL", "PUSH", "WECHAT"];
  return {
    counts: channels.map((channel) => ({
      channel,
      byStatus: Object.fromEntries(STATUSES.map((s) => [s, counts.find((c) => c.channel === channel && c.status === s)?.n ?? 0])) as Record<OutboxStatus, number>,
    })),
    queued: queued[0]?.queued ?? 0,
    due: queued[0]?.due ?? 0,
    waitingForGateway: queued[0]?.waiting ?? 0,
    failures: failures.map((f) => ({ id: String(f.id), channel: f.channel, purpose: f.purpose, attempts: f.attempts, error: f.last_error ?? "", recipient: f.recipient, at: f.at })),
  };
}

/** The demo's local mailbox (newest first), or null in production mode (no such thing there). */
export async function getLocalMailbox(actor: Actor, limit = 20): Promise<MailboxEntry[] | null> {
  assertCan(actor, "marketing:configure");
  if (isProductionMode()) return null;
  return listMailbox(mailboxDir(), limit);
}

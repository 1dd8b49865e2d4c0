import "server-only";
import { db, allowLongStatements } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { loadMarketingSettings } from "@/lib/marketing/settings";
import { recordTouches } from "@/lib/marketing/touches";
import { renderTemplate } from "@/lib/marketing/template";
import type { MarketingSettings, MessageChannelName } from "@/lib/marketing/schemas";
import { maskEmail, maskMsisdn } from "@/lib/pii/mask";
import { logger } from "@/lib/shared/logger";
import { AdapterError, adapterFor, optOutKey, type ChannelAdapter } from "@/lib/messaging/adapters";
import { afterFailure } from "@/lib/messaging/schedule";
import { quietHoursEnd } from "@/lib/marketing/quiet-hours";
import { optOutToken } from "@/lib/messaging/signature";
import zhMessages from "@/messages/zh-CN.json";
import enMessages from "@/messages/en.json";

// The outbox dispatcher (issue 22, docs/campaigns.md "Messages and channel adapters"). Every minute
// (lib/jobs/boss.ts), after a launch, and from the admin's "Send due messages now":
//   quiet hours → push every due message to their end, send nothing;
//   claim a batch of due QUEUED messages of RUNNING campaigns / ACTIVE rules (FOR UPDATE SKIP LOCKED,
//   and a lease on next_attempt_at, so two workers never take the same message);
//   re-check consent, do-not-disturb and churn → SUPPRESSED; render the template in the customer's
//   language; hand it to the channel's adapter; record SENT (touch, member contacted) or the
//   failure (back-off, FAILED after maxAttempts).

const BATCH = 100;
/** A claimed message belongs to its worker this long; one that crashed mid-send is retried after it. */
const LEASE_SECONDS = 300;
/** One pass stops claiming after this long (the next minute's pass goes on). */
const PASS_BUDGET_MS = 45_000;
const PARALLEL_SENDS = 8;
/** How long due messages of a paused campaign or rule are set aside (parkPaused). */
const PARK_MS = 86_400_000;
const LINK_MASK = "••••••";

export interface DispatchOptions {
  /** The tests' own SMTP server (else SMTP_URL, or the demo's local one). */
  smtpUrl?: string;
  /** Public origin for opt-out links and the receipts callback (else APP_BASE_URL / NEXTAUTH_URL). */
  baseUrl?: string;
  batchSize?: number;
}

export interface DispatchResult {
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
  waiting: number;
  deferred: number;
}

type Row = {
  id: bigint;
  customer_id: number;
  channel: MessageChannelName;
  campaign_id: number | null;
  rule_id: number | null;
  attempts: number;
  name: string;
  preferred_lang: string;
  email: string | null;
  contact_phone: string | null;
  customer_no: string;
  status: string;
  do_not_disturb: boolean;
  consent: boolean;
  tier: string | null;
  msisdn: string | null;
  plan_zh: string | null;
  plan_en: string | null;
  offer_zh: string | null;
  offer_en: string | null;
  campaign_name: string | null;
  message_zh: string | null;
  message_en: string | null;
  subject_zh: string | null;
  subject_en: string | null;
  rule_name: string | null;
  action_params: Record<string, unknown> | null;
};

type Outcome =
  | { id: bigint; kind: "sent"; providerId: string; body: string; recipient: string }
  | { id: bigint; kind: "suppressed"; code: string }
  | { id: bigint; kind: "failed"; code: string; permanent: boolean }
  | { id: bigint; kind: "waiting"; code: string };

function baseUrlOf(opts: DispatchOptions): string {
  return (opts.baseUrl ?? env().APP_BASE_URL ?? process.env.NEXTAUTH_URL ?? "").replace(/\/+$/, "");
}

/** Sends what is due at `now`. Idempotent and safe to run in several workers at once. */
export async function dispatchOutbox(now: Date, opts: DispatchOptions = {}): Promise<DispatchResult> {
  const settings = await loadMarketingSettings();
  const result: DispatchResult = { sent: 0, retried: 0, failed: 0, suppressed: 0, waiting: 0, deferred: 0 };
  result.suppressed += await suppressEnded();
  await parkPaused(now);
  const quietEnd = quietHoursEnd(now, settings.quietHours);
  if (quietEnd) {
    // Once per quiet period: afterwards nothing is due before its end. A launch's whole audience may
    // be due at once, so the statement gets the job's time limit.
    result.deferred = await db.$transaction(async (tx) => {
      await allowLongStatements(tx, "job");
      return tx.$executeRaw`
        UPDATE outbound_message SET next_attempt_at = ${quietEnd}
        WHERE status = 'QUEUED' AND next_attempt_at <= ${now}`;
    });
    return result;
  }
  const started = Date.now();
  const batchSize = opts.batchSize ?? BATCH;
  const adapters = new Map<MessageChannelName, Promise<ChannelAdapter>>();
  for (;;) {
    const claimed = await claimBatch(now, batchSize);
    if (!claimed.length) break;
    const rows = await loadBatch(claimed);
    const outcomes = await sendAll(rows, settings, opts, adapters);
    const tally = await finish(outcomes, rows, settings, now);
    for (const k of Object.keys(tally) as Array<keyof typeof tally>) result[k] += tally[k];
    if (claimed.length < batchSize || Date.now() - started > PASS_BUDGET_MS) break;
  }
  if (result.sent || result.failed || result.retried) logger.info("outbox.dispatched", { ...result });
  return result;
}

/** Queued messages of ended campaigns and archived rules will never go: SUPPRESSED. */
async function suppressEnded(): Promise<number> {
  return db.$executeRaw`
    UPDATE outbound_message m SET status = 'SUPPRESSED', last_error = 'campaignEnded', next_attempt_at = NULL
    FROM campaign c WHERE m.campaign_id = c.id AND m.status = 'QUEUED' AND c.status IN ('COMPLETED', 'CANCELLED')`
    .then(async (n) =>
      n +
      (await db.$executeRaw`
        UPDATE outbound_message m SET status = 'SUPPRESSED', last_error = 'ruleArchived', next_attempt_at = NULL
        FROM automation_rule r WHERE m.rule_id = r.id AND m.status = 'QUEUED' AND r.status = 'ARCHIVED'`),
    );
}

/**
 * Due messages of campaigns that are not running (paused, not yet started) and of rules that are not
 * active are parked for a day (last_error 'paused'), so they do not sit at the head of the queue
 * index in every claim (a paused launch can hold 200,000 of them). Parked messages of campaigns and
 * rules that run again (changed within the parking day) are due again at once.
 */
async function parkPaused(now: Date): Promise<void> {
  const until = new Date(now.getTime() + PARK_MS);
  const since = new Date(now.getTime() - PARK_MS);
  await db.$transaction(async (tx) => {
    await allowLongStatements(tx, "job");
    await tx.$executeRaw`
      UPDATE outbound_message m SET next_attempt_at = ${until}, last_error = 'paused'
      FROM campaign c
      WHERE m.campaign_id = c.id AND c.status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'SCHEDULED', 'PAUSED')
        AND m.status = 'QUEUED' AND m.next_attempt_at <= ${now}`;
    await tx.$executeRaw`
      UPDATE outbound_message m SET next_attempt_at = ${until}, last_error = 'paused'
      FROM automation_rule r
      WHERE m.rule_id = r.id AND r.status IN ('DRAFT', 'PAUSED') AND m.status = 'QUEUED' AND m.next_attempt_at <= ${now}`;
    await tx.$executeRaw`
      UPDATE outbound_message m SET next_attempt_at = ${now}, last_error = NULL
      FROM campaign c
      WHERE m.campaign_id = c.id AND c.status = 'RUNNING' AND c.updated_at >= ${since}
        AND m.status = 'QUEUED' AND m.last_error = 'paused'`;
    await tx.$executeRaw`
      UPDATE outbound_message m SET next_attempt_at = ${now}, last_error = NULL
      FROM automation_rule r
      WHERE m.rule_id = r.id AND r.status = 'ACTIVE' AND r.updated_at >= ${since} AND m.status = 'QUEUED' AND m.last_error = 'paused'`;
  });
}

/** Takes up to `limit` due messages for this worker: locked rows are skipped, taken rows leased. */
async function claimBatch(now: Date, limit: number): Promise<bigint[]> {
  const lease = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const rows = await db.$queryRaw<Array<{ id: bigint }>>`
    WITH due AS (
      SELECT m.id FROM outbound_message m
      WHERE m.status = 'QUEUED' AND m.next_attempt_at <= ${now}
        AND (m.campaign_id IS NULL OR EXISTS (SELECT 1 FROM campaign c WHERE c.id = m.campaign_id AND c.status = 'RUNNING'))
        AND (m.rule_id IS NULL OR EXISTS (SELECT 1 FROM automation_rule r WHERE r.id = m.rule_id AND r.status = 'ACTIVE'))
      ORDER BY m.next_attempt_at, m.id
      LIMIT ${limit}
      FOR UPDATE OF m SKIP LOCKED)
    UPDATE outbound_message m SET next_attempt_at = ${lease}
    FROM due WHERE m.id = due.id AND m.status = 'QUEUED'
    RETURNING m.id`;
  return rows.map((r) => r.id);
}

/** Everything the batch's messages need, in one statement. */
async function loadBatch(ids: bigint[]): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT m.id, m.customer_id, m.channel::text AS channel, m.campaign_id, m.rule_id, m.attempts,
           cu.name, cu.preferred_lang, cu.email, cu.contact_phone, cu.customer_no, cu.status::text AS status, cu.do_not_disturb,
           CASE m.channel WHEN 'SMS' THEN cu.consent_sms WHEN 'EMAIL' THEN cu.consent_email
                          WHEN 'PUSH' THEN cu.consent_push ELSE cu.consent_wechat END AS consent,
           s.tier::text AS tier, ln.msisdn, p.name_zh AS plan_zh, p.name_en AS plan_en,
           o.name_zh AS offer_zh, o.name_en AS offer_en,
           ca.name AS campaign_name, ca.message_zh, ca.message_en, ca.email_subject_zh AS subject_zh, ca.email_subject_en AS subject_en,
           r.name AS rule_name, r.action_params
    FROM outbound_message m
    JOIN customer cu ON cu.id = m.customer_id
    LEFT JOIN customer_score s ON s.customer_id = cu.id
    LEFT JOIN LATERAL (SELECT l.msisdn, l.plan_id FROM line l WHERE l.customer_id = cu.id AND l.status = 'ACTIVE' ORDER BY l.id LIMIT 1) ln ON true
    LEFT JOIN plan p ON p.id = ln.plan_id
    LEFT JOIN campaign ca ON ca.id = m.campaign_id
    LEFT JOIN campaign_member cm ON cm.campaign_id = m.campaign_id AND cm.customer_id = m.customer_id
    LEFT JOIN offer_rule o ON o.id = cm.offer_rule_id
    LEFT JOIN automation_rule r ON r.id = m.rule_id
    WHERE m.id = ANY(${ids}::bigint[])
    ORDER BY m.id`;
}

const CATALOGUES = { "zh-CN": zhMessages, en: enMessages } as const;

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** The message in the customer's language: body (with the real opt-out link) and subject. */
export function renderMessage(row: Row, baseUrl: string, key: string): { subject: string; body: string; stored: string } {
  const en = row.preferred_lang === "en";
  const params = row.action_params ?? {};
  const template = row.campaign_id != null ? (en ? row.message_en : row.message_zh) || row.message_zh || "" : str(en ? params.messageEn : params.messageZh) || str(params.messageZh);
  const subject =
    (row.campaign_id != null ? (en ? row.subject_en : row.subject_zh) || row.subject_zh : str(en ? params.subjectEn : params.subjectZh) || str(params.subjectZh)) ||
    row.campaign_name ||
    row.rule_name ||
    "";
  const tiers = CATALOGUES[en ? "en" : "zh-CN"].enums.valueTier as Record<string, string>;
  const link = `${baseUrl}/o/`;
  const values = {
    name: row.name,
    tier: row.tier ? (tiers[row.tier] ?? "") : "",
    plan: (en ? row.plan_en : row.plan_zh) ?? "",
    offer: (en ? row.offer_en : row.offer_zh) ?? "",
    number: maskMsisdn(row.msisdn ?? row.contact_phone),
  };
  const body = renderTemplate(template, { ...values, optOutUrl: link + optOutToken(key, row.id, row.channel) });
  const stored = renderTemplate(template, { ...values, optOutUrl: link + LINK_MASK });
  return { subject, body, stored };
}

/** The channel's address in clear (for the adapter) and masked (for the outbox row). */
function recipientOf(row: Row): { to: string; masked: string } | null {
  if (row.channel === "EMAIL") return row.email ? { to: row.email, masked: maskEmail(row.email) } : null;
  if (row.channel === "SMS") {
    const n = row.msisdn ?? row.contact_phone;
    return n ? { to: n, masked: maskMsisdn(n) } : null;
  }
  // App push and WeChat: the gateway maps the customer number to the app installation / the follower.
  return { to: row.customer_no, masked: row.customer_no };
}

function suppressionOf(row: Row): string | null {
  if (row.status === "CHURNED") return "churned";
  if (row.do_not_disturb) return "doNotDisturb";
  if (!row.consent) return "noConsent";
  return null;
}

async function sendAll(rows: Row[], settings: MarketingSettings, opts: DispatchOptions, adapters: Map<MessageChannelName, Promise<ChannelAdapter>>): Promise<Outcome[]> {
  const baseUrl = baseUrlOf(opts);
  const key = optOutKey();
  const out: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      out.push(await sendOne(row, settings, opts, adapters, baseUrl, key));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, rows.length) }, worker));
  return out;
}

async function sendOne(row: Row, settings: MarketingSettings, opts: DispatchOptions, adapters: Map<MessageChannelName, Promise<ChannelAdapter>>, baseUrl: string, key: string): Promise<Outcome> {
  const suppressed = suppressionOf(row);
  if (suppressed) return { id: row.id, kind: "suppressed", code: suppressed };
  const recipient = recipientOf(row);
  if (!recipient) return { id: row.id, kind: "suppressed", code: "noAddress" };
  const { subject, body, stored } = renderMessage(row, baseUrl, key);
  if (!body.trim()) return { id: row.id, kind: "failed", code: "emptyTemplate", permanent: true };
  try {
    let adapter = adapters.get(row.channel);
    if (!adapter) {
      adapter = adapterFor(row.channel, { gatewayUrl: settings.gatewayUrl, smtpUrl: opts.smtpUrl });
      adapters.set(row.channel, adapter);
    }
    const { providerId } = await (await adapter).send({
      id: String(row.id),
      channel: row.channel,
      to: recipient.to,
      subject,
      body,
      callbackUrl: `${baseUrlOf(opts)}/api/messaging/receipts`,
    });
    return { id: row.id, kind: "sent", providerId, body: stored, recipient: recipient.masked };
  } catch (e) {
    if (e instanceof AdapterError) {
      if (e.kind === "waiting") return { id: row.id, kind: "waiting", code: e.code };
      return { id: row.id, kind: "failed", code: e.code, permanent: e.kind === "permanent" };
    }
    logger.error("outbox.adapter_error", { messageId: String(row.id), channel: row.channel, error: e instanceof Error ? e.name : "unknown" });
    return { id: row.id, kind: "failed", code: "adapterError", permanent: false };
  }
}

/** Writes the batch's outcomes, set-based, in one transaction. */
async function finish(outcomes: Outcome[], rows: Row[], settings: MarketingSettings, now: Date): Promise<Omit<DispatchResult, "deferred">> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sent = outcomes.filter((o): o is Extract<Outcome, { kind: "sent" }> => o.kind === "sent");
  const suppressed = outcomes.filter((o): o is Extract<Outcome, { kind: "suppressed" }> => o.kind === "suppressed");
  const waiting = outcomes.filter((o): o is Extract<Outcome, { kind: "waiting" }> => o.kind === "waiting");
  const failures = outcomes
    .filter((o): o is Extract<Outcome, { kind: "failed" }> => o.kind === "failed")
    .map((o) => {
      const before = byId.get(o.id)!.attempts;
      const next = o.permanent ? ({ status: "FAILED", attempts: before + 1 } as const) : afterFailure(before, settings, now);
      return { id: o.id, code: o.code, status: next.status, attempts: next.attempts, nextAt: next.status === "QUEUED" ? next.nextAttemptAt : null };
    });
  const waitUntil = new Date(now.getTime() + settings.retryBaseSeconds * 1000);
  await db.$transaction(async (tx) => {
    await allowLongStatements(tx, "job");
    if (sent.length) {
      const done = await tx.$queryRaw<Array<{ id: bigint; customer_id: number; channel: MessageChannelName; campaign_id: number | null; rule_id: number | null }>>`
        UPDATE outbound_message m
        SET status = 'SENT', sent_at = ${now}, provider_id = x.provider_id, body = x.body, recipient = x.recipient,
            attempts = m.attempts + 1, last_error = NULL, next_attempt_at = NULL
        FROM unnest(${sent.map((s) => s.id)}::bigint[], ${sent.map((s) => s.providerId)}::text[], ${sent.map((s) => s.body)}::text[], ${sent.map((s) => s.recipient)}::text[])
             AS x(id, provider_id, body, recipient)
        WHERE m.id = x.id AND m.status = 'QUEUED'
        RETURNING m.id, m.customer_id, m.channel::text AS channel, m.campaign_id, m.rule_id`;
      await recordTouches(
        tx,
        done.map((d) => ({ customerId: d.customer_id, channel: d.channel, campaignId: d.campaign_id, ruleId: d.rule_id, at: now })),
      );
      const members = done.filter((d) => d.campaign_id != null);
      if (members.length)
        await tx.$executeRaw`
          UPDATE campaign_member cm SET contacted_at = COALESCE(cm.contacted_at, ${now})
          FROM unnest(${members.map((d) => d.campaign_id)}::int[], ${members.map((d) => d.customer_id)}::int[]) AS x(campaign_id, customer_id)
          WHERE cm.campaign_id = x.campaign_id AND cm.customer_id = x.customer_id`;
    }
    if (suppressed.length)
      await tx.$executeRaw`
        UPDATE outbound_message m SET status = 'SUPPRESSED', last_error = x.code, next_attempt_at = NULL
        FROM unnest(${suppressed.map((s) => s.id)}::bigint[], ${suppressed.map((s) => s.code)}::text[]) AS x(id, code)
        WHERE m.id = x.id AND m.status = 'QUEUED'`;
    if (waiting.length)
      await tx.$executeRaw`
        UPDATE outbound_message m SET last_error = x.code, next_attempt_at = ${waitUntil}
        FROM unnest(${waiting.map((s) => s.id)}::bigint[], ${waiting.map((s) => s.code)}::text[]) AS x(id, code)
        WHERE m.id = x.id AND m.status = 'QUEUED'`;
    if (failures.length)
      await tx.$executeRaw`
        UPDATE outbound_message m
        SET status = x.status::"MessageStatus", attempts = x.attempts, last_error = x.code, next_attempt_at = x.next_at
        FROM unnest(${failures.map((f) => f.id)}::bigint[], ${failures.map((f) => f.status)}::text[], ${failures.map((f) => f.attempts)}::int[],
                    ${failures.map((f) => f.code)}::text[], ${failures.map((f) => f.nextAt)}::timestamptz[]) AS x(id, status, attempts, code, next_at)
        WHERE m.id = x.id AND m.status = 'QUEUED'`;
  });
  return {
    sent: sent.length,
    suppressed: suppressed.length,
    waiting: waiting.length,
    failed: failures.filter((f) => f.status === "FAILED").length,
    retried: failures.filter((f) => f.status === "QUEUED").length,
  };
}

/** The admin's "Send due messages now": one dispatch pass, audited. */
export async function dispatchDueMessages(actor: Actor): Promise<DispatchResult> {
  assertCan(actor, "marketing:configure");
  const r = await dispatchOutbox(new Date());
  await db.$transaction((tx) => recordAudit(tx, actor, { action: "outbox.dispatched", entity: "outbound_message", data: { ...r } as Prisma.InputJsonValue }));
  return r;
}

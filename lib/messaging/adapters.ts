import "server-only";
import crypto from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { env, isProductionMode } from "@/lib/env";
import type { MessageChannelName } from "@/lib/marketing/schemas";
import { defaultMailboxDir, startLocalSmtp, type LocalSmtp } from "@/lib/messaging/local-mailbox";
import { signBody, SIGNATURE_HEADER } from "@/lib/messaging/signature";

// Channel adapters (issue 22, docs/campaigns.md "Messages and channel adapters"): the outbox hands
// each message to its channel's adapter. E-mail goes through nodemailer to SMTP_URL (in demo mode
// without one, to the local SMTP server of this process); SMS, app push and WeChat go to the
// operator's gateway through the signed HTTP webhook. An adapter returns the provider's id, or
// throws an AdapterError with a short code (never the address).

export interface AdapterMessage {
  /** outbound_message.id */
  id: string;
  channel: MessageChannelName;
  /** The address in clear: handed to the channel only, never stored or logged. */
  to: string;
  subject: string;
  body: string;
  /** Where the gateway posts delivery receipts. */
  callbackUrl: string;
}

export interface ChannelAdapter {
  send(msg: AdapterMessage): Promise<{ providerId: string }>;
}

/**
 * A failed hand-over. `kind`: "retry" (counts an attempt, back-off), "permanent" (FAILED at once),
 * "waiting" (not an attempt: the channel is not configured; the message stays QUEUED).
 */
export class AdapterError extends Error {
  constructor(
    readonly code: string,
    readonly kind: "retry" | "permanent" | "waiting" = "retry",
  ) {
    super(code);
    this.name = "AdapterError";
  }
}

const transports = new Map<string, Transporter>();

/** E-mail through nodemailer to an SMTP server. */
export function smtpAdapter(smtpUrl: string, from: string): ChannelAdapter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    // Pooled: a dispatch batch reuses a few connections instead of one SMTP session per message.
    transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 8, maxMessages: 1000, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(smtpUrl, transport);
  }
  const t = transport;
  return {
    async send(msg) {
      try {
        const info = await t.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.body, headers: { "X-CRM-Message-Id": msg.id } });
        return { providerId: String(info.messageId || `smtp-${msg.id}`) };
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        if (code && code >= 500 && code < 600) throw new AdapterError("smtpRejected", "permanent");
        if (code && code >= 400) throw new AdapterError("smtpDeferred");
        throw new AdapterError("smtpUnavailable");
      }
    },
  };
}

/**
 * SMS, push and WeChat through the gateway webhook: POST JSON { id, channel, to, body, callbackUrl }
 * signed with X-CRM-Signature. 2xx = handed over (the gateway's { "id" } is the provider id when
 * given); 429 and 5xx are retried; other 4xx fail for good.
 */
export function webhookAdapter(gatewayUrl: string, secret: string, timeoutMs = 10_000): ChannelAdapter {
  return {
    async send(msg) {
      const body = JSON.stringify({ id: msg.id, channel: msg.channel, to: msg.to, body: msg.body, callbackUrl: msg.callbackUrl });
      let res: Response;
      try {
        res = await fetch(gatewayUrl, {
          method: "POST",
          headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(secret, body, new Date()) },
          body,
          redirect: "error",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        throw new AdapterError((e as Error).name === "TimeoutError" ? "gatewayTimeout" : "gatewayUnreachable");
      }
      const text = await res.text().catch(() => "");
      if (res.status === 429 || res.status >= 500) throw new AdapterError(`gateway${res.status}`);
      if (!res.ok) throw new AdapterError(`gateway${res.status}`, "permanent");
      let id: unknown;
      try {
        id = (JSON.parse(text) as { id?: unknown }).id;
      } catch {
        id = undefined;
      }
      const providerId = typeof id === "string" && id.length > 0 && id.length <= 200 ? id : `gw-${msg.id}`;
      return { providerId };
    },
  };
}

/** The gateway's shared secret: GATEWAY_SECRET, or in demo mode one derived from the demo's AUTH_SECRET. */
export function gatewaySecret(): string | null {
  const e = env();
  if (e.GATEWAY_SECRET) return e.GATEWAY_SECRET;
  if (isProductionMode()) return null;
  return crypto.createHmac("sha256", e.AUTH_SECRET).update("crm.gateway-secret").digest("base64url");
}

/** The key of the opt-out links (derived from AUTH_SECRET: rotating it voids old links). */
export function optOutKey(): string {
  return crypto.createHmac("sha256", env().AUTH_SECRET).update("crm.opt-out-link").digest("base64url");
}

const globalForSmtp = globalThis as unknown as { __crmLocalSmtp?: Promise<LocalSmtp> };

/** The demo's local SMTP server of this process, started on first use (demo mode only). */
export function localSmtp(): Promise<LocalSmtp> {
  if (isProductionMode()) throw new Error("the local SMTP server is for the demo only");
  globalForSmtp.__crmLocalSmtp ??= startLocalSmtp({ dir: mailboxDir() }).catch((e) => {
    globalForSmtp.__crmLocalSmtp = undefined;
    throw e;
  });
  return globalForSmtp.__crmLocalSmtp;
}

export function mailboxDir(): string {
  return defaultMailboxDir(env().MAILBOX_DIR);
}

export interface AdapterConfig {
  gatewayUrl: string;
  /** Overrides SMTP_URL (the tests' own SMTP server). */
  smtpUrl?: string;
}

/** The adapter of a channel under the current configuration. */
export async function adapterFor(channel: MessageChannelName, config: AdapterConfig): Promise<ChannelAdapter> {
  const e = env();
  if (channel === "EMAIL") {
    let url = config.smtpUrl ?? e.SMTP_URL;
    if (!url) {
      if (isProductionMode()) throw new AdapterError("noSmtp", "waiting");
      url = (await localSmtp()).url;
    }
    return smtpAdapter(url, e.SMTP_FROM ?? "CRM <no-reply@crm.invalid>");
  }
  if (!config.gatewayUrl) throw new AdapterError("noGateway", "waiting");
  const secret = gatewaySecret();
  if (!secret) throw new AdapterError("noGatewaySecret", "waiting");
  return webhookAdapter(config.gatewayUrl, secret);
}

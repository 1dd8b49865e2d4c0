import crypto from "node:crypto";

// Signatures of the gateway webhook (docs/campaigns.md "Messages and channel adapters"): the
// outbox signs what it POSTs to the gateway, the gateway signs its delivery receipts, both with
// GATEWAY_SECRET. Header: `X-CRM-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
// The timestamp is inside the MAC, so a captured request cannot be replayed after the tolerance.

export const SIGNATURE_HEADER = "x-crm-signature";
/** How far a signed request's time may be from ours (seconds). */
export const SIGNATURE_TOLERANCE_S = 300;

function mac(secret: string, t: number, body: string): string {
  return crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}

/** The header value for `body` signed at `now`. */
export function signBody(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

/** Whether `header` is a valid signature of `body` within the tolerance of `now` (constant-time compare). */
export function verifySignature(secret: string, body: string, header: string | null | undefined, now: Date): boolean {
  if (!header || header.length > 200) return false;
  const parts = Object.fromEntries(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  const given = parts.v1 ?? "";
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_S) return false;
  return crypto.timingSafeEqual(Buffer.from(mac(secret, t, body), "hex"), Buffer.from(given, "hex"));
}

/**
 * The opt-out link's token: the message id and an HMAC of (message id, channel), so the link names
 * no customer and cannot be forged or moved to another channel. `<id base36>.<22 chars base64url>`.
 */
export function optOutToken(key: string, messageId: bigint | number | string, channel: string): string {
  const id = BigInt(messageId);
  return `${id.toString(36)}.${optOutMac(key, id, channel)}`;
}

function optOutMac(key: string, id: bigint, channel: string): string {
  return crypto.createHmac("sha256", key).update(`optout:${id}:${channel}`).digest().subarray(0, 16).toString("base64url");
}

/** The message id a token claims (not yet verified: the channel comes from the message row). */
export function optOutMessageId(token: string): bigint | null {
  const m = /^([0-9a-z]{1,13})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  let id = 0n;
  for (const ch of m[1]) id = id * 36n + BigInt(parseInt(ch, 36));
  return id > 0n && id < 2n ** 63n ? id : null;
}

/** Whether `token` was made for this message and channel (constant-time compare). */
export function isOptOutTokenFor(key: string, token: string, messageId: bigint, channel: string): boolean {
  const expected = Buffer.from(optOutToken(key, messageId, channel));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

import crypto from "node:crypto";

// How a /hub delivery is signed (docs/open-api.md "Events"). Every POST to a listener carries
//   X-Event-Id:       the event's id (the same as the body's eventId; a retry sends the same one)
//   X-Hub-Timestamp:  the time of this attempt, in Unix seconds
//   X-Signature:      sha256=<hex HMAC-SHA256 of "<X-Hub-Timestamp>.<raw body>", keyed with the subscription's secret>
// The timestamp is inside the MAC, so a listener that refuses timestamps older than a few minutes
// cannot be fed a captured delivery again; X-Event-Id lets it drop duplicates (at-least-once).

export const SIGNATURE_HEADER = "x-signature";
export const TIMESTAMP_HEADER = "x-hub-timestamp";
export const EVENT_ID_HEADER = "x-event-id";
/** What a listener should accept as clock difference (seconds); verifyHubSignature's default. */
export const HUB_SIGNATURE_TOLERANCE_S = 300;

function mac(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/** The headers of one attempt to deliver `body` at `now`. */
export function signedHubHeaders(secret: string, eventId: string, body: string, now: Date): Record<string, string> {
  const t = Math.floor(now.getTime() / 1000);
  return { [EVENT_ID_HEADER]: eventId, [TIMESTAMP_HEADER]: String(t), [SIGNATURE_HEADER]: `sha256=${mac(secret, t, body)}` };
}

/** What a listener does (and the tests do): the signature matches and the timestamp is recent. Constant-time compare. */
export function verifyHubSignature(
  secret: string,
  body: string,
  headers: { signature: string | null | undefined; timestamp: string | null | undefined },
  now: Date,
  toleranceSeconds = HUB_SIGNATURE_TOLERANCE_S,
): boolean {
  const t = Number(headers.timestamp);
  const m = /^sha256=([0-9a-f]{64})$/.exec(headers.signature ?? "");
  if (!m || !Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return crypto.timingSafeEqual(Buffer.from(m[1], "hex"), Buffer.from(mac(secret, t, body), "hex"));
}

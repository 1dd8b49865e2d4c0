import "server-only";
import net from "node:net";
import { env } from "@/lib/env";

// The client's address, for rate limits and the audit log. The first X-Forwarded-For entry is
// whatever the client wrote, so it is never trusted: every hop appends the address it received
// the request from, and the server itself appends the socket's peer (instrumentation.ts), so the
// last entry is always the real peer. With TRUSTED_PROXIES = N (default 0: nothing in front of the
// app), the client is the entry N places from the right: the one the outermost trusted proxy
// appended. Anything not an IP address there means the address is unknown (null), and callers
// apply their global limit instead of none.

/** Pure: the client's address from an X-Forwarded-For value, trusting `trustedProxies` hops. */
export function clientIpFromForwardedFor(forwardedFor: string | null | undefined, trustedProxies: number): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor.split(",").map((h) => h.trim());
  const entry = hops[hops.length - 1 - trustedProxies];
  return entry === undefined ? null : normaliseIp(entry);
}

/** Pure: an address as written by a proxy ("1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:443",
 *  "::ffff:1.2.3.4") in its plain form, or null when it is not an IP address. */
export function normaliseIp(raw: string): string | null {
  let v = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  v = v.replace(/%.*$/, ""); // zone index (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v);
  if (mapped) v = mapped[1]!;
  const family = net.isIP(v);
  if (family === 4) return v;
  if (family === 6) return v.toLowerCase();
  return null;
}

/**
 * Pure: the key an address is throttled under. IPv4 addresses count one by one; an IPv6 client
 * usually holds a whole /64 (2^64 addresses), so its addresses count together.
 */
export function throttleKeyOfIp(ip: string): string {
  if (net.isIP(ip) !== 6) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}

/** The client's address from request headers (TRUSTED_PROXIES from the environment), or null. */
export function clientIp(headers: { get(name: string): string | null }): string | null {
  return clientIpFromForwardedFor(headers.get("x-forwarded-for"), env().TRUSTED_PROXIES);
}

import "server-only";
import dns from "node:dns/promises";
import net from "node:net";
import { env, isProductionMode } from "@/lib/env";

// Which callback URLs a /hub listener may register, and where a delivery may go
// (docs/open-api.md "Events"):
//   - http or https, a host, no user name or password in the URL, at most 2,000 characters;
//   - in production mode (CRM_MODE=production) not a loopback, private, link-local or otherwise
//     internal address — neither written as one nor resolving to one — unless the host is listed
//     in HUB_CALLBACK_PRIVATE_HOSTS (a comma list of host names or addresses: an operator's own
//     systems on the internal network). Checked at registration and again before every delivery
//     (a name that later resolves inside is refused then). Demo mode (and the tests, with their
//     loopback listener) allows every address.

export const CALLBACK_MAX_LENGTH = 2000;

const INTERNAL = new net.BlockList();
for (const [a, p] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  INTERNAL.addSubnet(a, p, "ipv4");
for (const [a, p] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  INTERNAL.addSubnet(a, p, "ipv6");

/** Whether an IP address is loopback, private, link-local, shared, multicast or unspecified. */
export function isInternalAddress(address: string): boolean {
  const v = net.isIP(address);
  if (v === 4) return INTERNAL.check(address, "ipv4");
  if (v === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return INTERNAL.check(mapped[1], "ipv4");
    return INTERNAL.check(address, "ipv6");
  }
  return true;
}

function allowedPrivateHosts(): Set<string> {
  return new Set(
    (env().HUB_CALLBACK_PRIVATE_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The problem with a callback URL as written (null: acceptable), before any name is resolved. */
export function callbackProblem(raw: string): string | null {
  if (raw.length > CALLBACK_MAX_LENGTH) return `callback is longer than ${CALLBACK_MAX_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "callback is not an absolute URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "callback must be an http or https URL";
  if (url.username || url.password) return "callback must not carry credentials";
  if (!url.hostname) return "callback has no host";
  return null;
}

/**
 * In production mode, refuses a callback whose host is, or resolves to, an internal address
 * (unless allow-listed). Returns the problem, or null. Never throws (a name that does not resolve
 * is a problem).
 */
export async function callbackAddressProblem(raw: string): Promise<string | null> {
  if (!isProductionMode()) return null;
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (allowedPrivateHosts().has(host)) return null;
  if (host === "localhost" || host.endsWith(".localhost")) return "callback points at this machine";
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return "callback host does not resolve";
    }
  }
  if (!addresses.length) return "callback host does not resolve";
  return addresses.some(isInternalAddress) ? "callback points at an internal address" : null;
}

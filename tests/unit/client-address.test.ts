// The client address that login throttling, the survey limit and the audit log use (issue 19,
// finding 5): counted from the right of X-Forwarded-For, never the client-written first entry.
import { describe, test, expect } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { clientIpFromForwardedFor, normaliseIp, throttleKeyOfIp } from "@/lib/shared/client-ip";
import { appendPeer, installPeerForwarding } from "@/lib/shared/forwarded-for";

describe("client address from X-Forwarded-For and TRUSTED_PROXIES", () => {
  test.each([
    // [header, trusted proxies, client address]
    ["198.51.100.7", 0, "198.51.100.7"],
    ["6.6.6.6, 198.51.100.7", 0, "198.51.100.7"], // a client's own header is ignored without proxies
    ["6.6.6.6, 203.0.113.5, 10.0.0.2", 1, "203.0.113.5"], // nginx (10.0.0.2) appended the client
    ["6.6.6.6, 7.7.7.7, 203.0.113.5, 10.0.0.3, 10.0.0.2", 2, "203.0.113.5"], // two proxies, the outer one appended the client
    ["203.0.113.5, 10.0.0.3, 10.0.0.2", 2, "203.0.113.5"],
    ["10.0.0.2", 1, null], // fewer hops than trusted proxies: unknown, never a guess
    ["", 0, null],
    [null, 0, null],
    ["unknown", 0, null],
    ["6.6.6.6, not-an-ip", 0, null],
    ["6.6.6.6,198.51.100.7 ", 0, "198.51.100.7"],
    ["6.6.6.6, ::ffff:198.51.100.7", 0, "198.51.100.7"],
    ["6.6.6.6, 198.51.100.7:50123", 0, "198.51.100.7"],
    ["6.6.6.6, [2001:DB8::1]:443", 0, "2001:db8::1"],
  ] as const)("%j with %i trusted → %s", (header, trusted, expected) => {
    expect(clientIpFromForwardedFor(header, trusted)).toBe(expected);
  });

  test.each([
    ["fe80::1%eth0", "fe80::1"],
    ["1.2.3", null],
    ["1.2.3.4.5", null],
    ["<script>", null],
  ])("normalises %s → %s", (raw, expected) => {
    expect(normaliseIp(raw)).toBe(expected);
  });

  test("IPv6 clients are throttled per /64 (one holder rotates within it), IPv4 per address", () => {
    expect(throttleKeyOfIp("2001:db8:1:2:aaaa::1")).toBe(throttleKeyOfIp("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(throttleKeyOfIp("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(throttleKeyOfIp("2001:db8:1:3::1")).not.toBe(throttleKeyOfIp("2001:db8:1:2::1"));
    expect(throttleKeyOfIp("::1")).toBe("0:0:0:0::/64");
    expect(throttleKeyOfIp("198.51.100.7")).toBe("198.51.100.7");
  });
});

describe("the server appends its socket's peer to X-Forwarded-For", () => {
  test.each([
    [undefined, "198.51.100.7", "198.51.100.7"],
    ["6.6.6.6", "198.51.100.7", "6.6.6.6, 198.51.100.7"],
    [["6.6.6.6", "7.7.7.7"], "198.51.100.7", "6.6.6.6, 7.7.7.7, 198.51.100.7"],
    ["6.6.6.6", undefined, "6.6.6.6, unknown"],
  ] as const)("%j from %s → %s", (prior, peer, expected) => {
    expect(appendPeer(prior as string | string[] | undefined, peer)).toBe(expected);
  });

  test("an HTTP server of this process sees the client's header followed by the real peer", async () => {
    installPeerForwarding();
    installPeerForwarding(); // idempotent: appended once
    const server = http.createServer((req, res) => res.end(String(req.headers["x-forwarded-for"])));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6" } });
      const seen = await res.text();
      expect(seen).toBe("6.6.6.6, 127.0.0.1");
      expect(clientIpFromForwardedFor(seen, 0)).toBe("127.0.0.1");
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

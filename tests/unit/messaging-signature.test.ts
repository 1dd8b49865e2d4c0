// The gateway webhook's signature and the opt-out link's token (issue 22).
import crypto from "node:crypto";
import { describe, test, expect } from "vitest";
import { isOptOutTokenFor, optOutMessageId, optOutToken, signBody, verifySignature } from "@/lib/messaging/signature";

const SECRET = "test-gateway-secret-0123456789abcdef";
const NOW = new Date("2026-12-07T08:00:00Z");

describe("webhook signature", () => {
  const body = JSON.stringify({ id: "42", channel: "SMS", to: "13800138000", body: "hi", callbackUrl: "https://crm/api/messaging/receipts" });

  test("is HMAC-SHA256 of '<t>.<body>' as documented", () => {
    const header = signBody(SECRET, body, NOW);
    const t = Math.floor(NOW.getTime() / 1000);
    expect(header).toBe(`t=${t},v1=${crypto.createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex")}`);
    expect(verifySignature(SECRET, body, header, NOW)).toBe(true);
  });

  test.each([
    ["another secret", (h: string) => h, "another-secret-0123456789abcdef0123", body, NOW],
    ["a changed body", (h: string) => h, SECRET, body.replace("hi", "ho"), NOW],
    ["a changed time", (h: string) => h.replace(/t=(\d+)/, (_m, t) => `t=${Number(t) + 1}`), SECRET, body, NOW],
    ["too old (replay)", (h: string) => h, SECRET, body, new Date(NOW.getTime() + 301_000)],
    ["from the future", (h: string) => h, SECRET, body, new Date(NOW.getTime() - 301_000)],
    ["garbage", () => "v1=zz", SECRET, body, NOW],
    ["empty", () => "", SECRET, body, NOW],
    ["a short MAC", (h: string) => h.slice(0, -2), SECRET, body, NOW],
  ])("refused: %s", (_what, edit, secret, checked, at) => {
    expect(verifySignature(secret, checked, edit(signBody(SECRET, body, NOW)), at)).toBe(false);
  });

  test("within the tolerance it passes", () => {
    expect(verifySignature(SECRET, body, signBody(SECRET, body, NOW), new Date(NOW.getTime() + 299_000))).toBe(true);
  });
});

describe("opt-out token", () => {
  const KEY = "opt-out-key";

  test("names the message only, and is bound to its channel", () => {
    const token = optOutToken(KEY, 123456789n, "EMAIL");
    expect(token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    expect(optOutMessageId(token)).toBe(123456789n);
    expect(isOptOutTokenFor(KEY, token, 123456789n, "EMAIL")).toBe(true);
    expect(isOptOutTokenFor(KEY, token, 123456789n, "SMS")).toBe(false);
    expect(isOptOutTokenFor(KEY, token, 123456790n, "EMAIL")).toBe(false);
    expect(isOptOutTokenFor("other-key", token, 123456789n, "EMAIL")).toBe(false);
  });

  test.each([
    "",
    "abc",
    "1.short",
    "-1.AAAAAAAAAAAAAAAAAAAAAA",
    "0.AAAAAAAAAAAAAAAAAAAAAA",
    "zzzzzzzzzzzzzz.AAAAAAAAAAAAAAAAAAAAAA",
    "1.AAAAAAAAAAAAAAAAAAAAA!",
  ])("%j is not a token", (t) => {
    expect(optOutMessageId(t)).toBeNull();
  });
});

// Login throttling under attack (issue 19, findings 5 and 6): parallel guesses against one account,
// client-chosen X-Forwarded-For values, requests without a known address, and what the person is told.
import { describe, test, expect, afterEach } from "vitest";
import crypto from "node:crypto";
import { generateSync } from "otplib";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import { authenticate, EVALUATED_FAILURES, LOCK_AFTER_FAILURES } from "@/lib/auth/login";
import { confirmMfaEnrolment, startMfaEnrolment } from "@/lib/auth/mfa";
import { RATE_LIMITS } from "@/lib/shared/rate-limit";
import { createAgent, createUser } from "@/tests/factories/staff";

const uniq = () => crypto.randomBytes(4).toString("hex");

/** The Credentials provider's authorize() as next-auth calls it: the request's headers, and a
 *  thrown Error's message is what the login form receives. */
async function signInOverHttp(credentials: Record<string, string>, headers: Record<string, string>): Promise<string> {
  const provider = authOptions.providers[0] as unknown as {
    options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
  };
  try {
    await provider.options.authorize(credentials, { headers });
    return "ok";
  } catch (e) {
    return (e as Error).message;
  }
}

/** Failed attempts on these usernames whose password was actually checked (argon2 ran). */
async function evaluatedGuesses(where: { entityId?: string; usernames?: string[] }): Promise<number> {
  const rows = await db.auditLog.findMany({
    where: {
      action: "auth.loginFailed",
      ...(where.entityId ? { entityId: where.entityId } : {}),
      ...(where.usernames ? { actorName: { in: where.usernames } } : {}),
    },
    select: { data: true },
  });
  return rows.filter((r) => (EVALUATED_FAILURES as readonly string[]).includes((r.data as { reason?: string } | null)?.reason ?? "")).length;
}

afterEach(async () => {
  // The bucket of requests without an address is shared by this whole file's database.
  await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = 'loginWithoutIp:all'`;
});

describe("parallel guessing", () => {
  test(`50 parallel guesses with rotating X-Forwarded-For values evaluate at most ${LOCK_AFTER_FAILURES} passwords of one account`, async () => {
    const { user } = await createAgent({ password: "Right@12345" });
    // What reaches the app: the client's own header, then the address the server received it from.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        signInOverHttp(
          { username: user.username, password: `guess-${i}` },
          { "x-forwarded-for": `10.${i}.0.1, 192.0.2.${(i % 200) + 1}, 198.51.100.77`, "user-agent": "vitest-attack" },
        ),
      ),
    );
    expect(await evaluatedGuesses({ entityId: String(user.id) })).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
    expect(results.filter((r) => r === "invalid").length).toBeLessThanOrEqual(LOCK_AFTER_FAILURES);
    expect(results.filter((r) => /^locked:\d+$/.test(r)).length).toBeGreaterThanOrEqual(50 - LOCK_AFTER_FAILURES);
    // Every attempt is recorded under the address the server saw, not one the client wrote.
    const ips = await db.auditLog.findMany({ where: { action: "auth.loginFailed", entityId: String(user.id) }, select: { ip: true }, distinct: ["ip"] });
    expect(ips.map((r) => r.ip)).toEqual(["198.51.100.77"]);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.failedLogins).toBe(LOCK_AFTER_FAILURES);
    expect(after.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  test("a client's own X-Forwarded-For never becomes its address: the per-address bucket holds however it rotates", async () => {
    const peer = `198.51.100.${crypto.randomInt(1, 250)}`;
    await db.$executeRaw`INSERT INTO rate_limit_bucket (key, tokens, updated_at) VALUES (${`login:${peer}`}, 0, now())
      ON CONFLICT (key) DO UPDATE SET tokens = 0, updated_at = now()`;
    const { user } = await createAgent({ password: "Right@12345" });
    for (const fake of ["203.0.113.1", "203.0.113.2", "2001:db8::1"]) {
      expect(await signInOverHttp({ username: user.username, password: "Right@12345" }, { "x-forwarded-for": `${fake}, ${peer}` })).toBe("locked:1");
    }
    await db.$executeRaw`DELETE FROM rate_limit_bucket WHERE key = ${`login:${peer}`}`;
    expect(await signInOverHttp({ username: user.username, password: "Right@12345" }, { "x-forwarded-for": `203.0.113.9, ${peer}` })).toBe("ok");
  });

  test(`50 parallel attempts without a known client address hit the global limit (${RATE_LIMITS.loginWithoutIp.capacity} at once)`, async () => {
    const usernames = Array.from({ length: 50 }, (_, i) => `noip_${uniq()}_${i}`);
    const results = await Promise.all(usernames.map((username) => signInOverHttp({ username, password: "guess" }, { "user-agent": "vitest-no-ip" })));
    expect(await evaluatedGuesses({ usernames })).toBeLessThanOrEqual(RATE_LIMITS.loginWithoutIp.capacity);
    expect(results.filter((r) => r === "locked:1").length).toBeGreaterThanOrEqual(50 - RATE_LIMITS.loginWithoutIp.capacity);
    // A header that names no address (garbage, or only a client's claim with no peer) is no address either.
    // (emptied well below zero: it refills while the test runs)
    await db.$executeRaw`UPDATE rate_limit_bucket SET tokens = -100 WHERE key = 'loginWithoutIp:all'`;
    expect(await signInOverHttp({ username: usernames[0]!, password: "guess" }, { "x-forwarded-for": "not-an-address" })).toBe("locked:1");
  });
});

describe("what a failed sign-in says", () => {
  test("a locked account is told to wait N minutes, even with the right password; N counts down", async () => {
    const { user } = await createAgent({ password: "Right@12345" });
    const now = new Date();
    const ip = `203.0.113.${crypto.randomInt(1, 250)}`;
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++)
      expect(await authenticate({ username: user.username, password: "nope", ip }, now)).toEqual({ ok: false, code: "invalid" });
    expect(await authenticate({ username: user.username, password: "Right@12345", ip }, now)).toEqual({ ok: false, code: "locked", retryAfterMinutes: 1 });
    // The 6th failure (after the first lock ran out) locks for 2 minutes.
    const later = new Date(now.getTime() + 61_000);
    expect(await authenticate({ username: user.username, password: "nope", ip }, later)).toEqual({ ok: false, code: "invalid" });
    expect(await authenticate({ username: user.username, password: "Right@12345", ip }, later)).toEqual({ ok: false, code: "locked", retryAfterMinutes: 2 });
    expect(await authenticate({ username: user.username, password: "Right@12345", ip }, new Date(later.getTime() + 61_000))).toEqual({
      ok: false,
      code: "locked",
      retryAfterMinutes: 1,
    });
  });

  test("an unknown username answers exactly like a known one: invalid four times, then invalid, then locked for the same N", async () => {
    const { user } = await createAgent({ password: "Right@12345" });
    const ghost = `ghost_${uniq()}`;
    const now = new Date();
    // Each from its own address, so the per-address back-off (from the 10th failure) stays out of it.
    const answers = async (username: string) => {
      const ip = `198.18.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;
      const out = [];
      for (let i = 0; i < LOCK_AFTER_FAILURES + 2; i++) out.push(await authenticate({ username, password: "nope", ip }, now));
      return out;
    };
    const known = await answers(user.username);
    expect(await answers(ghost)).toEqual(known);
    expect(known.at(-1)).toEqual({ ok: false, code: "locked", retryAfterMinutes: 1 });
    // Unknown usernames are counted under an HMAC, never in clear.
    const keys = await db.$queryRaw<Array<{ key: string }>>`SELECT key FROM login_throttle`;
    expect(keys.some((k) => k.key.includes(ghost))).toBe(false);
  });

  test("a wrong second factor says so (and counts as a failure); a missing one asks for it and counts nothing", async () => {
    const { user, actor } = await createUser({ role: "AGENT", password: "Right@12345" });
    const { secret } = await startMfaEnrolment(actor);
    const t0 = Date.now();
    await confirmMfaEnrolment(actor, generateSync({ secret, epoch: Math.floor(t0 / 1000) }), new Date(t0));
    for (let i = 0; i < LOCK_AFTER_FAILURES + 2; i++) {
      expect(await authenticate({ username: user.username, password: "Right@12345" })).toEqual({ ok: false, code: "mfaRequired" });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLogins).toBe(0);
    expect(await authenticate({ username: user.username, password: "Right@12345", code: "000000" })).toEqual({ ok: false, code: "wrongCode" });
    expect(await authenticate({ username: user.username, password: "wrong", code: "000000" })).toEqual({ ok: false, code: "invalid" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLogins).toBe(2);
    expect(await signInOverHttp({ username: user.username, password: "Right@12345", code: "000000" }, {})).toBe("wrongCode");
  });
});

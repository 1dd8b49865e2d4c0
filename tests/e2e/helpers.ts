import { expect, type Cookie, type Page } from "@playwright/test";
import { createRequire } from "node:module";
import crypto from "node:crypto";
import pg from "pg";
import { generateSync } from "otplib";

export const PASSWORD = "Demo@2026";

/** The user's TOTP secret, decrypted like lib/pii/keyring.ts does (AES-256-GCM, v<key id>.iv.tag.ciphertext; the suite has key 1 only). */
async function totpSecretOf(username: string): Promise<string> {
  const [row] = await sql<{ enc: string }>(`SELECT mfa_secret_enc AS enc FROM app_user WHERE username = $1`, [username]);
  const [iv, tag, ct] = row!.enc
    .split(".")
    .slice(-3)
    .map((p) => Buffer.from(p, "base64url"));
  const d = crypto.createDecipheriv("aes-256-gcm", Buffer.from(process.env.PII_ENC_KEY!, "base64"), iv!);
  d.setAuthTag(tag!);
  return Buffer.concat([d.update(ct!), d.final()]).toString("utf8");
}

/**
 * A code the server will accept: TOTP codes are single-use (the user's last accepted time step is
 * stored), so take the first step after that one that is within the ±1-step window, waiting for
 * the clock when the window is used up (several sign-ins of the same user within a minute).
 */
export async function unusedTotpCode(username: string, secret?: string): Promise<string> {
  const key = secret ?? (await totpSecretOf(username));
  for (;;) {
    const [row] = await sql<{ last: number | null }>(`SELECT totp_last_step AS last FROM app_user WHERE username = $1`, [username]);
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, (row?.last ?? -1) + 1);
    if (step <= now + 1) return generateSync({ secret: key, epoch: step * 30 });
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// Each user's session cookie from their last sign-in in this worker. Signing in again costs a
// password hash, two renders and, for an admin, a fresh TOTP step (one per 30 s): most tests only
// need to be signed in, so they reuse the session. The server still checks it on every request
// (revoked, expired, deactivated or a changed password send the browser to /login), and then the
// test signs in for real.
const sessions = new Map<string, Cookie[]>();
const isSessionCookie = (c: Cookie) => /^(__Host-)?crm\.session/.test(c.name);

/**
 * Signs in; answers the two-factor step, and enrols an admin who has no second factor yet. Reuses
 * the user's session from an earlier sign-in unless `fresh` (a test about signing in itself).
 */
export async function login(page: Page, username: string, password = PASSWORD, opts: { fresh?: boolean } = {}) {
  const cached = opts.fresh || password !== PASSWORD ? undefined : sessions.get(username);
  if (cached) {
    await page.context().addCookies(cached);
    await page.goto("/");
    if (!/\/(login|account\/mfa)/.test(new URL(page.url()).pathname)) return;
    sessions.delete(username);
  }
  await signIn(page, username, password);
  if (password === PASSWORD) sessions.set(username, (await page.context().cookies()).filter(isSessionCookie));
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator('button[type="submit"]').click();
  const code = page.locator("#code");
  await expect(
    code
      .or(page.getByRole("navigation"))
      .or(page.getByRole("heading", { level: 1 }).filter({ hasNotText: /Sign in|登录/ }))
      .first(),
  ).toBeVisible();
  if (await code.isVisible()) {
    await code.fill(await unusedTotpCode(username));
    await page.locator('button[type="submit"]').click();
  }
  await expect(page).not.toHaveURL(/\/login/);
  if (/\/account\/mfa/.test(page.url())) {
    await page.locator("main button").first().click();
    const secret = (await page.getByTestId("mfa-secret").textContent())!.trim();
    await page.locator("#mfa-code").fill(generateSync({ secret }));
    await page.locator('main button[type="submit"]').click();
    await page.locator('main a[href="/"]').click();
    await expect(page).not.toHaveURL(/\/account\/mfa/);
  }
}

export async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

/**
 * Waits until the server's first scoring run (started at the first start of a fresh database)
 * has finished, so a test that picks a customer by tier does not see the tier change under it.
 */
export async function scoringSettled(timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [{ busy, scored }] = await sql<{ busy: number; scored: number }>(
      `SELECT (SELECT count(*) FROM value_job WHERE status IN ('QUEUED', 'RUNNING'))::int AS busy,
              (SELECT count(*) FROM value_job WHERE kind = 'RESCORE' AND status = 'SUCCEEDED')::int AS scored`,
    );
    if (busy === 0 && scored > 0) return;
    if (Date.now() > until) throw new Error("the scoring run did not finish");
    await new Promise((r) => setTimeout(r, 500));
  }
}

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/**
 * axe-core's WCAG 2.1 A/AA violations on the page, as "path rule: help — first targets" lines (the
 * script is injected from node_modules). The kit's toasts are left out: they are not part of a page.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(
      { exclude: [["[data-sonner-toaster]"]] },
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] },
    );
    return r.violations.map(
      (v) =>
        `${location.pathname} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
  });
}

import { test, expect } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import { generateSync } from "otplib";
import { login, sql, unusedTotpCode, PASSWORD } from "./helpers";

test.use({ locale: "en-US" });

function actionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName: string }> };
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in the build`);
  return id;
}

test("pages carry a nonce-based Content-Security-Policy and refuse framing", async ({ request }) => {
  const res = await request.get("/login");
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  const html = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  expect(html).toContain(`nonce="${nonce}"`);
  // A fresh nonce per request.
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("a server action posted from a foreign origin is refused; the same call from our origin works", async ({ request, baseURL }) => {
  const id = actionId("setLocaleAction");
  const post = (origin: string) =>
    request.post("/login", {
      headers: { "Next-Action": id, Origin: origin, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: JSON.stringify(["zh-CN"]),
      maxRedirects: 0,
    });
  const foreign = await post("https://evil.example");
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect(foreign.headers()["set-cookie"] ?? "").not.toContain("NEXT_LOCALE");
  const own = await post(baseURL!);
  expect(own.status()).toBe(200);
});

test("oversized request bodies are refused before parsing", async ({ request }) => {
  const res = await request.post("/api/health", { data: "x".repeat(3 * 1024 * 1024), headers: { "Content-Type": "text/plain" } });
  expect(res.status()).toBe(413);
});

test("an admin creates a user, who signs in and must first choose their own password; deactivating ends their session", async ({ page, browser }) => {
  test.setTimeout(120_000); // two sign-ins, the admin's waiting for an unused TOTP step
  const username = `e2e${Date.now().toString(36)}`;
  await login(page, "admin1");
  await page.goto("/admin/users");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Name", { exact: true }).fill("E2E Agent");
  await page.getByLabel("Role").first().selectOption("AGENT");
  await page.getByLabel("Initial password").fill("E2e-password-1");
  await page.getByRole("button", { name: "Create user" }).click();
  const toasts = page.getByRole("region", { name: /^Notifications/ });
  await expect(toasts.getByText("User created.")).toBeVisible();

  const ctx = await browser.newContext({ locale: "en-US" });
  const other = await ctx.newPage();
  await login(other, username, "E2e-password-1");
  // The admin knows the initial password: the user replaces it before anything else.
  await expect(other).toHaveURL(/\/account\/password$/);

  await page.getByRole("button", { name: `Manage ${username}` }).click();
  await page
    .getByRole("dialog", { name: `Manage ${username}` })
    .getByRole("button", { name: "Deactivate" })
    .click();
  // A destructive step asks first.
  await page
    .getByRole("dialog", { name: `Deactivate ${username}?` })
    .getByRole("button", { name: "Deactivate" })
    .click();
  await expect(toasts.getByText(/^Deactivated/)).toBeVisible();
  await expect(page.getByRole("dialog", { name: `Manage ${username}` }).getByRole("button", { name: "Reactivate" })).toBeVisible();

  await other.goto("/workspace");
  await expect(other).toHaveURL(/\/login/);
  await ctx.close();
  const [row] = await sql<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'user' AND action = 'user.deactivated' ORDER BY id DESC LIMIT 1`);
  expect(row?.action).toBe("user.deactivated");
});

test("the audit viewer filters through the URL and exports CSV", async ({ page }) => {
  await login(page, "admin1");
  await page.goto("/admin/audit");
  await page.getByLabel("Action (prefix)").fill("auth.login");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=auth\.login/);
  // The viewer reads as sentences ("Signed in", "Sign-in failed"); the filter still takes the code.
  await expect(page.getByRole("cell", { name: /Signed in|Sign-in failed/ }).first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, "utf8");
  // In the reader's language, with the raw action code in a column of its own.
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv).toContain("auth.login");
});

test("a user turns on two-factor authentication; the next sign-in asks for the code", async ({ page }) => {
  test.setTimeout(120_000); // the sign-in after enrolment waits for an unused TOTP step (up to 30 s)
  await sql(`UPDATE app_user SET mfa_enabled_at = NULL, mfa_secret_enc = NULL WHERE username = 'supervisor2'`);
  await login(page, "supervisor2");
  await page.goto("/account/mfa");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = (await page.getByTestId("mfa-secret").textContent())!.trim();
  await expect(page.getByText(/^otpauth:\/\/totp\//)).toBeVisible();
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  // The error sits with its field (announced, and the field's description).
  await expect(page.getByLabel("Authentication code")).toHaveAccessibleDescription(/That code is not right/);
  await page.getByLabel("Authentication code").fill(generateSync({ secret }));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);

  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Username").fill("supervisor2");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The enrolment code is used up (single use): the sign-in takes the next time step's code.
  await page.getByLabel("Authentication code").fill(await unusedTotpCode("supervisor2", secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/team$/);
  await sql(`UPDATE app_user SET mfa_enabled_at = NULL, mfa_secret_enc = NULL WHERE username = 'supervisor2'`);
});

test("after sign-in, a next= that points elsewhere (/\\evil.example, //evil.example, https://evil.example) stays on this origin", async ({
  browser,
  baseURL,
}) => {
  // Five sign-ins; the forms the browser would read as another host are unit-tested in tests/unit/login-redirect.test.ts.
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  for (const next of ["/\\evil.example", "//evil.example", "https://evil.example", "javascript:alert(1)"]) {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Username").fill("agent1");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The role's home, on this origin.
    await expect(page).toHaveURL(/\/workspace$/);
    expect(new URL(page.url()).origin).toBe(origin);
    await context.close();
  }
  // A path of this origin is still honoured.
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto(`/login?next=${encodeURIComponent("/customers")}`);
  await page.getByLabel("Username").fill("agent1");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}/customers`);
  await context.close();
});

/** Locks a username for five minutes the way repeated failures would (an account, or a name with no account). */
async function lockForFiveMinutes(username: string) {
  const [known] = await sql<{ id: number }>(`SELECT id FROM app_user WHERE username = $1`, [username]);
  if (known) {
    await sql(`UPDATE app_user SET failed_logins = 5, locked_until = now() + interval '5 minutes' WHERE id = $1`, [known.id]);
    return;
  }
  // Unknown usernames are counted under an HMAC of the name (lib/auth/login.ts).
  const key = crypto.createHmac("sha256", process.env.AUTH_SECRET!).update(`login:${username}`).digest("hex");
  await sql(
    `INSERT INTO login_throttle (key, failed_logins, locked_until, updated_at) VALUES ($1, 5, now() + interval '5 minutes', now())
     ON CONFLICT (key) DO UPDATE SET failed_logins = 5, locked_until = now() + interval '5 minutes'`,
    [key],
  );
}

test("a locked username, known or not, is told to wait N minutes, even with the right password, in English and in Chinese", async ({ page, browser }) => {
  await lockForFiveMinutes("agent6");
  try {
    await page.goto("/login");
    await page.getByLabel("Username").fill("agent6");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText("Too many sign-in attempts. Try again in 5 minutes.");

    const ghost = `ghost-${Date.now()}`;
    await lockForFiveMinutes(ghost);
    await page.goto("/login");
    await page.getByLabel("Username").fill(ghost);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText("Too many sign-in attempts. Try again in 5 minutes.");

    const zh = await browser.newContext({ locale: "zh-CN" });
    const p = await zh.newPage();
    await p.goto("/login");
    await p.getByLabel("用户名").fill("agent6");
    await p.getByLabel("密码").fill(PASSWORD);
    await p.getByRole("button", { name: "登录" }).click();
    await expect(p.getByRole("alert").filter({ hasText: "登录尝试" })).toHaveText("登录尝试次数过多，请 5 分钟后再试。");
    await zh.close();
  } finally {
    await sql(`UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE username = 'agent6'`);
  }
});

test("a wrong authentication code says the code is wrong, not the password, in English and in Chinese", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // admin1 has a second factor (the helper enrols it on first sign-in).
  await login(page, "admin1");
  const wrongCode = async (p: typeof page, labels: { username: string; password: string; submit: string; code: string }) => {
    await p.goto("/login");
    await p.getByLabel(labels.username).fill("admin1");
    await p.getByLabel(labels.password).fill(PASSWORD);
    await p.getByRole("button", { name: labels.submit }).click();
    const right = await unusedTotpCode("admin1");
    await p.getByLabel(labels.code).fill(`${(Number(right[0]) + 5) % 10}${right.slice(1)}`);
    await p.getByRole("button", { name: labels.submit }).click();
  };
  const en = await browser.newContext({ locale: "en-US" });
  const pe = await en.newPage();
  await wrongCode(pe, { username: "Username", password: "Password", submit: "Sign in", code: "Authentication code" });
  await expect(pe.getByRole("alert").filter({ hasText: "The authentication code is not right" })).toBeVisible();
  await expect(pe.getByRole("alert").filter({ hasText: "username or password" })).toHaveCount(0);
  await en.close();

  const zh = await browser.newContext({ locale: "zh-CN" });
  const pz = await zh.newPage();
  await wrongCode(pz, { username: "用户名", password: "密码", submit: "登录", code: "验证码" });
  await expect(pz.getByRole("alert").filter({ hasText: "验证码不正确" })).toBeVisible();
  await zh.close();
  await sql(`UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE username = 'admin1'`);
});

import { test, expect } from "@playwright/test";
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
  await expect(page.getByRole("cell", { name: /auth\.login/ }).first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, "utf8");
  expect(csv.startsWith("\uFEFFid,at,actor,action")).toBe(true);
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

// A production install as an operator meets it (issue 19, finding 1): a server in production mode
// on an empty database shows no demo login, sends HSTS and the __Host- session cookie, and the
// one-time link from the console creates the first administrator, who must enrol MFA first.
import { test, expect } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import pg from "pg";
import { applyMigrationSql } from "../integration/copy-database";

const port = Number(process.env.E2E_PORT ?? 3100) + 1;
const base = `http://localhost:${port}`;
const key = () => crypto.randomBytes(32).toString("base64");
let server: ChildProcess | undefined;
let link = "";
let dbUrl = "";
let ownerDbUrl = "";
let logs = "";

test.describe.configure({ mode: "serial" });
test.use({ baseURL: base });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // An empty database on the test server: the migrations (as the owner), no seed; the server runs
  // as the app role (crm_app), as `npm start` does.
  const seeded = new URL(process.env.DATABASE_URL!);
  const owner = new URL(process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL!);
  const name = `crm_e2e_prod_${crypto.randomBytes(3).toString("hex")}`;
  const admin = new URL(owner);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const url = new URL(seeded);
  url.pathname = `/${name}`;
  dbUrl = url.toString();
  const ownerUrl = new URL(owner);
  ownerUrl.pathname = `/${name}`;
  ownerDbUrl = ownerUrl.toString();
  await applyMigrationSql(ownerDbUrl);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    CRM_MODE: "production",
    DATABASE_URL: dbUrl,
    MIGRATION_DATABASE_URL: undefined,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    PII_ENC_KEY: key(),
    PII_HMAC_KEY: key(),
    NEXTAUTH_URL: base,
    APP_BASE_URL: base,
    JOBS_ENABLED: "false",
  };
  delete env.SECURE_COOKIES;
  delete env.CRM_SHOW_DEMO_LOGINS;
  // What `npm start` runs in production mode on a database without users.
  const issued = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/setup-token.ts", "--json"], { env, encoding: "utf8" });
  expect(issued.status, issued.stderr).toBe(0);
  link = JSON.parse(issued.stdout.trim().split("\n").pop()!).link;
  expect(link).toMatch(new RegExp(`^${base}/setup\\?token=[A-Za-z0-9_-]{43}$`));

  // Its own process group, so the whole server (and anything it forks) can be stopped together.
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout!.on("data", (d) => (logs += d));
  server.stderr!.on("data", (d) => (logs += d));
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 200 || server.exitCode !== null) throw new Error(`the production-mode server did not start:\n${logs}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  // A graceful stop waits for open connections (the browser keeps some alive): 5 s, then SIGKILL.
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-server!.pid!, signal);
      } catch {
        /* already gone */
      }
    };
    group("SIGTERM");
    const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);
    if (!stopped) {
      group("SIGKILL");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
  }
  const admin = new URL(ownerDbUrl);
  const name = admin.pathname.slice(1);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
});

for (const [locale, signIn] of [
  ["en", "Sign in"],
  ["zh-CN", "登录"],
] as const) {
  test(`production login page (${locale}): no demo logins or demo password, HSTS on`, async ({ page, context }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: base }]);
    const res = await page.goto("/login");
    expect(res!.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
    await expect(page.getByRole("heading", { level: 1, name: signIn })).toBeVisible();
    await expect(page.locator("body")).not.toContainText("Demo@2026");
    await expect(page.locator("body")).not.toContainText(/admin1|agent1/);
  });
}

test("/setup without the console's token, or with a wrong one, does not exist", async ({ page }) => {
  expect((await page.goto("/setup"))!.status()).toBe(404);
  expect((await page.goto(`/setup?token=${"A".repeat(43)}`))!.status()).toBe(404);
});

test("the first administrator: the one-time link (zh-CN and en) → the account → sign-in → MFA enrolment before anything else; the link is then gone", async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: base }]);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "创建首个管理员" })).toBeVisible();
  await page.getByLabel("用户名").fill("ops.admin");
  await page.getByLabel("显示名称").fill("运维管理员");
  await page.getByLabel(/^密码/).fill("Long-enough-2026");
  await page.getByLabel("再次输入密码").fill("Long-enough-2027");
  await page.getByRole("button", { name: "创建管理员" }).click();
  await expect(page.getByText("两次输入的密码不一致。")).toBeVisible();

  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: base }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Create the first administrator" })).toBeVisible();
  await page.getByLabel("Username").fill("ops.admin");
  await page.getByLabel("Display name").fill("Operations Admin");
  await page
    .getByLabel(/^Password/)
    .first()
    .fill("short1");
  await page.getByLabel("Password again").fill("short1");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Too short.")).toBeVisible();
  await page
    .getByLabel(/^Password/)
    .first()
    .fill("Long-enough-2026");
  await page.getByLabel("Password again").fill("Long-enough-2026");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Administrator ops.admin created.")).toBeVisible();
  await page.getByRole("link", { name: "Go to sign-in" }).click();

  await page.getByLabel("Username").fill("ops.admin");
  await page.getByLabel("Password").fill("Long-enough-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/mfa$/);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  // The session cookie of production mode: __Host- (Secure, no Domain, Path=/).
  const cookies = await context.cookies(base);
  expect(cookies.find((c) => c.name === "__Host-crm.session")).toMatchObject({ secure: true, path: "/", httpOnly: true });
  // Nothing else before the second factor.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/account\/mfa$/);

  // The link worked once.
  expect((await page.goto(link))!.status()).toBe(404);
});

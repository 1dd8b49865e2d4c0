import { test, expect } from "@playwright/test";
import { generateSync } from "otplib";
import { login, PASSWORD, sql } from "./helpers";

test.use({ locale: "en-US" });

test("protected pages redirect to login", async ({ page }) => {
  await page.goto("/workspace");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a wrong password gets a clear error, in English and in Chinese", async ({ page, browser }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("agent1");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "username or password is incorrect" })).toBeVisible();

  const zh = await browser.newContext({ locale: "zh-CN" });
  const p = await zh.newPage();
  await p.goto("/login");
  await p.getByLabel("用户名").fill("agent1");
  await p.getByLabel("密码").fill("wrong-password");
  await p.getByRole("button", { name: "登录" }).click();
  await expect(p.getByRole("alert").filter({ hasText: "用户名或密码错误" })).toBeVisible();
  await zh.close();
});

const homes = [
  { user: "agent1", url: /\/workspace$/, nav: ["Workspace", "Customers"], hidden: ["Overview", "Administration", "My team"] },
  { user: "supervisor1", url: /\/team$/, nav: ["Workspace", "My team", "Customers"], hidden: ["Overview", "Administration"] },
  { user: "manager1", url: /\/overview$/, nav: ["Overview", "My team", "Customers"], hidden: ["Workspace", "Administration"] },
  { user: "admin1", url: /\/admin$/, nav: ["Overview", "Customers", "Administration"], hidden: ["Workspace", "My team"] },
];
for (const h of homes) {
  test(`${h.user} lands on their own home with their navigation`, async ({ page }) => {
    await login(page, h.user);
    await expect(page).toHaveURL(h.url);
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    for (const n of h.nav) await expect(nav.getByRole("link", { name: n })).toBeVisible();
    for (const n of h.hidden) await expect(nav.getByRole("link", { name: n })).toHaveCount(0);
    await expect(page.getByRole("main")).not.toBeEmpty();
  });
}

test("agent finds a subscriber by part of a number and opens the customer page", async ({ page }) => {
  const [line] = await sql<{ msisdn: string; name: string }>(
    `SELECT l.msisdn, c.name FROM line l JOIN customer c ON c.id = l.customer_id WHERE l.network IN ('G4','G5') ORDER BY l.id LIMIT 1`,
  );
  await login(page, "agent1");
  const box = page.getByRole("combobox", { name: "Search subscribers" });
  // The "/" shortcut works once the header has hydrated: press until it takes. (The workspace's own
  // caller box has the focus on load, and "/" typed there is text: leave it first.)
  await expect(async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("/");
    await expect(box).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await box.fill(line.msisdn.slice(3, 9));
  const option = page.getByRole("option").filter({ hasText: line.name }).first();
  await expect(option).toBeVisible();
  // The number is masked in results.
  await expect(option).toContainText(`${line.msisdn.slice(0, 3)}****${line.msisdn.slice(-4)}`);
  await option.click();
  // A hit found by a number carries it sealed (?via=), so the 360 preselects the caller's line.
  await expect(page).toHaveURL(/\/customers\/\d+(\?via=[\w.-]+)?$/);
  await expect(page.getByRole("heading", { level: 1, name: line.name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Lines" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "12-month trends" })).toBeVisible();
  await expect(page.getByText(line.msisdn)).toHaveCount(0);
});

test("the language switch sticks across pages and reloads", async ({ page }) => {
  await login(page, "agent1");
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "工作台" })).toBeVisible();
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("link", { name: "Workspace" })).toBeVisible();
});

test("first visit follows Accept-Language", async ({ browser }) => {
  const zh = await browser.newContext({ locale: "zh-CN" });
  const p = await zh.newPage();
  await p.goto("/login");
  await expect(p.getByRole("heading", { name: "登录" })).toBeVisible();
  await zh.close();
});

test("logout ends the session; the old cookie no longer works", async ({ page, context }) => {
  await login(page, "agent2");
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Replaying the old session cookie is refused: the session version was bumped.
  await context.addCookies(cookies);
  await page.goto("/workspace");
  await expect(page).toHaveURL(/\/login/);
});

test("an admin without a second factor sets it up first: language switch and log out work there, the notice goes once it is on", async ({ page }) => {
  await sql(`DELETE FROM recovery_code WHERE user_id = (SELECT id FROM app_user WHERE username = 'admin1')`);
  await sql(`UPDATE app_user SET mfa_enabled_at = NULL, mfa_secret_enc = NULL, totp_last_step = NULL WHERE username = 'admin1'`);
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin1");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account\/mfa$/);
  const notice = page.getByText("Your role must use two-factor authentication");
  await expect(notice).toBeVisible();
  // Every other page sends them back here.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/account\/mfa$/);

  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "双因素认证" })).toBeVisible();
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor authentication" })).toBeVisible();

  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = (await page.getByTestId("mfa-secret").textContent())!.trim();
  await page.getByLabel("Authentication code").fill("12");
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByLabel("Authentication code")).toHaveAccessibleDescription("Enter the 6-digit code.");
  await page.getByLabel("Authentication code").fill(generateSync({ secret }));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expect(notice).toHaveCount(0);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/account/mfa");
  await expect(page).toHaveURL(/\/login/);
});

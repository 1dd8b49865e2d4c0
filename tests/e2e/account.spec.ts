import { test, expect, type Browser, type Page } from "@playwright/test";
import { login, sql, PASSWORD } from "./helpers";

// Finding 8 of issue 19: the user's own password change, and the change forced after an admin set
// a password, in both languages.

const TEXT = {
  en: {
    locale: "en-US",
    changePasswordLink: "Change password",
    current: "Current password",
    next: "New password",
    confirm: "Confirm new password",
    submit: "Change password",
    mismatch: "The two passwords differ.",
    common: /too common/,
    changed: /^Password changed/,
    mustChange: /An administrator set your password/,
    manage: (u: string) => `Manage ${u}`,
    resetPassword: "Reset password",
    passwordReset: /^Password reset/,
  },
  zh: {
    locale: "zh-CN",
    changePasswordLink: "修改密码",
    current: "当前密码",
    next: "新密码",
    confirm: "确认新密码",
    submit: "修改密码",
    mismatch: "两次输入的密码不一致。",
    common: /过于常见/,
    changed: /^密码已修改/,
    mustChange: /您的密码由管理员设置/,
    manage: (u: string) => `管理 ${u}`,
    resetPassword: "重置密码",
    passwordReset: /^密码已重置/,
  },
} as const;

/** A fresh agent whose password is the demo one (copied hash), so nobody else's login changes. */
async function freshAgent(): Promise<string> {
  const username = `e2epw${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  await sql(
    `INSERT INTO app_user (username, display_name, password_hash, role, team_id, updated_at)
     SELECT $1, 'E2E 密码', password_hash, 'AGENT', team_id, now() FROM app_user WHERE username = 'agent1'`,
    [username],
  );
  return username;
}

/** A password field by its accessible name (the label's required-marker is hidden from it). */
const field = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });

async function signedIn(browser: Browser, locale: string, username: string, password: string): Promise<Page> {
  const ctx = await browser.newContext({ locale });
  const page = await ctx.newPage();
  // A session of its own (not the one login() keeps for the user): the test ends "the other session".
  await login(page, username, password, { fresh: true });
  return page;
}

for (const lang of ["en", "zh"] as const) {
  const t = TEXT[lang];
  test.describe(`account (${lang})`, () => {
    test.use({ locale: t.locale });
    // Two or three sign-ins each, and an admin's waits for an unused TOTP step.
    test.describe.configure({ timeout: 150_000 });

    test("a user changes their password from the user menu; their other session ends; the new password signs in", async ({ page, browser }) => {
      const username = await freshAgent();
      await login(page, username);
      const elsewhere = await signedIn(browser, t.locale, username, PASSWORD);

      await page.getByRole("link", { name: t.changePasswordLink }).click();
      await expect(page).toHaveURL(/\/account\/password$/);
      await field(page, t.current).fill(PASSWORD);
      await field(page, t.next).fill("Fresh-voyage-2026");
      await field(page, t.confirm).fill("Fresh-voyage-2027");
      await page.getByRole("button", { name: t.submit }).click();
      await expect(field(page, t.confirm)).toHaveAccessibleDescription(t.mismatch);

      await field(page, t.next).fill("Password123");
      await field(page, t.confirm).fill("Password123");
      await page.getByRole("button", { name: t.submit }).click();
      await expect(field(page, t.next)).toHaveAccessibleDescription(t.common);

      await field(page, t.next).fill("Fresh-voyage-2026");
      await field(page, t.confirm).fill("Fresh-voyage-2026");
      await page.getByRole("button", { name: t.submit }).click();
      await expect(page.getByText(t.changed)).toBeVisible();
      await expect(page).toHaveURL(/\/workspace$/);

      // The other session is over; this one goes on.
      await elsewhere.goto("/workspace");
      await expect(elsewhere).toHaveURL(/\/login/);
      await elsewhere.context().close();
      await page.goto("/workspace");
      await expect(page).toHaveURL(/\/workspace$/);

      await page.context().clearCookies();
      await login(page, username, "Fresh-voyage-2026");
      await expect(page).toHaveURL(/\/workspace$/);
      const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.passwordChanged' AND actor_name = $1`, [username]);
      expect(row?.n).toBe(1);
    });

    test("after an admin resets a password, the user must choose a new one before anything else", async ({ page, browser }) => {
      const username = await freshAgent();
      await login(page, "admin1");
      await page.goto("/admin/users");
      await page.getByRole("button", { name: t.manage(username) }).click();
      const dialog = page.getByRole("dialog", { name: t.manage(username) });
      await dialog.getByLabel(t.next).fill("Temp-harbour-2026");
      await dialog.getByRole("button", { name: t.resetPassword }).click();
      await expect(page.getByText(t.passwordReset)).toBeVisible();

      // The admin's password signs in, but every page sends the user to choose their own.
      const user = await signedIn(browser, t.locale, username, "Temp-harbour-2026");
      await expect(user).toHaveURL(/\/account\/password$/);
      await expect(user.getByText(t.mustChange)).toBeVisible();
      await user.goto("/workspace");
      await expect(user).toHaveURL(/\/account\/password$/);

      await field(user, t.current).fill("Temp-harbour-2026");
      await field(user, t.next).fill("Only-mine-2026");
      await field(user, t.confirm).fill("Only-mine-2026");
      await user.getByRole("button", { name: t.submit }).click();
      await expect(user).toHaveURL(/\/workspace$/);
      await user.goto("/workspace");
      await expect(user).toHaveURL(/\/workspace$/);
      const [row] = await sql<{ must: boolean }>(`SELECT must_change_password AS must FROM app_user WHERE username = $1`, [username]);
      expect(row?.must).toBe(false);
      await user.context().close();
    });
  });
}

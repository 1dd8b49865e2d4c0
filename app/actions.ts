"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action, noInput } from "@/lib/shared/action";
import { endSessions } from "@/lib/auth/login";
import { saveUserLocale } from "@/lib/users/commands";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { AUTH_COOKIE_NAMES } from "@/lib/auth/cookies";

/** Switches the interface language; remembered in a cookie and, when logged in, on the user.
 *  Public: the login page has the switch too. */
export const setLocaleAction = action(
  z.enum(LOCALES),
  async (actor, locale) => {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: false });
    if (actor) await saveUserLocale(actor, locale);
  },
  { public: true },
);

/** Logs out everywhere: the session version is bumped, so every existing session cookie dies.
 *  Public: without a (still valid) session it clears the stale cookies and goes to login all the same. */
export const logoutAction = action(
  noInput,
  async (actor) => {
    if (actor) await endSessions(actor.id, actor.ip, actor.userAgent);
    const jar = await cookies();
    for (const name of AUTH_COOKIE_NAMES) jar.delete(name);
    redirect("/login");
  },
  { public: true },
);

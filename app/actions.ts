"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { endSessions } from "@/lib/auth/login";
import { saveUserLocale } from "@/lib/users/commands";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { AUTH_COOKIE_NAMES } from "@/lib/auth/cookies";

const localeInput = z.enum(LOCALES);

/** Switches the interface language; remembered in a cookie and, when logged in, on the user. */
export async function setLocaleAction(locale: string): Promise<{ ok: true } | { ok: false; error: "validation" }> {
  const parsed = localeInput.safeParse(locale);
  if (!parsed.success) return { ok: false, error: "validation" };
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: false });
  const actor = await getActor();
  if (actor) await saveUserLocale(actor, parsed.data);
  return { ok: true };
}

/** Logs out everywhere: the session version is bumped, so every existing session cookie dies. */
export async function logoutAction(): Promise<void> {
  const actor = await getActor();
  if (actor) await endSessions(actor.id, actor.ip, actor.userAgent);
  const jar = await cookies();
  for (const name of AUTH_COOKIE_NAMES) jar.delete(name);
  redirect("/login");
}

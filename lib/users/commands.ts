import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { Locale } from "@/lib/i18n/locales";

/** A user's own interface language (no permission needed beyond being logged in). */
export async function saveUserLocale(actor: Actor, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: actor.id }, data: { locale } });
}

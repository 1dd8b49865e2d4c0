import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError } from "@/lib/shared/errors";
import { MARKETING_SETTINGS_KEY } from "@/lib/marketing/settings";
import { DEFAULT_MARKETING_SETTINGS, marketingSettingsInput, type MarketingSettings } from "@/lib/marketing/schemas";

// The admin's contact rules (/admin/marketing): one app_setting row whose JSON carries its version.
// Saved version-checked (two admins editing at once: the second gets "someone else changed this")
// and audited with what was there before, in the same transaction.

export async function updateMarketingSettings(actor: Actor, raw: z.input<typeof marketingSettingsInput>): Promise<{ version: number }> {
  assertCan(actor, "marketing:configure");
  const { version: expected, ...settings } = marketingSettingsInput.parse(raw);
  return db.$transaction(async (tx) => {
    // Lock the row (or, before the first save, the key) so two saves cannot both pass the check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`app_setting:${MARKETING_SETTINGS_KEY}`}))`;
    const row = await tx.appSetting.findUnique({ where: { key: MARKETING_SETTINGS_KEY } });
    const stored = marketingSettingsInput.safeParse(row?.value);
    const before: MarketingSettings = stored.success ? withoutVersion(stored.data) : DEFAULT_MARKETING_SETTINGS;
    const current = stored.success ? (stored.data.version ?? 0) : 0;
    if (expected !== undefined && expected !== current) throw new ConflictError("marketing settings changed");
    const value = { ...settings, version: current + 1 } as Prisma.InputJsonValue;
    await tx.appSetting.upsert({ where: { key: MARKETING_SETTINGS_KEY }, create: { key: MARKETING_SETTINGS_KEY, value }, update: { value } });
    await recordAudit(tx, actor, {
      action: "marketingSettings.updated",
      entity: "app_setting",
      entityId: MARKETING_SETTINGS_KEY,
      data: { before, after: settings } as unknown as Prisma.InputJsonValue,
    });
    return { version: current + 1 };
  });
}

function withoutVersion(s: z.output<typeof marketingSettingsInput>): MarketingSettings {
  const { version: _v, ...rest } = s;
  void _v;
  return rest;
}

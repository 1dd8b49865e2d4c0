import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_MARKETING_SETTINGS, marketingSettingsInput, type MarketingSettings } from "@/lib/marketing/schemas";

// The marketing contact rules live in app_setting ("marketing"); the admin page edits them
// (lib/marketing/settings-commands.ts). Read fresh each time: launches and job passes are rare
// enough, and a changed cap must apply to the very next launch.
export const MARKETING_SETTINGS_KEY = "marketing";

export async function loadMarketingSettings(): Promise<MarketingSettings & { version: number }> {
  const row = await db.appSetting.findUnique({ where: { key: MARKETING_SETTINGS_KEY } });
  const parsed = marketingSettingsInput.safeParse(row?.value);
  if (!parsed.success) return { ...DEFAULT_MARKETING_SETTINGS, version: 0 };
  const { version, ...settings } = parsed.data;
  return { ...settings, version: version ?? 0 };
}

import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db";

// The grading settings, app_setting "membership": { graceMonths, version } (migration
// 20261207102000000_member_benefits writes the default: 3 months).

export const MEMBERSHIP_SETTING_KEY = "membership";
export const DEFAULT_GRACE_MONTHS = 3;

export interface MembershipSettings {
  graceMonths: number;
  version: number;
}

const stored = z.object({ graceMonths: z.number().int().min(0).max(24), version: z.number().int().min(1) });

export async function readMembershipSettings(tx: Tx): Promise<MembershipSettings> {
  const row = await tx.appSetting.findUnique({ where: { key: MEMBERSHIP_SETTING_KEY } });
  const parsed = stored.safeParse(row?.value);
  return parsed.success ? parsed.data : { graceMonths: DEFAULT_GRACE_MONTHS, version: 1 };
}

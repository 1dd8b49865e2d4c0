import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { mfaPolicyInput, type MfaPolicy } from "@/lib/auth/schemas";
import { isProductionMode } from "@/lib/env";
import { ConflictError } from "@/lib/shared/errors";

// Which roles must enrol two-factor authentication: an app_setting an admin edits on
// /admin/users, next to the session timeouts. Without a saved setting, production requires it of
// every role that can reveal or export PII (supervisor, manager, admin: ASVS 2.2, PIPL art. 51);
// the demo (CRM_MODE=demo: `npm start` on the embedded database, the tests) of admins only, so the
// demo logins work without an authenticator. A user of a required role without MFA can only
// enrol (lib/auth/session-actor.ts flags the actor; assertCan refuses every permission).
const KEY = "security.mfa";
const CACHE_MS = 15_000;
let cached: { at: number; policy: MfaPolicy } | undefined;

export function defaultMfaRoles(production: boolean): RoleName[] {
  return production ? ["SUPERVISOR", "MANAGER", "ADMIN"] : ["ADMIN"];
}

const stored = z.object({ roles: mfaPolicyInput.shape.roles, version: z.number().int().min(1) });

export async function getMfaPolicy(now = Date.now()): Promise<MfaPolicy> {
  if (cached && now - cached.at < CACHE_MS) return cached.policy;
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  const parsed = stored.safeParse(row?.value);
  const policy = parsed.success ? parsed.data : { roles: defaultMfaRoles(isProductionMode()), version: 0 };
  cached = { at: now, policy };
  return policy;
}

export async function isMfaRequired(role: RoleName): Promise<boolean> {
  return (await getMfaPolicy()).roles.includes(role);
}

/** Saves the roles that must use MFA (ADMIN always included); a stale `version` is a conflict. */
export async function updateMfaPolicy(actor: Actor, raw: z.input<typeof mfaPolicyInput>): Promise<MfaPolicy> {
  assertCan(actor, "settings:manage");
  const input = mfaPolicyInput.parse(raw);
  const policy = await db.$transaction(async (tx) => {
    // The row lock orders two admins saving at once: the second sees the first one's version.
    await tx.$executeRaw`SELECT 1 FROM app_setting WHERE key = ${KEY} FOR UPDATE`;
    const row = await tx.appSetting.findUnique({ where: { key: KEY } });
    const before = stored.safeParse(row?.value);
    const current = before.success ? before.data : { roles: defaultMfaRoles(isProductionMode()), version: 0 };
    if (current.version !== input.version) throw new ConflictError();
    const next: MfaPolicy = { roles: input.roles, version: current.version + 1 };
    if (row) await tx.appSetting.update({ where: { key: KEY }, data: { value: next } });
    else {
      // Two first saves at once: the primary key makes the second fail, as a conflict.
      const inserted = await tx.$executeRaw`INSERT INTO app_setting (key, value, updated_at) VALUES (${KEY}, ${JSON.stringify(next)}::jsonb, now()) ON CONFLICT (key) DO NOTHING`;
      if (inserted === 0) throw new ConflictError();
    }
    await recordAudit(tx, actor, { action: "settings.updated", entity: "app_setting", entityId: KEY, data: { from: current.roles, to: next.roles, version: next.version } });
    return next;
  });
  cached = undefined;
  return policy;
}

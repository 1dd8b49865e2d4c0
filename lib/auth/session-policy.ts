import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { sessionPolicyInput, DEFAULT_SESSION_POLICY, type SessionPolicy } from "@/lib/auth/schemas";

// Idle and absolute session lifetimes, kept in app_setting so an admin can change them without a
// deploy. Read through a short cache: a change reaches every node within CACHE_MS.
const KEY = "security.sessions";
const CACHE_MS = 15_000;
let cached: { at: number; policy: SessionPolicy } | undefined;

export async function getSessionPolicy(now = Date.now()): Promise<SessionPolicy> {
  if (cached && now - cached.at < CACHE_MS) return cached.policy;
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  const parsed = sessionPolicyInput.safeParse(row?.value);
  const policy = parsed.success ? parsed.data : DEFAULT_SESSION_POLICY;
  cached = { at: now, policy };
  return policy;
}

export async function updateSessionPolicy(actor: Actor, raw: z.input<typeof sessionPolicyInput>): Promise<SessionPolicy> {
  assertCan(actor, "settings:manage");
  const policy = sessionPolicyInput.parse(raw);
  await db.$transaction(async (tx) => {
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: policy }, update: { value: policy } });
    await recordAudit(tx, actor, { action: "settings.updated", entity: "app_setting", entityId: KEY, data: policy });
  });
  cached = undefined;
  return policy;
}

export type SessionState = "ok" | "revoked" | "idle" | "expired";

/** Pure: whether a session row is still valid under the policy at `now`. */
export function evaluateSession(s: { createdAt: Date; lastSeenAt: Date; revokedAt: Date | null }, policy: SessionPolicy, now: Date): SessionState {
  if (s.revokedAt) return "revoked";
  if (now.getTime() - s.createdAt.getTime() > policy.absoluteHours * 3_600_000) return "expired";
  if (now.getTime() - s.lastSeenAt.getTime() > policy.idleMinutes * 60_000) return "idle";
  return "ok";
}

import { verifySync } from "otplib";

// Pure TOTP matching (RFC 6238: 30 s steps, 6 digits, ±1 step of clock drift), kept apart from
// lib/auth/mfa.ts so it is testable without a database. Single use is enforced there.

/** The time step (unix seconds / 30) the code belongs to, within ±1 step of `now`; null when it matches none. Pure. */
export function matchTotpStep(secret: string, code: string, now = new Date()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const r = verifySync({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
    return r.valid && "timeStep" in r ? r.timeStep : null;
  } catch {
    return null;
  }
}

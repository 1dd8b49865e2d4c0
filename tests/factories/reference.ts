// Reference data and staff: plans, interaction reasons, teams and the demo users.
import type pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/auth/demo";
import { DEMO_USERS, INTERACTION_REASONS, PLANS, TEAMS } from "@/tests/factories/catalogue";

export async function upsertReferenceData(client: pg.ClientBase): Promise<{ planIds: Record<string, number> }> {
  for (const p of PLANS) {
    await client.query(
      `INSERT INTO plan (code, name_zh, name_en, class, monthly_fee, data_quota_mb, voice_minutes, lifecycle)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (code) DO NOTHING`,
      [p.code, p.nameZh, p.nameEn, p.class, p.monthlyFee, p.dataQuotaMb, p.voiceMinutes, p.lifecycle],
    );
  }
  for (const [i, r] of INTERACTION_REASONS.entries()) {
    await client.query(`INSERT INTO interaction_reason (code, name_zh, name_en, sort_order) VALUES ($1,$2,$3,$4) ON CONFLICT (code) DO NOTHING`, [r.code, r.nameZh, r.nameEn, i]);
  }
  for (const t of TEAMS) {
    await client.query(`INSERT INTO team (code, name_zh, name_en) VALUES ($1,$2,$3) ON CONFLICT (code) DO NOTHING`, [t.code, t.nameZh, t.nameEn]);
  }
  const { rows } = await client.query<{ code: string; id: number }>(`SELECT code, id FROM plan`);
  return { planIds: Object.fromEntries(rows.map((r) => [r.code, r.id])) };
}

/** Creates the demo users (argon2-hashed demo password) unless they exist; returns the agents' ids. */
export async function upsertDemoUsers(client: pg.ClientBase, password = DEMO_PASSWORD): Promise<{ agentIds: number[] }> {
  const hash = await hashPassword(password);
  for (const u of DEMO_USERS) {
    await client.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, team_id, updated_at)
       VALUES ($1, $2, $3, $4, (SELECT id FROM team WHERE code = $5), now()) ON CONFLICT (username) DO NOTHING`,
      [u.username, u.displayName, hash, u.role, u.team],
    );
  }
  const { rows } = await client.query<{ id: number }>(`SELECT id FROM app_user WHERE role = 'AGENT' ORDER BY id`);
  return { agentIds: rows.map((r) => r.id) };
}

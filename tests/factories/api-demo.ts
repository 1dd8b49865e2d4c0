// The demo's API client (issue 25, docs/open-api.md): the self-service app, owned by admin1, with
// the ticket scopes and customer reads (masked). Its secret is random and never printed: an admin
// rotates it (or issues a token) on /admin/api to try the API. Written inside the seed's transaction.
import crypto from "node:crypto";
import type pg from "pg";

export const DEMO_API_CLIENT = {
  name: "自助服务App / Self-service app",
  description: "The self-service app: subscribers report faults and follow their tickets.",
  scopes: ["TICKET_READ", "TICKET_WRITE", "CUSTOMER_READ"],
  rateLimitPerMinute: 600,
  channel: "APP",
} as const;

export async function seedDemoApiClients(client: pg.Client): Promise<void> {
  const sha256 = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest("hex");
  const secret = `crm_cs_${crypto.randomBytes(32).toString("base64url")}`;
  const clientKey = `crm_ci_${crypto.randomBytes(12).toString("base64url")}`;
  const c = DEMO_API_CLIENT;
  await client.query(
    `INSERT INTO api_client (name, description, owner_id, team_id, scopes, client_key, secret_hash, rate_limit_per_minute, channel, created_by_id, updated_at)
     SELECT $1, $2, u.id, NULL, $3::"ApiScope"[], $4, $5, $6, $7::"Channel", u.id, now()
     FROM app_user u WHERE u.username = 'admin1'
     ON CONFLICT (name) DO NOTHING`,
    [c.name, c.description, c.scopes, clientKey, sha256(secret), c.rateLimitPerMinute, c.channel],
  );
}

/**
 * The generator's API clients (scripts/generate.ts): the demo's self-service app and `clients` more
 * integrations (billing, network faults, mini-program, …) owned by admin1, each with two static
 * tokens (one revoked) and a day of hourly OAuth tokens (expired but the last), as a running
 * installation holds. Secrets and tokens are random and unknown (only hashes): the bench makes its
 * own client with tests/factories/api.ts. Set-based SQL; idempotent by name.
 */
export async function seedGeneratedApiClients(client: pg.Client, opts: { clients?: number } = {}): Promise<void> {
  await seedDemoApiClients(client);
  const n = opts.clients ?? 7;
  const systems = ["Billing", "Network faults", "Mini-program", "WeChat service account", "Service hall kiosk", "Partner shop", "Data warehouse"];
  await client.query(
    `INSERT INTO api_client (name, description, owner_id, team_id, scopes, client_key, secret_hash, rate_limit_per_minute, channel, created_by_id, updated_at)
     SELECT 'gen ' || ($1::text[])[1 + (i - 1) % array_length($1::text[], 1)] || ' ' || i, NULL, u.id, NULL,
            CASE WHEN i % 3 = 0 THEN ARRAY['TICKET_READ','CUSTOMER_READ']::"ApiScope"[] ELSE ARRAY['TICKET_READ','TICKET_WRITE','CUSTOMER_READ','HUB_MANAGE']::"ApiScope"[] END,
            'crm_ci_gen' || i || '_' || substr(md5(random()::text), 1, 12), encode(sha256(gen_random_uuid()::text::bytea), 'hex'),
            600, (ARRAY['APP','MINI_PROGRAM','WECHAT','SERVICE_HALL','ONLINE_CHAT']::"Channel"[])[1 + i % 5], u.id, now()
     FROM generate_series(1, $2::int) i, app_user u WHERE u.username = 'admin1'
     ON CONFLICT (name) DO NOTHING`,
    [systems, n],
  );
  // Tokens only for clients that have none yet (a rerun adds nothing).
  await client.query(`
    WITH fresh AS (SELECT c.id, c.created_by_id FROM api_client c WHERE NOT EXISTS (SELECT 1 FROM api_token t WHERE t.client_id = c.id))
    INSERT INTO api_token (client_id, kind, token_hash, prefix, label, expires_at, revoked_at, created_by_id, created_at)
    SELECT f.id, 'STATIC'::"ApiTokenKind", encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'crm_at_' || substr(md5(random()::text), 1, 4),
           CASE k WHEN 1 THEN 'production' ELSE 'old (revoked)' END, now() + interval '90 days',
           CASE k WHEN 2 THEN now() - interval '10 days' END, f.created_by_id, now() - (k * interval '30 days')
    FROM fresh f, generate_series(1, 2) k
    UNION ALL
    SELECT f.id, 'OAUTH'::"ApiTokenKind", encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'crm_at_' || substr(md5(random()::text), 1, 4), NULL,
           now() - (h * interval '1 hour') + interval '1 hour', NULL, NULL, now() - (h * interval '1 hour')
    FROM fresh f, generate_series(0, 23) h`);
}

import "server-only";
import { z } from "zod";
import { isSecureCookies } from "@/lib/auth/cookies";
import { parsePiiKeyring, PiiKeyError, type PiiKeyring } from "@/lib/pii/keyring";
import { withPiiKeysFile } from "@/lib/pii/keys-file";

// Development defaults keep the demo (`npm start` on the embedded database) and the tests working
// with no configuration. They are public, so production mode refuses to start without its own
// secrets (see `missingProductionSecrets`) instead of falling back to them.
const DEV_AUTH_SECRET = "dev-only-auth-secret-change-me-0123456789abcdef";
const DEV_PII_ENC_KEY = Buffer.alloc(32, 7).toString("base64");
const DEV_PII_HMAC_KEY = Buffer.alloc(32, 11).toString("base64");

type Vars = Record<string, string | undefined>;

/** The secrets production mode cannot run without, and how an operator makes each one. */
const PRODUCTION_SECRETS: Array<{ name: string; isSet: (v: Vars) => boolean; how: string }> = [
  { name: "AUTH_SECRET", isSet: (v) => !!v.AUTH_SECRET, how: "signs the session cookies; generate it with `openssl rand -base64 32`" },
  {
    name: "PII_ENC_KEY",
    // The versioned key list (PII_ENC_KEYS="id:base64,…") counts as the encryption key too.
    isSet: (v) => !!v.PII_ENC_KEY || !!v.PII_ENC_KEYS,
    how: "encrypts national ID numbers and TOTP secrets (AES-256-GCM); generate it with `openssl rand -base64 32`",
  },
  { name: "PII_HMAC_KEY", isSet: (v) => !!v.PII_HMAC_KEY, how: "keys the ID-number lookup hash (HMAC-SHA256); generate it with `openssl rand -base64 32`" },
];

/** Names of the secrets production mode needs that `vars` lacks. */
export function missingProductionSecrets(vars: Vars): string[] {
  return PRODUCTION_SECRETS.filter((s) => !s.isSet(vars)).map((s) => s.name);
}

/** The readable refusal for missing secrets: each variable, what it is for and how to make it. */
export function missingSecretsMessage(missing: string[]): string {
  const lines = PRODUCTION_SECRETS.filter((s) => missing.includes(s.name)).map((s) => `  ${s.name}: ${s.how}`);
  return (
    `Production mode refuses to start: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set.\n${lines.join("\n")}\n` +
    "Set them in the server's environment (keep a copy of the PII keys: without them the encrypted data is lost). " +
    "See docs/operations.md#production-install. For a demo instead: `npm start` with neither DATABASE_URL nor NODE_ENV=production."
  );
}

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AUTH_SECRET: z.string().min(32).optional(),
  PII_ENC_KEY: base64Key.optional(),
  // Versioned encryption keys, current first: "2:<base64>,1:<base64>" (lib/pii/keyring.ts).
  PII_ENC_KEYS: z.string().optional(),
  PII_HMAC_KEY: base64Key.optional(),
  // A JSON file holding PII_ENC_KEYS / PII_ENC_KEY / PII_HMAC_KEY (mode 0600), kept outside the data folder.
  PII_KEYS_FILE: z.string().optional(),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  // Reverse proxies in front of the app that append to X-Forwarded-For (lib/shared/client-ip.ts).
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  JOBS_ENABLED: z.enum(["true", "false"]).default("true"),
  // Public origin for links sent to customers (survey invitations); falls back to NEXTAUTH_URL.
  APP_BASE_URL: z.string().url().optional(),
  // "demo" only when scripts/start.mjs runs on the embedded default or scripts/test.mjs runs the
  // tests; anything else (a bare `next start`, an operator's DATABASE_URL) is production.
  CRM_MODE: z.enum(["production", "demo"]).default("production"),
  // Open API /hub listeners (lib/api/hub/callback.ts): hosts on the internal network a callback may
  // name in production mode (comma list of host names or addresses); others must be public.
  HUB_CALLBACK_PRIVATE_HOSTS: z.string().max(2000).optional(),
  // Campaign and rule e-mails (lib/messaging/adapters.ts): smtp://user:pass@host:587 or smtps://…
  // Unset in demo mode: a local SMTP server in the app process keeps the mails (the admin's mailbox).
  SMTP_URL: z.string().url().refine((v) => /^smtps?:\/\//.test(v), "SMTP_URL must be an smtp:// or smtps:// URL").optional(),
  // The From address of those e-mails.
  SMTP_FROM: z.string().min(3).max(200).optional(),
  // Signs the SMS/push/WeChat gateway webhook and checks its delivery receipts (HMAC-SHA256);
  // demo mode derives one from AUTH_SECRET when unset (docs/campaigns.md).
  GATEWAY_SECRET: z.string().min(32).optional(),
  // Where the demo's local SMTP server keeps the mails it receives (default .data/mailbox).
  MAILBOX_DIR: z.string().optional(),
});

export type Env = z.infer<typeof schema> & {
  AUTH_SECRET: string;
  PII_ENC_KEY: string;
  PII_HMAC_KEY: string;
  piiKeyring: PiiKeyring;
  usingDevSecrets: boolean;
  secureCookies: boolean;
};

/** Parses `input` (the process environment; keys from PII_KEYS_FILE fill what it does not set);
 *  throws a readable error when it is invalid, or when production mode lacks a secret (never the
 *  public development constants in production). */
export function loadEnv(input: Vars = process.env): Env {
  const vars = withPiiKeysFile(input);
  const parsed = schema.safeParse(vars);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${lines}\nSee .env.example.`);
  }
  const e = parsed.data;
  const missing = missingProductionSecrets(vars);
  // `next build` evaluates server modules without the runtime's secrets (an image is built without
  // them); the running server (`next start`) is checked.
  if (missing.length && e.CRM_MODE === "production" && vars.NEXT_PHASE !== "phase-production-build") throw new Error(missingSecretsMessage(missing));
  let piiKeyring: PiiKeyring | null;
  try {
    piiKeyring = parsePiiKeyring(e);
  } catch (err) {
    if (err instanceof PiiKeyError) throw new Error(`Invalid environment configuration:\n  ${err.message}\nSee .env.example.`);
    throw err;
  }
  const usingDevSecrets = !e.AUTH_SECRET || !piiKeyring || !e.PII_HMAC_KEY;
  if (usingDevSecrets && e.NODE_ENV === "production" && vars.CRM_LOCAL_RUN !== "1") {
    console.warn(
      "\n!!! WARNING: AUTH_SECRET / PII_ENC_KEY / PII_HMAC_KEY are not set: using PUBLIC development keys.\n" +
        "!!! Never run like this with real subscriber data. See .env.example.\n",
    );
  }
  return {
    ...e,
    AUTH_SECRET: e.AUTH_SECRET ?? DEV_AUTH_SECRET,
    PII_ENC_KEY: piiKeyring ? piiKeyring.keys.get(piiKeyring.currentId)!.toString("base64") : DEV_PII_ENC_KEY,
    PII_HMAC_KEY: e.PII_HMAC_KEY ?? DEV_PII_HMAC_KEY,
    piiKeyring: piiKeyring ?? parsePiiKeyring({ PII_ENC_KEY: DEV_PII_ENC_KEY })!,
    usingDevSecrets,
    secureCookies: isSecureCookies(e),
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Production mode: no demo users or data, keys and secrets required, Secure cookies, MFA for every
 * role that can reveal or export. Demo mode is the embedded-database default of `npm start` and the
 * test suite. */
export function isProductionMode(): boolean {
  return env().CRM_MODE === "production";
}

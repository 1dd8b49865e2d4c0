import "server-only";
import { z } from "zod";
import { parsePiiKeyring, PiiKeyError, type PiiKeyring } from "@/lib/pii/keyring";
import { withPiiKeysFile } from "@/lib/pii/keys-file";

// Development defaults keep `npm start` working with no configuration; they are public, so a
// production deployment must set its own (a loud warning is printed when they are in use).
const DEV_AUTH_SECRET = "dev-only-auth-secret-change-me-0123456789abcdef";
const DEV_PII_ENC_KEY = Buffer.alloc(32, 7).toString("base64");
const DEV_PII_HMAC_KEY = Buffer.alloc(32, 11).toString("base64");

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
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  JOBS_ENABLED: z.enum(["true", "false"]).default("true"),
  // Public origin for links sent to customers (survey invitations); falls back to NEXTAUTH_URL.
  APP_BASE_URL: z.string().url().optional(),
  // "demo" only when scripts/start.mjs runs on the embedded default or scripts/test.mjs runs the
  // tests; anything else (a bare `next start`, an operator's DATABASE_URL) is production.
  CRM_MODE: z.enum(["production", "demo"]).default("production"),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; PII_ENC_KEY: string; PII_HMAC_KEY: string; piiKeyring: PiiKeyring; usingDevSecrets: boolean };

function load(): Env {
  // Keys from PII_KEYS_FILE fill what the environment does not set.
  const source = withPiiKeysFile(process.env);
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${lines}\nSee .env.example.`);
  }
  const e = parsed.data;
  let piiKeyring: PiiKeyring | null;
  try {
    piiKeyring = parsePiiKeyring(e);
  } catch (err) {
    if (err instanceof PiiKeyError) throw new Error(`Invalid environment configuration:\n  ${err.message}\nSee .env.example.`);
    throw err;
  }
  const usingDevSecrets = !e.AUTH_SECRET || !piiKeyring || !e.PII_HMAC_KEY;
  if (usingDevSecrets && e.NODE_ENV === "production" && process.env.CRM_LOCAL_RUN !== "1") {
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
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= load();
  return cached;
}

/** Production mode: no demo users or data, keys and secrets required, Secure cookies, MFA for every
 * role that can reveal or export. Demo mode is the embedded-database default of `npm start` and the
 * test suite. */
export function isProductionMode(): boolean {
  return env().CRM_MODE === "production";
}

import fs from "node:fs";

// Production keeps the PII keys outside the data folder: in the environment, or in a JSON file
// named by PII_KEYS_FILE (`npm run keys:generate -- --file <path>` writes one, mode 0600). The file
// is refused when anyone but its owner may read it. `.data/secrets.json` is for demo mode only.

const KEYS_FILE_VARS = ["PII_ENC_KEYS", "PII_ENC_KEY", "PII_HMAC_KEY"] as const;

/** The PII keys of PII_KEYS_FILE (a JSON object), refused when group or others may read it. */
export function readPiiKeysFile(file: string): Partial<Record<(typeof KEYS_FILE_VARS)[number], string>> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new Error(`PII_KEYS_FILE: ${file} does not exist`);
  }
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
    throw new Error(`PII_KEYS_FILE: ${file} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}); run: chmod 600 ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw new Error(`PII_KEYS_FILE: ${file} is not a JSON object (npm run keys:generate -- --file ${file} writes one)`);
  }
  if (!json || typeof json !== "object") throw new Error(`PII_KEYS_FILE: ${file} is not a JSON object`);
  const o = json as Record<string, unknown>;
  return Object.fromEntries(KEYS_FILE_VARS.filter((k) => typeof o[k] === "string").map((k) => [k, o[k] as string]));
}

/** `vars` with the keys of PII_KEYS_FILE added where `vars` does not set them (the environment wins). */
export function withPiiKeysFile<T extends Record<string, string | undefined>>(vars: T): T & Partial<Record<(typeof KEYS_FILE_VARS)[number], string>> {
  if (!vars.PII_KEYS_FILE) return vars;
  try {
    return { ...readPiiKeysFile(vars.PII_KEYS_FILE), ...vars };
  } catch (e) {
    throw new Error(`Invalid environment configuration:\n  ${(e as Error).message}`);
  }
}

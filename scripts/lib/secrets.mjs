// The demo needs no configuration: secrets are generated once into .data/secrets.json (gitignored)
// and reused, so sessions and encrypted ID numbers survive restarts. Demo mode only (and the
// benchmark's own databases): production mode brings its own secrets and refuses to start without
// them (scripts/start.mjs, lib/env.ts), so its keys never sit beside the data they protect.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

export function localSecrets(dir = ".data") {
  const file = path.join(dir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  const s = {
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    PII_ENC_KEY: crypto.randomBytes(32).toString("base64"),
    PII_HMAC_KEY: crypto.randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

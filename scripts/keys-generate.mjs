#!/usr/bin/env node
// npm run keys:generate                    prints new keys for the environment (PII_ENC_KEYS,
//                                          PII_HMAC_KEY, AUTH_SECRET): 32 random bytes each, base64,
//                                          the same as `openssl rand -base64 32`
// npm run keys:generate -- --file PATH     PII keys in a JSON file for PII_KEYS_FILE, mode 0600:
//                                          creates it (encryption key 1 + the HMAC key), or, when it
//                                          exists, adds a new encryption key as the current one
//                                          (next id, older keys kept for decryption); then restart
//                                          every app node and run `npm run keys:rotate`.
// Keep the file outside the data folder and outside backups of the database (docs/operations.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const key = () => crypto.randomBytes(32).toString("base64");
const args = process.argv.slice(2);
const at = args.indexOf("--file");
const file = at >= 0 ? args[at + 1] : undefined;

if (at >= 0 && !file) {
  console.error("usage: npm run keys:generate [-- --file /etc/telecom-crm/pii-keys.json]");
  process.exit(2);
}

if (!file) {
  console.log(`PII_ENC_KEYS=1:${key()}`);
  console.log(`PII_HMAC_KEY=${key()}`);
  console.log(`AUTH_SECRET=${crypto.randomBytes(32).toString("base64url")}`);
  process.exit(0);
}

const target = path.resolve(file);
if (target.split(path.sep).includes(".data") || target.startsWith(path.resolve("backups"))) {
  console.error(`${target} is inside the app's data or backup folder: keep keys apart from the data they protect.`);
  process.exit(2);
}

let keys = {};
if (fs.existsSync(target)) {
  const mode = fs.statSync(target).mode & 0o777;
  if (mode & 0o077) {
    console.error(`${target} is readable by group or others (mode ${mode.toString(8)}); run: chmod 600 ${target}`);
    process.exit(2);
  }
  keys = JSON.parse(fs.readFileSync(target, "utf8"));
}
const list = keys.PII_ENC_KEYS ?? (keys.PII_ENC_KEY ? `1:${keys.PII_ENC_KEY}` : "");
const ids = list ? list.split(",").map((e) => Number(e.trim().split(":")[0])) : [];
const id = ids.length ? Math.max(...ids) + 1 : 1;
const next = { ...keys, PII_ENC_KEYS: [`${id}:${key()}`, ...(list ? [list] : [])].join(","), PII_HMAC_KEY: keys.PII_HMAC_KEY ?? key() };
delete next.PII_ENC_KEY;

fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
const tmp = `${target}.${process.pid}.tmp`;
fs.writeFileSync(tmp, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
fs.chmodSync(tmp, 0o600);
fs.renameSync(tmp, target);
console.log(
  ids.length
    ? `Added encryption key ${id} to ${target} as the current key (older: ${ids.join(", ")}). Restart every app node with PII_KEYS_FILE=${target}, then run npm run keys:rotate.`
    : `Wrote ${target} (mode 0600) with encryption key 1 and the HMAC key. Start the app with PII_KEYS_FILE=${target}.`,
);

// Builds the Next.js app when its sources changed since the last build (a fingerprint of file
// paths, sizes and modification times), so a second `npm start` starts in seconds.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { runChild } from "./child.mjs";

const INPUTS = [
  "app",
  "components",
  "lib",
  "messages",
  "i18n",
  "public",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const STAMP = path.join(".next", ".crm-build-stamp");

function walk(p, out) {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    if (p.endsWith(path.join("lib", "generated"))) return;
    for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f), out);
  } else out.push(`${p}:${st.size}:${st.mtimeMs}`);
}

export function sourceFingerprint() {
  const out = [];
  for (const i of INPUTS) walk(i, out);
  return crypto.createHash("sha256").update(out.join("\n")).digest("hex");
}

// Async (runChild, not spawnSync): its callers hold an embedded PostgreSQL whose log pipe their
// event loop must keep reading (scripts/lib/child.mjs).
export async function buildIfNeeded(env, { force = false } = {}) {
  const fp = sourceFingerprint();
  const current = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8") : "";
  if (!force && current === fp && fs.existsSync(path.join(".next", "BUILD_ID"))) return false;
  console.log("Building the app (first start or sources changed)…");
  const r = await runChild(process.execPath, ["node_modules/next/dist/bin/next", "build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error("next build failed");
  fs.writeFileSync(STAMP, fp);
  return true;
}

#!/usr/bin/env node
// This registry mirror lacks some platform-specific optional packages (e.g. @next/swc-darwin-*),
// so `npm install` leaves them out of package-lock.json and `npm ci` then refuses the lockfile.
// This adds lock entries for the missing optional packages, marked with their os/cpu so npm skips
// them on other platforms without fetching. Run after `npm install` when `npm ci` reports "Missing".
import fs from "node:fs";
import { execSync } from "node:child_process";

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
let out = "";
try {
  execSync("npm ci --dry-run --ignore-scripts --no-audit --no-fund", { stdio: "pipe" });
} catch (e) {
  out = String(e.stdout) + String(e.stderr);
}
const missing = [...out.matchAll(/Missing: (@?[^@\s]+)@ from lock file/g)].map((m) => m[1]);
const platform = (name) => {
  const n = name.split("/").pop();
  const os = ["darwin", "linux", "win32", "freebsd", "android", "openharmony", "sunos", "aix", "netbsd", "openbsd"].find((o) => n.includes(o));
  const cpu = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "wasm32"].find((c) => n.includes(`-${c}`));
  return { os, cpu: n.includes("arm-") || n.endsWith("-arm") || n.includes("armv7") || n.includes("gnueabihf") ? "arm" : cpu };
};
for (const name of missing) {
  let version;
  for (const [, pkg] of Object.entries(lock.packages)) {
    if (pkg.optionalDependencies?.[name]) version = pkg.optionalDependencies[name];
  }
  if (!version) continue;
  const { os, cpu } = platform(name);
  const entry = { version, optional: true };
  if (os) entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  if (name.includes("wasm32")) entry.cpu = ["wasm32"];
  lock.packages[`node_modules/${name}`] = entry;
  console.log(`added ${name}@${version} ${JSON.stringify(entry.os ?? [])} ${JSON.stringify(entry.cpu ?? [])}`);
}
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");

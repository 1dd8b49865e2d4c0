#!/usr/bin/env node
// Runs the Prisma CLI offline. `generate`/`validate`/`format` only need the schema engine path to
// exist (they never run it); every other command would try to download an engine — use
// scripts/migrate.mjs for migrations instead.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const allowed = new Set(["generate", "validate", "format", "version", "--version", "-v"]);
if (!allowed.has(args[0])) {
  console.error(`prisma ${args[0] ?? ""}: not available offline. Use "npm run db:migrate" / "npm run db:migration -- <name>".`);
  process.exit(2);
}
const cli = require.resolve("prisma/build/index.js");
const r = spawnSync(process.execPath, [cli, ...args], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(r.status ?? 1);

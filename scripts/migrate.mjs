#!/usr/bin/env node
// npm run db:migrate             apply prisma/migrations to DATABASE_URL (or the embedded database)
// npm run db:migration -- NAME   create prisma/migrations/<ts>_NAME from the schema change since
//                                the last migration (the schema snapshot kept in prisma/migrations/.schema-snapshot.prisma)
import fs from "node:fs";
import path from "node:path";
import { deployMigrations, diffSchemas, migrationsDir, schemaPath } from "./lib/migrations.mjs";
import { startEmbeddedPostgres, defaultDataDir } from "./lib/postgres.mjs";

const [cmd, name] = process.argv.slice(2);
// As the owner (docs/operations.md, "Database roles"): MIGRATION_DATABASE_URL when set.
let url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
let stop = async () => {};
if (!url) {
  const pgs = await startEmbeddedPostgres({ dataDir: defaultDataDir(), port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
  url = pgs.url;
  stop = pgs.stop;
}
try {
  if (cmd === "deploy") {
    const applied = await deployMigrations(url);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } else if (cmd === "create") {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("Give a migration name: npm run db:migration -- add_something (a-z, 0-9, _)");
    const snapshot = path.join(migrationsDir, ".schema-snapshot.prisma");
    const from = fs.existsSync(snapshot) ? fs.readFileSync(snapshot, "utf8") : null;
    const to = fs.readFileSync(schemaPath, "utf8");
    const sql = await diffSchemas(url, from, to);
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
      console.log("No schema changes.");
    } else {
      const ts = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
      const dir = path.join(migrationsDir, `${ts}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), sql);
      fs.writeFileSync(snapshot, to);
      const lock = path.join(migrationsDir, "migration_lock.toml");
      if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
      console.log(`Created ${path.relative(process.cwd(), dir)}/migration.sql — append hand-written SQL there if needed, then npm run db:migrate.`);
    }
  } else {
    throw new Error("usage: migrate.mjs deploy | create NAME");
  }
} finally {
  await stop();
}

// Integration tests: one database per test file, so no file sees another's rows, settings or
// derived data, and files may run in any order (or side by side). scripts/test.mjs migrates and
// seeds DATABASE_URL; here that seeded database is copied once into a template, and every test
// file clones the template (tests/integration/setup-database.ts; CREATE DATABASE … TEMPLATE, a file
// copy). The seeded database itself is left as the seed made it, for the end-to-end tests.
// Unit tests need no database and do not use this setup.
import crypto from "node:crypto";
import type { TestProject } from "vitest/node";
import { applyMigrationSql, copySeededData } from "./integration/copy-database";
import { withClient } from "./pg-client";

declare module "vitest" {
  export interface ProvidedContext {
    /** The template every integration test file clones, and the server's maintenance database. */
    testDatabase: { adminUrl: string; template: string; prefix: string; url: string; ownerUrl: string };
  }
}

export default async function setup(project: TestProject) {
  const seeded = process.env.DATABASE_URL;
  if (!seeded) {
    throw new Error(
      "Integration tests need a migrated, seeded PostgreSQL: run them through `npm run test:integration` " +
        "(scripts/test.mjs starts one), or set DATABASE_URL to such a database.",
    );
  }
  // The owner's URL (scripts/test.mjs sets both; the owner creates the databases), and the app's
  // (crm_app, scripts/lib/db-roles.mjs), which the test files run lib code as.
  const owner = process.env.MIGRATION_DATABASE_URL ?? seeded;
  const source = new URL(owner);
  const sourceName = decodeURIComponent(source.pathname.slice(1));
  const admin = new URL(owner);
  admin.pathname = "/postgres";
  // Names unique to this run, so two runs on one server never meet.
  const prefix = `${sourceName}_t${crypto.randomBytes(3).toString("hex")}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const template = `${prefix}_template`;
  const t0 = Date.now();
  try {
    // A file copy of the seeded database; refused while anyone is connected to it.
    await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE "${template}" TEMPLATE "${sourceName}"`));
  } catch (e) {
    if ((e as { code?: string }).code !== "55006") throw e;
    // Someone is connected to the seeded database (a TEST_DATABASE_URL in use): copy it row by row.
    await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE "${template}"`));
    const target = new URL(owner);
    target.pathname = `/${template}`;
    await applyMigrationSql(target.toString());
    await copySeededData(owner, target.toString());
  }
  const url = new URL(seeded);
  url.pathname = `/${template}`;
  const ownerUrl = new URL(owner);
  ownerUrl.pathname = `/${template}`;
  project.provide("testDatabase", { adminUrl: admin.toString(), template, prefix, url: url.toString(), ownerUrl: ownerUrl.toString() });
  if (process.env.TEST_DB_DEBUG) console.log(`Template database ${template} in ${Date.now() - t0} ms`);

  return async () => {
    // Every database of this run: the template and the test files' clones.
    await withClient(admin.toString(), async (c) => {
      const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}\\_%`]);
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
  };
}

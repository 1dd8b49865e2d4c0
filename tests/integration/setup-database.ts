// Runs before each integration test file, in that file's own process: clones the seeded template
// (tests/global-setup.ts) into a database of the file's own and points DATABASE_URL (as crm_app)
// and MIGRATION_DATABASE_URL (as the owner) at it, before the file imports lib/db. Rows, settings
// and derived data a file makes stay in its database.
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { expect, inject } from "vitest";

const { adminUrl, template, prefix, url, ownerUrl } = inject("testDatabase");
const file = path.basename(expect.getState().testPath ?? "file").replace(/\.test\.ts$/, "");
// Lower-case letters, digits and _, at most 63 bytes; the random part keeps reruns apart.
const name = `${prefix}_${file
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .slice(0, 24)}_${crypto.randomBytes(3).toString("hex")}`;

const t0 = Date.now();
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
try {
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
} finally {
  await admin.end();
}
const own = new URL(url);
own.pathname = `/${name}`;
process.env.DATABASE_URL = own.toString();
// The same database as its owner, for set-up that the app role may not do (and must not).
const owner = new URL(ownerUrl);
owner.pathname = `/${name}`;
process.env.MIGRATION_DATABASE_URL = owner.toString();
if (process.env.TEST_DB_DEBUG) console.log(`${name} (pid ${process.pid}) in ${Date.now() - t0} ms`);

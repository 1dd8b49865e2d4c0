// Built-in logical backup, for servers newer than any installed pg_dump (the embedded default is
// PostgreSQL 18; Debian 12 ships client tools 15). Needs nothing but `pg` and `pg-copy-streams`.
//
// Archive layout (one file):
//   line 1  "CRM-LOGICAL-BACKUP 1"
//   line 2  the manifest, one line of JSON (readable with `head -2 FILE`): format version, server
//           version, applied migration names, per table its columns, row count and the sha256 of
//           its data, and every sequence's state
//   rest    gzip of frames: 1 byte type + 4 bytes big-endian length + payload
//           T = table start (JSON {table}), D = a chunk of its COPY text, E = table end
//
// Backup: every table of schema public (except _prisma_migrations, rebuilt by the migrations) is
// read with COPY (SELECT … ORDER BY primary key) TO STDOUT inside one REPEATABLE READ READ ONLY
// transaction: one consistent snapshot while the app keeps running.
// Restore (into an empty database, or --force): the project's migrations, then in ONE transaction
// the tables are emptied (migrations seed some rows) and loaded with COPY FROM in foreign-key order
// with triggers off (session_replication_role = replica as superuser, else DISABLE TRIGGER USER
// as owner), sequences set, every table's row count and sha256 re-computed and compared with the
// manifest, materialized views refreshed — any difference and nothing is committed.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import zlib from "node:zlib";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import pg from "pg";
import copyStreams from "pg-copy-streams";

export const MAGIC = "CRM-LOGICAL-BACKUP 1";
export const FORMAT_VERSION = 1;
const SKIP_TABLES = new Set(["_prisma_migrations"]);

const ident = (s) => `"${String(s).replace(/"/g, '""')}"`;

async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => {}); // a dropped connection surfaces on the query that used it
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

/** Plain tables of schema public in foreign-key order (referenced before referencing). */
async function listTables(c) {
  const { rows: tables } = await c.query(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const { rows: fks } = await c.query(
    `SELECT cl.relname AS child, pr.relname AS parent FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pr ON pr.oid = k.confrelid
      WHERE k.contype = 'f' AND cl.relnamespace = 'public'::regnamespace AND pr.relnamespace = 'public'::regnamespace AND cl.oid <> pr.oid`,
  );
  const names = tables.map((t) => t.name).filter((n) => !SKIP_TABLES.has(n));
  const parents = new Map(names.map((n) => [n, new Set()]));
  for (const f of fks) parents.get(f.child)?.add(f.parent);
  const out = [];
  const state = new Map();
  const visit = (n) => {
    if (state.get(n) === 2) return;
    if (state.get(n) === 1) return; // a cycle: triggers are off during the load anyway
    state.set(n, 1);
    for (const p of parents.get(n) ?? []) if (parents.has(p)) visit(p);
    state.set(n, 2);
    out.push(n);
  };
  for (const n of names) visit(n);
  return out;
}

async function tableShape(c, table) {
  const { rows: cols } = await c.query(
    `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [ident(table)],
  );
  const { rows: pk } = await c.query(
    `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [ident(table)],
  );
  const columns = cols.map((r) => r.attname);
  // A deterministic order, so the checksum of the restored table can be compared byte for byte.
  const orderBy = pk.length ? pk.map((r) => ident(r.attname)).join(", ") : columns.map((n) => `${ident(n)}::text`).join(", ");
  return { columns, orderBy };
}

function selectSql(table, shape) {
  return `COPY (SELECT ${shape.columns.map(ident).join(", ")} FROM ${ident(table)} ORDER BY ${shape.orderBy}) TO STDOUT`;
}

/** Streams a table's COPY text through `onChunk`; returns its row count and sha256. */
async function readTable(c, table, shape, onChunk = async () => {}) {
  const hash = crypto.createHash("sha256");
  let rows = 0;
  await pipeline(
    c.query(copyStreams.to(selectSql(table, shape))),
    new Writable({
      write(chunk, _enc, cb) {
        hash.update(chunk);
        // COPY text: one row per line (newlines inside values are escaped as \n).
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
        onChunk(chunk).then(() => cb(), cb);
      },
    }),
  );
  return { rows, sha256: hash.digest("hex") };
}

function frame(type, payload) {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  const head = Buffer.alloc(5);
  head.write(type, 0, "ascii");
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

async function serverInfo(c) {
  const { rows } = await c.query(`SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n`);
  return { serverVersion: rows[0].v, serverVersionNum: rows[0].n };
}

async function appliedMigrations(c) {
  const { rows } = await c.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`);
  if (!rows[0].present) return [];
  const r = await c.query(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`);
  return r.rows.map((x) => x.migration_name);
}

/** Writes a logical backup of `url` to `file`; returns the manifest. */
export async function logicalBackup(url, file) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const bodyFile = `${file}.part`;
  try {
    const manifest = await withClient(url, async (c) => {
      await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const info = await serverInfo(c);
      const migrations = await appliedMigrations(c);
      const tables = [];
      const gzip = zlib.createGzip({ level: 6 });
      const out = fs.createWriteStream(bodyFile);
      const written = pipeline(gzip, out);
      const push = async (buf) => {
        if (!gzip.write(buf)) await once(gzip, "drain");
      };
      for (const table of await listTables(c)) {
        const shape = await tableShape(c, table);
        await push(frame("T", { table }));
        const { rows, sha256 } = await readTable(c, table, shape, (chunk) => push(frame("D", chunk)));
        await push(frame("E", { table }));
        tables.push({ name: table, columns: shape.columns, rows, sha256 });
      }
      gzip.end();
      await written;
      const { rows: seqs } = await c.query(
        `SELECT s.relname AS name, t.relname AS "table", a.attname AS "column"
           FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
           JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
          WHERE s.relkind = 'S' AND s.relnamespace = 'public'::regnamespace ORDER BY s.relname`,
      );
      const sequences = [];
      for (const s of seqs) {
        const { rows } = await c.query(`SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${ident(s.name)}`);
        sequences.push({ ...s, ...rows[0] });
      }
      const { rows: mv } = await c.query(`SELECT matviewname AS name FROM pg_matviews WHERE schemaname = 'public' ORDER BY 1`);
      await c.query("COMMIT");
      return {
        format: "crm-logical",
        formatVersion: FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        ...info,
        migrations,
        tables,
        sequences,
        materializedViews: mv.map((r) => r.name),
      };
    });
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, `${MAGIC}\n${JSON.stringify(manifest)}\n`);
    fs.closeSync(fd);
    await pipeline(fs.createReadStream(bodyFile), fs.createWriteStream(file, { flags: "a" }));
    return manifest;
  } finally {
    fs.rmSync(bodyFile, { force: true });
  }
}

export function isLogicalBackup(file) {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(MAGIC.length);
    fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.toString("utf8") === MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}

/** The manifest and the byte offset where the compressed frames start. */
export function readManifest(file) {
  const fd = fs.openSync(file, "r");
  try {
    let buf = Buffer.alloc(0);
    const chunk = Buffer.alloc(1 << 16);
    let pos = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, pos);
      if (n === 0) throw new Error("Not a complete backup file (no manifest).");
      buf = Buffer.concat([buf, chunk.subarray(0, n)]);
      pos += n;
      const first = buf.indexOf(10);
      const second = first === -1 ? -1 : buf.indexOf(10, first + 1);
      if (second !== -1) {
        if (buf.subarray(0, first).toString("utf8") !== MAGIC) throw new Error("Not a CRM logical backup.");
        const manifest = JSON.parse(buf.subarray(first + 1, second).toString("utf8"));
        if (manifest.formatVersion !== FORMAT_VERSION)
          throw new Error(`Backup format ${manifest.formatVersion} is not supported (this code reads ${FORMAT_VERSION}).`);
        return { manifest, bodyOffset: second + 1 };
      }
      if (buf.length > 64 << 20) throw new Error("Not a CRM logical backup (manifest too large).");
    }
  } finally {
    fs.closeSync(fd);
  }
}

async function* frames(file, offset) {
  let buf = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { start: offset }).pipe(zlib.createGunzip())) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    while (buf.length >= 5) {
      const len = buf.readUInt32BE(1);
      if (buf.length < 5 + len) break;
      const type = String.fromCharCode(buf[0]);
      const payload = buf.subarray(5, 5 + len);
      buf = buf.subarray(5 + len);
      yield { type, payload: type === "D" ? payload : JSON.parse(payload.toString("utf8")) };
    }
  }
  if (buf.length) throw new Error("The backup file is truncated.");
}

/** Row counts and sha256 of the archive's data against its manifest; returns the differences. */
export async function verifyArchive(file, bodyOffset, manifest) {
  const seen = new Map();
  let cur = null;
  for await (const f of frames(file, bodyOffset)) {
    if (f.type === "T") cur = { name: f.payload.table, hash: crypto.createHash("sha256"), rows: 0 };
    else if (f.type === "D") {
      cur.hash.update(f.payload);
      for (let i = f.payload.indexOf(10); i !== -1; i = f.payload.indexOf(10, i + 1)) cur.rows++;
    } else if (f.type === "E") seen.set(cur.name, { rows: cur.rows, sha256: cur.hash.digest("hex") });
  }
  const out = [];
  for (const t of manifest.tables) {
    const got = seen.get(t.name);
    if (!got) out.push(`${t.name} missing`);
    else if (got.rows !== t.rows || got.sha256 !== t.sha256)
      out.push(`${t.name} (rows ${got.rows}/${t.rows}${got.sha256 !== t.sha256 ? ", checksum differs" : ""})`);
  }
  return out;
}

/** Migration folders of this code base. */
export function codeMigrations(root = process.cwd()) {
  const dir = path.join(root, "prisma", "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

async function hasData(c) {
  const { rows } = await c.query(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> '_prisma_migrations'`,
  );
  for (const r of rows) {
    const x = await c.query(`SELECT EXISTS (SELECT 1 FROM ${ident(r.relname)}) AS has`);
    if (x.rows[0].has) return true;
  }
  return false;
}

/**
 * Restores a logical backup into `url`. `migrate(url)` applies the project's migrations
 * (scripts/lib/migrations.mjs deployMigrations). Throws a readable Error on any refusal or mismatch.
 */
export async function logicalRestore(url, file, { force = false, migrate, log = () => {} }) {
  const { manifest, bodyOffset } = readManifest(file);
  const known = new Set(codeMigrations());
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length)
    throw new Error(
      `The backup was made by a newer version of the application (migrations unknown to this code: ${unknown.join(", ")}). Restore it with that version.`,
    );

  // Read the whole archive once before touching the database: a damaged file is refused here.
  const damaged = await verifyArchive(file, bodyOffset, manifest);
  if (damaged.length) throw new Error(`The backup file is damaged: ${damaged.join("; ")}. Nothing was changed.`);

  await withClient(url, async (c) => {
    if (await hasData(c)) {
      if (!force) throw new Error("The target database is not empty. Restore into an empty database, or pass --force to replace everything in schema public.");
      log("--force: dropping schema public");
      await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }
  });
  log("applying migrations");
  await migrate(url);

  await withClient(url, async (c) => {
    const { rows } = await c.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
    const superuser = rows[0]?.rolsuper === true;
    const tables = manifest.tables;
    const present = new Set(
      (await c.query(`SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`)).rows.map((r) => r.relname),
    );
    const missing = tables.filter((t) => !present.has(t.name)).map((t) => t.name);
    if (missing.length) throw new Error(`Tables in the backup are missing after the migrations: ${missing.join(", ")}.`);
    await c.query("BEGIN");
    try {
      // Triggers off for the load: the rows are restored as they were (no audit/rollup side effects,
      // and the append-only trigger on audit_log would refuse the TRUNCATE below).
      if (superuser) await c.query("SET LOCAL session_replication_role = replica");
      else for (const t of tables) await c.query(`ALTER TABLE ${ident(t.name)} DISABLE TRIGGER USER`);
      // Keys that form a cycle (a contact and the complaint opened from it) are DEFERRABLE: checked
      // at the commit, when both tables are in.
      await c.query("SET CONSTRAINTS ALL DEFERRED");
      // The migrations seed reference rows; the backup has its own copy of them.
      await c.query(
        `TRUNCATE ${[...present]
          .filter((n) => !SKIP_TABLES.has(n))
          .map(ident)
          .join(", ")}`,
      );

      const byName = new Map(tables.map((t) => [t.name, t]));
      let sink = null;
      let done = null;
      for await (const f of frames(file, bodyOffset)) {
        if (f.type === "T") {
          const t = byName.get(f.payload.table);
          if (!t) throw new Error(`Table ${f.payload.table} is in the data but not in the manifest.`);
          sink = c.query(copyStreams.from(`COPY ${ident(t.name)} (${t.columns.map(ident).join(", ")}) FROM STDIN`));
          done = new Promise((resolve, reject) => {
            sink.on("finish", resolve);
            sink.on("error", reject);
          });
        } else if (f.type === "D") {
          if (!sink.write(f.payload)) await Promise.race([once(sink, "drain"), done]);
        } else if (f.type === "E") {
          sink.end();
          await done;
          sink = null;
          log(`restored ${f.payload.table}`);
        }
      }
      if (sink) throw new Error("The backup file is truncated.");

      for (const s of manifest.sequences) {
        if (!present.has(s.table)) continue;
        await c.query(
          `SELECT setval($1::regclass, GREATEST($2::bigint, (SELECT max(${ident(s.column)})::bigint FROM ${ident(s.table)}), 1), $3 OR EXISTS (SELECT 1 FROM ${ident(s.table)}))`,
          [ident(s.name), s.lastValue, s.isCalled],
        );
      }

      const mismatches = [];
      for (const t of tables) {
        const shape = { columns: t.columns, orderBy: (await tableShape(c, t.name)).orderBy };
        const got = await readTable(c, t.name, shape);
        if (got.rows !== t.rows || got.sha256 !== t.sha256)
          mismatches.push(`${t.name} (rows ${got.rows}/${t.rows}${got.sha256 !== t.sha256 ? ", checksum differs" : ""})`);
      }
      if (mismatches.length) throw new Error(`Restored data does not match the backup's manifest: ${mismatches.join("; ")}. Nothing was committed.`);

      // The deferred keys are checked now (an ALTER TABLE waits for no pending check).
      await c.query("SET CONSTRAINTS ALL IMMEDIATE");
      if (!superuser) for (const t of tables) await c.query(`ALTER TABLE ${ident(t.name)} ENABLE TRIGGER USER`);
      if (superuser) await c.query("SET LOCAL session_replication_role = origin");
      const { rows: mv } = await c.query(`SELECT matviewname AS name FROM pg_matviews WHERE schemaname = 'public'`);
      for (const m of mv) await c.query(`REFRESH MATERIALIZED VIEW ${ident(m.name)}`);
      await c.query("COMMIT");
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      throw e;
    }
  });
  return manifest;
}

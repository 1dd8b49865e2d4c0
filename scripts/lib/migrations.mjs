// Prisma migrations without the native schema engine (it cannot be downloaded here): the WASM
// build of the same engine applies prisma/migrations exactly like `prisma migrate deploy`
// (same `_prisma_migrations` table and checksums) and diffs schemas like `prisma migrate diff`.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const root = process.cwd();
export const migrationsDir = path.join(root, "prisma", "migrations");
export const schemaPath = path.join(root, "prisma", "schema.prisma");
const filters = { externalTables: [], externalEnums: [] };

async function engineFor(connectionString, schemaText) {
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const factory = bindMigrationAwareSqlAdapterFactory(wholeScriptFactory(new PrismaPg({ connectionString })));
  return SchemaEngine.new({ datamodels: [["schema.prisma", schemaText]] }, () => {}, factory);
}

function listMigrations() {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    }));
}

// adapter-pg's executeScript splits on every ";" (breaking $$-quoted function bodies); the native
// engine sends the script whole, so do the same: one simple-protocol query per migration file.
function wholeScriptFactory(factory) {
  const patch = (adapter) => {
    adapter.executeScript = async (script) => {
      await adapter.underlyingDriver().query(script);
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const shadow = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await shadow());
  return factory;
}

/** = prisma migrate deploy */
export async function deployMigrations(connectionString) {
  const schemaText = fs.readFileSync(schemaPath, "utf8");
  const engine = await engineFor(connectionString, schemaText);
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const result = await engine.applyMigrations({
    filters,
    migrationsList: {
      baseDir: migrationsDir,
      shadowDbInitScript: "",
      lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
      migrationDirectories: listMigrations(),
    },
  });
  return result.appliedMigrationNames ?? [];
}

/** = prisma migrate diff --script, from a previous schema text (null = empty database). */
export async function diffSchemas(connectionString, fromSchema, toSchema) {
  const engine = await engineFor(connectionString, toSchema);
  const from = fromSchema == null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fromSchema }] };
  const to = { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: toSchema }] };
  const r = await engine.diff({ from, to, script: true, exitCode: null, filters });
  return r.stdout ?? "";
}

import { defineConfig } from "prisma/config";

// Prisma 7 reads the datasource URL from here. Our own scripts (scripts/migrate.mjs) drive the
// WASM schema engine directly, so the CLI only needs this for `generate`/`validate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});

import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      // Unit files first, then the integration files with their own worker count (Vitest needs a
      // distinct group for projects whose maxWorkers differ).
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], setupFiles: ["tests/setup.ts"], sequence: { groupOrder: 0 } } },
      // Every integration file gets a database of its own, cloned from the seeded one
      // (tests/global-setup.ts, tests/integration/setup-database.ts): files share nothing, so two
      // run at once (much of a file's time is PostgreSQL's, a restart or a child process).
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
          sequence: { groupOrder: 1 },
          globalSetup: ["tests/global-setup.ts"],
          setupFiles: ["tests/setup.ts", "tests/integration/setup-database.ts"],
        },
      },
    ],
  },
});

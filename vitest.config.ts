import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import path from "node:path";

// The two security suites take most of the integration time (hostile input and the authorization
// matrix about 4 minutes each on 2 cores): started first, one per worker, the other files fill in
// beside them. Vitest's own order (on a fresh clone, with no timing cache: larger files first)
// started them late, and the whole run waited for the last of them.
const HEAVIEST = ["tests/integration/security/hostile-input.test.ts", "tests/integration/security/authorization-matrix.test.ts"];

class HeaviestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = HEAVIEST.findIndex((h) => f.moduleId.endsWith(h));
      return i < 0 ? HEAVIEST.length : i;
    };
    // Within each project's run (Vitest keeps projects contiguous), the heaviest first, the rest as Vitest ordered them.
    const out: TestSpecification[] = [];
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j < sorted.length && sorted[j].project.name === sorted[i].project.name) j++;
      out.push(...sorted.slice(i, j).sort((a, b) => rank(a) - rank(b)));
      i = j;
    }
    return out;
  }
}

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    sequence: { sequencer: HeaviestFirst },
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

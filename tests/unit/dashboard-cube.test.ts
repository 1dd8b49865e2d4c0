import { describe, expect, test } from "vitest";
import { CUBE_DIMENSIONS, CUBE_SETS_SQL, DETAIL_GRAIN, cubeGrains, grainFor, monthSpan } from "@/lib/dashboards/cube";

describe("dashboard cube grains", () => {
  test("the empty set, six single dimensions and fifteen pairs", () => {
    const grains = cubeGrains();
    expect(grains).toHaveLength(1 + 6 + 15);
    expect(new Set(grains).size).toBe(grains.length);
    expect(grains.every((g) => g >= 0 && g < DETAIL_GRAIN)).toBe(true);
  });

  test("a tile reads the grain that keeps its filters and grouping, the detail beyond two", () => {
    expect(grainFor([])).toBe(0);
    expect(grainFor(["team"])).toBe(32);
    expect(grainFor(["team", "team"])).toBe(32);
    expect(grainFor(["region", "category"])).toBe(8 | 2);
    expect(grainFor(["team", "channel", "tier"])).toBe(DETAIL_GRAIN);
    for (const g of [0, ...CUBE_DIMENSIONS.map((d) => d.bit)]) expect(cubeGrains()).toContain(g);
  });

  test("GROUPING SETS list the stored grains in bit order", () => {
    expect(CUBE_SETS_SQL.startsWith("GROUPING SETS ((), (team_id), (team_id, agent_id)")).toBe(true);
    expect(CUBE_SETS_SQL.match(/\(/g)!.length - 1).toBe(22);
  });
});

describe("whole months of a range", () => {
  test("only months the range covers from their first to their last day", () => {
    expect(monthSpan("2026-01-01", "2026-01-31")).toEqual(["2026-01-01", "2026-02-01"]);
    expect(monthSpan("2025-11-27", "2026-11-27")).toEqual(["2025-12-01", "2026-11-01"]);
    expect(monthSpan("2026-01-02", "2026-01-31")).toBeNull();
    expect(monthSpan("2026-10-29", "2026-11-27")).toBeNull();
    expect(monthSpan("2024-02-01", "2024-02-29")).toEqual(["2024-02-01", "2024-03-01"]);
    expect(monthSpan("2026-12-01", "2027-01-31")).toEqual(["2026-12-01", "2027-02-01"]);
  });
});

import { describe, expect, test } from "vitest";
import { CUBE_DIMENSIONS, CUBE_SETS_SQL, DETAIL_GRAIN, cubeGrains, grainFor } from "@/lib/dashboards/cube";

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

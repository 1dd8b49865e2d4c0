import { describe, expect, test } from "vitest";
import { checkSlaCell, defaultSlaCell, slaCellKey, slaCellSave, type SlaCellValues } from "@/lib/sla/matrix-rules";
import { codeFromName } from "@/lib/complaints/category-schemas";

const ok: SlaCellValues = { firstResponseMin: 15, feedbackMin: 1440, resolutionMin: 1440, cycleMin: 2880, warnRatio: 0.8 };

describe("checkSlaCell: the matrix's invariants", () => {
  test.each<[string, Partial<SlaCellValues>, Record<string, string>]>([
    ["the seeds' general cell", {}, {}],
    ["all four equal", { firstResponseMin: 60, feedbackMin: 60, resolutionMin: 60, cycleMin: 60 }, {}],
    // The Diamond cell: first response 5000 min, resolution 720, cycle 1440.
    [
      "first response over a day and over feedback",
      { firstResponseMin: 5000, feedbackMin: 720, resolutionMin: 720, cycleMin: 1440 },
      { firstResponseMin: "slaMax.firstResponseMin" },
    ],
    [
      "first response over owner feedback",
      { firstResponseMin: 800, feedbackMin: 720, resolutionMin: 720 },
      { firstResponseMin: "slaOver.feedbackMin", feedbackMin: "slaUnder.firstResponseMin" },
    ],
    ["feedback over resolution", { feedbackMin: 2000, resolutionMin: 1440 }, { feedbackMin: "slaOver.resolutionMin", resolutionMin: "slaUnder.feedbackMin" }],
    ["resolution over the cycle", { resolutionMin: 3000, cycleMin: 2880 }, { resolutionMin: "slaOver.cycleMin", cycleMin: "slaUnder.resolutionMin" }],
    ["zero minutes", { firstResponseMin: 0 }, { firstResponseMin: "slaPositive" }],
    ["negative minutes", { cycleMin: -5 }, { cycleMin: "slaPositive" }],
    ["a fraction of a minute", { feedbackMin: 10.5 }, { feedbackMin: "wholeMinutes" }],
    ["not a number", { resolutionMin: Number.NaN }, { resolutionMin: "wholeMinutes" }],
    ["a cycle over 30 days", { cycleMin: 43_201 }, { cycleMin: "slaMax.cycleMin" }],
    ["feedback over a week", { feedbackMin: 10_081, resolutionMin: 20_000, cycleMin: 20_000 }, { feedbackMin: "slaMax.feedbackMin" }],
    ["warn at the target", { warnRatio: 1 }, { warnRatio: "slaWarnRatio" }],
    ["warn past the target", { warnRatio: 1.2 }, { warnRatio: "slaWarnRatio" }],
    ["warn almost at once", { warnRatio: 0.05 }, { warnRatio: "slaWarnRatio" }],
    ["warn at the lowest share", { warnRatio: 0.1 }, {}],
    ["warn at the highest share", { warnRatio: 0.95 }, {}],
    [
      "everything wrong at once",
      { firstResponseMin: 0, feedbackMin: 30, resolutionMin: 20, cycleMin: 10, warnRatio: 2 },
      {
        firstResponseMin: "slaPositive",
        feedbackMin: "slaOver.resolutionMin",
        resolutionMin: "slaUnder.feedbackMin",
        cycleMin: "slaUnder.resolutionMin",
        warnRatio: "slaWarnRatio",
      },
    ],
  ])("%s", (_name, change, expected) => {
    expect(checkSlaCell({ ...ok, ...change })).toEqual(expected);
  });

  test.each(["GENERAL", "COMPLEX", "MAJOR"] as const)("the seeds' defaults for %s pass", (grade) => {
    expect(checkSlaCell(defaultSlaCell(grade))).toEqual({});
  });

  test("the seeds' numbers: general 15 min / 24 h, owner feedback 24 h, cycle 48 h; major warns at half", () => {
    expect(defaultSlaCell("GENERAL")).toEqual({ firstResponseMin: 15, feedbackMin: 1440, resolutionMin: 1440, cycleMin: 2880, warnRatio: 0.8 });
    expect(defaultSlaCell("COMPLEX").resolutionMin).toBe(1440);
    expect(defaultSlaCell("MAJOR")).toMatchObject({ firstResponseMin: 5, warnRatio: 0.5 });
  });
});

describe("inputs", () => {
  test("a cell's key names its four coordinates", () => {
    expect(slaCellKey({ categoryCode: "NETWORK", grade: "GENERAL", valueTier: "GOLD", isAppeal: true })).toBe("NETWORK|GENERAL|GOLD|appeal");
  });

  test("a datetime-local value is Beijing time; empty is now; parsing twice gives the same value", () => {
    const base = {
      categoryCode: "*",
      grade: "GENERAL",
      valueTier: "GOLD",
      firstResponseMin: "15",
      feedbackMin: "1440",
      resolutionMin: "1440",
      cycleMin: "2880",
      warnRatio: "0.8",
      calendarId: "1",
    };
    const once = slaCellSave.parse({ ...base, effectiveFrom: "2026-12-08T09:00", baseId: "" });
    expect(once.effectiveFrom?.toISOString()).toBe("2026-12-08T01:00:00.000Z");
    expect(once.baseId).toBeNull();
    expect(once.isAppeal).toBe(false);
    expect(slaCellSave.parse(once)).toEqual(once);
    expect(slaCellSave.parse({ ...base, effectiveFrom: "" }).effectiveFrom).toBeNull();
  });

  test.each([
    ["Slow 5G", "SLOW_5G"],
    ["5G slow", "G_SLOW"],
    ["  Billing / roaming ", "BILLING_ROAMING"],
    ["网速", "CATEGORY"],
  ])("a code from the English name %j", (name, code) => {
    expect(codeFromName(name)).toBe(code);
  });
});

import { describe, expect, test } from "vitest";
import { satisfactionScore, surveyAnswerScore, NO_SURVEY_SATISFACTION, type ComplaintOfTheYear, type SurveyAnswer } from "@/lib/scoring/value";
import { topChurnFactors, CHURN_FEATURE_ORDER } from "@/lib/churn/factors";
import { assignWinBackInput, retentionRate, retentionRatesPeriod } from "@/lib/retention/winback-schemas";

// Issue 23: the satisfaction dimension from survey answers and the complaint table (the reference
// math lib/churn/signals.ts mirrors in SQL), the new churn factors, and win-back's pure parts.

const c = (grade: ComplaintOfTheYear["grade"], flags: Partial<ComplaintOfTheYear> = {}): ComplaintOfTheYear => ({
  grade,
  reopened: false,
  breached: false,
  unresolved: false,
  ...flags,
});

describe("surveyAnswerScore", () => {
  test.each<[SurveyAnswer, number]>([
    [{ kind: "CSAT", score: 1 }, 0],
    [{ kind: "CSAT", score: 3 }, 50],
    [{ kind: "CSAT", score: 5 }, 100],
    [{ kind: "NPS", score: 0 }, 0],
    [{ kind: "NPS", score: 7 }, 70],
    [{ kind: "NPS", score: 10 }, 100],
    [{ kind: "CSI", index: 62.5 }, 62.5],
    [{ kind: "CSI", index: 140 }, 100],
  ])("%j → %d", (a, want) => expect(surveyAnswerScore(a)).toBe(want));
});

describe("satisfactionScore", () => {
  test.each<[string, SurveyAnswer[], ComplaintOfTheYear[], number]>([
    ["nothing said: the neutral prior", [], [], NO_SURVEY_SATISFACTION],
    ["a promoter without complaints", [{ kind: "NPS", score: 10 }], [], 100],
    [
      "the mean of the answers",
      [
        { kind: "CSAT", score: 5 },
        { kind: "NPS", score: 6 },
      ],
      [],
      80,
    ],
    ["a general complaint", [], [c("GENERAL")], 70],
    ["a complex complaint", [], [c("COMPLEX")], 60],
    ["a major complaint weighs most", [], [c("MAJOR")], 45],
    ["reopened, breached and unresolved add 10 each", [], [c("GENERAL", { reopened: true, breached: true, unresolved: true })], 40],
    ["never below 0", [{ kind: "CSAT", score: 1 }], [c("MAJOR"), c("MAJOR")], 0],
    ["a happy answer does not outweigh a major complaint", [{ kind: "CSAT", score: 5 }], [c("MAJOR", { reopened: true })], 55],
  ])("%s", (_name, answers, complaints, want) => expect(satisfactionScore(answers, complaints)).toBeCloseTo(want, 9));

  test("more, or heavier, complaints never raise it", () => {
    const grades: ComplaintOfTheYear["grade"][] = ["GENERAL", "COMPLEX", "MAJOR"];
    for (const base of [[], [{ kind: "NPS", score: 9 } as SurveyAnswer]])
      for (let i = 0; i < grades.length; i++) {
        expect(satisfactionScore(base, [c(grades[i])])).toBeLessThanOrEqual(satisfactionScore(base, []));
        if (i > 0) expect(satisfactionScore(base, [c(grades[i])])).toBeLessThan(satisfactionScore(base, [c(grades[i - 1])]));
      }
  });
});

describe("churn factors from the complaint table and surveys", () => {
  test("the new features are appended (explanations stored by an older model stay readable)", () => {
    expect(CHURN_FEATURE_ORDER.slice(0, 9)).toEqual([
      "tenure_months",
      "arpu_trend",
      "usage_change",
      "complaints_90d",
      "unresolved_90d",
      "contract_end_60d",
      "overdue_bills_6m",
      "low_credit",
      "old_plan",
    ]);
    expect(CHURN_FEATURE_ORDER.slice(9)).toEqual(["serious_complaints_90d", "reopened_365d", "breached_365d", "detractors_365d"]);
  });

  test("a reopened complaint and detractor answers read as reasons; zero counts do not", () => {
    const x = [60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2];
    const cs = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.4, 0.3, 0.2, 0.5];
    expect(topChurnFactors({ x, c: cs }).map((f) => f.feature)).toEqual(["detractors_365d", "reopened_365d"]);
  });
});

describe("win-back", () => {
  test.each([
    [{ retained: 0, lost: 0, notReachable: 0 }, null],
    [{ retained: 3, lost: 2, notReachable: 1 }, 0.5],
    [{ retained: 1, lost: 0, notReachable: 0 }, 1],
    [{ retained: 0, lost: 0, notReachable: 4 }, 0],
  ])("retentionRate(%j) = %s", (counts, want) => expect(retentionRate(counts)).toBe(want));

  test("the assignment input: a real day, a note of at most 500 characters, 1–100 customers", () => {
    const ok = { ownerId: "7", dueOn: "2026-12-08", note: "  call after 6 pm ", customerIds: ["3", 4] };
    expect(assignWinBackInput.parse(ok)).toEqual({ ownerId: 7, dueOn: "2026-12-08", note: "call after 6 pm", customerIds: [3, 4] });
    expect(assignWinBackInput.parse({ ...ok, customerIds: "9", note: undefined })).toMatchObject({ customerIds: [9], note: "" });
    for (const bad of [
      { dueOn: "2026-02-30" },
      { dueOn: "tomorrow" },
      { note: "x".repeat(501) },
      { customerIds: [] },
      { customerIds: Array(101).fill(1) },
      { ownerId: "" },
    ])
      expect(assignWinBackInput.safeParse({ ...ok, ...bad }).success).toBe(false);
  });

  test("a period ends on or after its start", () => {
    expect(retentionRatesPeriod.safeParse({ from: "2026-12-01", to: "2026-12-01" }).success).toBe(true);
    expect(retentionRatesPeriod.safeParse({ from: "2026-12-02", to: "2026-12-01" }).success).toBe(false);
  });
});

// The call list's pure rules (lib/campaigns/call-rules.ts): quiet hours in Beijing time (wrapping
// midnight), when they end, what each outcome does, which call-back times are refused, the script.
import { describe, test, expect } from "vitest";
import { callBackProblem, callScript, isQuietTime, outcomeEffects, quietHoursEnd, MAX_NO_ANSWER_ATTEMPTS } from "@/lib/campaigns/call-rules";
import { recordCallOutcomeInput } from "@/lib/campaigns/call-schemas";

const QUIET = { start: "21:00", end: "08:00" };
/** A moment given in Beijing time (UTC+8). */
const bj = (s: string) => new Date(`${s}+08:00`);

describe("quiet hours (Asia/Shanghai)", () => {
  test.each([
    ["2026-12-07T20:59", QUIET, false],
    ["2026-12-07T21:00", QUIET, true],
    ["2026-12-07T23:59", QUIET, true],
    ["2026-12-08T00:00", QUIET, true],
    ["2026-12-08T07:59", QUIET, true],
    ["2026-12-08T08:00", QUIET, false],
    ["2026-12-08T12:00", QUIET, false],
    // A window that does not wrap midnight.
    ["2026-12-08T12:30", { start: "12:00", end: "13:30" }, true],
    ["2026-12-08T13:30", { start: "12:00", end: "13:30" }, false],
    ["2026-12-08T11:59", { start: "12:00", end: "13:30" }, false],
    // start = end: no quiet hours at all.
    ["2026-12-08T03:00", { start: "00:00", end: "00:00" }, false],
  ])("%s in %j → %s", (at, quiet, expected) => {
    expect(isQuietTime(bj(at), quiet)).toBe(expected);
  });

  test.each([
    ["2026-12-07T22:30", "2026-12-08T08:00"],
    ["2026-12-08T01:15", "2026-12-08T08:00"],
    ["2026-12-08T07:59", "2026-12-08T08:00"],
    ["2026-12-08T10:00", "2026-12-08T10:00"], // not quiet: now
  ])("the quiet hours that hold %s end at %s", (at, end) => {
    expect(quietHoursEnd(bj(at), QUIET)).toEqual(bj(end));
  });
});

describe("outcome → effects", () => {
  const now = bj("2026-12-08T10:00");
  const later = bj("2026-12-09T10:00");
  test.each([
    // outcome, attempts, status, due, disposition, reached, accepted, declined
    ["REACHED", 1, "DONE", null, "INFO_PROVIDED", true, false, false],
    ["ACCEPTED", 1, "DONE", null, "RESOLVED", true, true, false],
    ["DECLINED", 2, "DONE", null, "INFO_PROVIDED", true, false, true],
    ["WRONG_NUMBER", 1, "DONE", null, "NO_ANSWER", false, false, false],
    ["CALL_BACK", 1, "QUEUED", later, "FOLLOW_UP", true, false, false],
    ["NO_ANSWER", 1, "QUEUED", bj("2026-12-08T12:00"), "NO_ANSWER", false, false, false],
    ["NO_ANSWER", 2, "QUEUED", bj("2026-12-08T12:00"), "NO_ANSWER", false, false, false],
    ["NO_ANSWER", MAX_NO_ANSWER_ATTEMPTS, "DONE", null, "NO_ANSWER", false, false, false],
  ] as const)("%s (attempt %i) → %s", (outcome, attempts, status, dueAt, disposition, reached, accepted, declined) => {
    expect(outcomeEffects(outcome, attempts, now, outcome === "CALL_BACK" ? later : undefined)).toEqual({
      status,
      dueAt,
      disposition,
      reached,
      accepted,
      declined,
    });
  });

  test("CALL_BACK without a time is a programming error (the schema requires one)", () => {
    expect(() => outcomeEffects("CALL_BACK", 1, now)).toThrow();
    const r = recordCallOutcomeInput.safeParse({ taskId: 1, version: 1, outcome: "CALL_BACK" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["callBackAt"]);
  });

  test("a datetime-local value is read in Beijing time; the note is at most 500 characters", () => {
    const ok = recordCallOutcomeInput.parse({ taskId: "7", version: "2", outcome: "CALL_BACK", callBackAt: "2026-12-09T10:30" });
    expect(ok.callBackAt).toEqual(bj("2026-12-09T10:30"));
    expect(ok.note).toBe("");
    expect(recordCallOutcomeInput.safeParse({ taskId: 7, version: 2, outcome: "REACHED", note: "x".repeat(501) }).success).toBe(false);
    expect(recordCallOutcomeInput.safeParse({ taskId: 7, version: 2, outcome: "HUNG_UP" }).success).toBe(false);
  });
});

describe("call-back times", () => {
  const now = bj("2026-12-08T10:00");
  const window = { startsAt: bj("2026-12-01T00:00"), endsAt: bj("2026-12-10T00:00") };
  test.each([
    ["2026-12-08T09:59", window, "callBackPast"],
    ["2026-12-08T10:00", window, "callBackPast"],
    ["2026-12-10T00:01", window, "callBackAfterWindow"],
    ["2026-12-08T22:00", window, "callBackQuietHours"],
    ["2026-12-09T09:00", { startsAt: bj("2026-12-09T12:00"), endsAt: bj("2026-12-20T00:00") }, "callBackBeforeWindow"],
    ["2026-12-09T10:30", window, null],
    // A task without a campaign: within 30 days.
    ["2027-01-06T10:00", null, null],
    ["2027-01-08T10:00", null, "callBackTooFar"],
  ] as const)("%s → %s", (at, w, problem) => {
    expect(callBackProblem(bj(at), now, w, QUIET)).toBe(problem);
  });
});

describe("the script", () => {
  const values = { name: "王**", tier: "Gold", plan: "5G 129", offer: "10 GB data pack", number: "138****5678" };
  test("in the agent's language, placeholders filled; the other language when one is empty; the task's note without a script", () => {
    const campaign = { scriptZh: "您好，{name}，您是{tier}客户。", scriptEn: "Hello {name}, {offer} for {number}.", note: "" };
    expect(callScript(campaign, "en", values)).toBe("Hello 王**, 10 GB data pack for 138****5678.");
    expect(callScript(campaign, "zh-CN", values)).toBe("您好，王**，您是Gold客户。");
    expect(callScript({ ...campaign, scriptEn: "" }, "en", values)).toBe("您好，王**，您是Gold客户。");
    expect(callScript({ scriptZh: "", scriptEn: "", note: "Contract ends soon" }, "en", values)).toBe("Contract ends soon");
  });
});

describe("the retention actions' inputs", () => {
  test("nothing chosen is required; at most 100 customers; one id alone is a list", async () => {
    const { retentionEnrolInput, retentionTaskInput } = await import("@/lib/campaigns/call-schemas");
    const none = retentionEnrolInput.safeParse({ campaignId: "", customerIds: [1] });
    expect(none.error?.issues[0]).toMatchObject({ path: ["campaignId"], code: "invalid_type" });
    expect(retentionEnrolInput.parse({ campaignId: "3", customerIds: "7" })).toEqual({ campaignId: 3, customerIds: [7] });
    expect(retentionTaskInput.safeParse({ teamId: 1, note: "x", customerIds: Array.from({ length: 101 }, (_, i) => i + 1) }).success).toBe(false);
    expect(retentionTaskInput.safeParse({ teamId: 1, note: "  ", customerIds: [1] }).success).toBe(false);
  });
});

// The campaign's states (lib/campaigns/workflow.ts) as a table: every step from every state, who may
// take it, the author rule, time; and the control draw's share maths.
import { describe, test, expect } from "vitest";
import { can, type Permission } from "@/lib/auth/permissions";
import { availableSteps, controlCount, decideStep, TRANSITIONS, type CampaignStep } from "@/lib/campaigns/workflow";
import { CAMPAIGN_STATUSES, campaignPlanInput, type CampaignStatusName } from "@/lib/campaigns/schemas";

const NOW = new Date("2026-12-07T08:00:00Z");
const AUTHOR = 10;
const manager = (id: number) => ({ id, can: (p: Permission) => can({ role: "MANAGER" }, p) });
const role = (r: "AGENT" | "SUPERVISOR" | "ADMIN") => ({ id: 99, can: (p: Permission) => can({ role: r }, p) });
const state = (status: CampaignStatusName, startsAt = new Date(NOW.getTime() - 3_600_000), endsAt = new Date(NOW.getTime() + 86_400_000)) => ({
  status,
  createdById: AUTHOR,
  startsAt,
  endsAt,
});

const LEGAL: Array<[CampaignStep, CampaignStatusName, CampaignStatusName]> = [
  ["submit", "DRAFT", "SUBMITTED"],
  ["approve", "SUBMITTED", "APPROVED"],
  ["reject", "SUBMITTED", "DRAFT"],
  ["schedule", "APPROVED", "SCHEDULED"],
  ["launch", "SCHEDULED", "RUNNING"],
  ["pause", "RUNNING", "PAUSED"],
  ["resume", "PAUSED", "RUNNING"],
  ["cancel", "DRAFT", "CANCELLED"],
  ["cancel", "SUBMITTED", "CANCELLED"],
  ["cancel", "APPROVED", "CANCELLED"],
  ["cancel", "SCHEDULED", "CANCELLED"],
  ["cancel", "RUNNING", "CANCELLED"],
  ["cancel", "PAUSED", "CANCELLED"],
];

describe("transitions", () => {
  test.each(LEGAL)("%s: %s → %s (another manager)", (step, from, to) => {
    expect(decideStep(step, state(from), manager(11), NOW)).toEqual({ ok: true, to });
  });

  const illegal = (Object.keys(TRANSITIONS) as CampaignStep[])
    .filter((s) => s !== "complete")
    .flatMap((step) => CAMPAIGN_STATUSES.filter((from) => !LEGAL.some(([s, f]) => s === step && f === from)).map((from) => [step, from] as const));
  test.each(illegal)("%s from %s is refused", (step, from) => {
    expect(decideStep(step, state(from), manager(11), NOW)).toEqual({ ok: false, error: "campaign.illegalTransition" });
  });

  test.each(["COMPLETED", "CANCELLED"] as const)("%s is final: no step leads out of it", (from) => {
    expect(availableSteps(state(from), manager(AUTHOR), NOW)).toEqual([]);
  });

  test.each(["approve", "reject"] as const)("the author may not %s their own campaign", (step) => {
    expect(decideStep(step, state("SUBMITTED"), manager(AUTHOR), NOW)).toEqual({ ok: false, error: "campaign.ownApproval" });
  });

  test.each([
    ["AGENT", "submit", "DRAFT"],
    ["AGENT", "approve", "SUBMITTED"],
    ["SUPERVISOR", "approve", "SUBMITTED"],
    ["SUPERVISOR", "cancel", "RUNNING"],
    ["ADMIN", "approve", "SUBMITTED"],
    ["ADMIN", "launch", "SCHEDULED"],
  ] as const)("%s may not %s (from %s)", (r, step, from) => {
    expect(decideStep(step, state(from), role(r), NOW)).toEqual({ ok: false, error: "forbidden" });
  });

  test("completion is the system's alone", () => {
    expect(decideStep("complete", state("RUNNING"), manager(11), NOW)).toEqual({ ok: false, error: "forbidden" });
    expect(decideStep("complete", state("PAUSED"), null, NOW)).toEqual({ ok: true, to: "COMPLETED" });
  });

  test("launch waits for the start and not past the end; resume not past the end", () => {
    expect(decideStep("launch", state("SCHEDULED", new Date(NOW.getTime() + 60_000)), manager(11), NOW)).toEqual({ ok: false, error: "campaign.notStarted" });
    const over = state("SCHEDULED", new Date(NOW.getTime() - 2 * 86_400_000), new Date(NOW.getTime() - 1));
    expect(decideStep("launch", over, manager(11), NOW)).toEqual({ ok: false, error: "campaign.ended" });
    expect(decideStep("resume", { ...over, status: "PAUSED" }, manager(11), NOW)).toEqual({ ok: false, error: "campaign.ended" });
  });

  test("the buttons of each state for the author and for the other manager", () => {
    expect(availableSteps(state("SUBMITTED"), manager(AUTHOR), NOW)).toEqual(["cancel"]);
    expect(availableSteps(state("SUBMITTED"), manager(11), NOW)).toEqual(["approve", "reject", "cancel"]);
    expect(availableSteps(state("RUNNING"), manager(AUTHOR), NOW)).toEqual(["pause", "cancel"]);
    expect(availableSteps(state("RUNNING"), role("SUPERVISOR"), NOW)).toEqual([]);
  });
});

describe("control draw share", () => {
  test.each([
    [0, 0.1, 0],
    [1, 0.1, 0],
    [5, 0.1, 1], // 0.5 rounds half up
    [14, 0.1, 1],
    [15, 0.1, 2],
    [300, 0.1, 30],
    [700, 0.15, 105],
    [801, 0.5, 401],
    [1000, 0, 0],
  ])("n = %i, share %f → %i", (n, share, expected) => {
    expect(controlCount(n, share)).toBe(expected);
  });

  test("within 0.5 / n of the share for every n", () => {
    for (let n = 1; n <= 2000; n += 37)
      for (const share of [0.05, 0.1, 0.25, 0.5]) expect(Math.abs(controlCount(n, share) / n - share)).toBeLessThanOrEqual(0.5 / n + 1e-12);
  });
});

describe("plan validation (shared with the form)", () => {
  const valid = {
    name: "挽留",
    segmentId: 1,
    channels: ["OUTBOUND_CALL", "SMS"],
    startsAt: "2026-12-08T09:00:00+08:00",
    endsAt: "2027-01-08T09:00:00+08:00",
    budget: "1000",
    channelCosts: {},
    controlShare: 0.1,
    seed: 3,
    successKinds: ["OFFER_ACCEPTED"],
    successWindowDays: 30,
    callTeamId: 2,
    messageZh: "您好{name}",
    messageEn: "Hi {name}",
  };
  const issues = (over: Record<string, unknown>) => {
    const r = campaignPlanInput.safeParse({ ...valid, ...over });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };
  test("a valid plan parses", () => expect(campaignPlanInput.safeParse(valid).success).toBe(true));
  test.each([
    [{ endsAt: "2026-12-08T09:00:00+08:00" }, "endsAt", "campaignEndsBeforeStarts"],
    [{ callTeamId: "" }, "callTeamId", "campaignCallTeamRequired"],
    [{ messageZh: "" }, "messageZh", "campaignMessageRequired"],
    [{ offerMode: "FIXED" }, "offerRuleId", "campaignOfferRequired"],
    [{ scriptEn: "Hi {firstName}" }, "scriptEn", "campaignUnknownPlaceholder"],
    [{ channels: ["EMAIL"] }, "emailSubjectZh", "campaignSubjectRequired"],
  ])("%o → %s: %s", (over, field, key) => {
    expect(issues(over)[field]).toBe(key);
  });
});

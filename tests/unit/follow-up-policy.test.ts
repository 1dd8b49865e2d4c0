import { describe, expect, test } from "vitest";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { canFollowUp, FOLLOW_UP_ACTIONS, type FollowUpAction } from "@/lib/surveys/follow-up-policy";

// The follow-up actions per role, spelled out: a change to the policy must change this table.
const EXPECTED: Record<RoleName, FollowUpAction[]> = {
  AGENT: [],
  SUPERVISOR: ["followUp:read", "followUp:claim", "followUp:complete"],
  MANAGER: ["followUp:read", "followUp:claim", "followUp:complete"],
  ADMIN: [],
};

describe("follow-up policy (deny by default)", () => {
  test.each(ROLES.flatMap((role) => FOLLOW_UP_ACTIONS.map((action) => [role, action] as const)))("%s × %s", (role, action) => {
    expect(canFollowUp({ role }, action)).toBe(EXPECTED[role].includes(action));
  });
  test("nobody without a session, an unknown action, or an admin still enrolling a second factor", () => {
    expect(canFollowUp(null, "followUp:read")).toBe(false);
    expect(canFollowUp({ role: "MANAGER" }, "followUp:delete" as FollowUpAction)).toBe(false);
    expect(canFollowUp({ role: "MANAGER", mfaEnrolmentRequired: true }, "followUp:read")).toBe(false);
  });
});

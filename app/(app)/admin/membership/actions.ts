"use server";

import { action } from "@/lib/shared/action";
import { updateGradeDef, updateMembershipSettings } from "@/lib/membership/commands";
import { getGradingJob, requestGrading } from "@/lib/membership/grading";
import { gradeDefInput, gradingJobIdInput, gradingRunInput, membershipSettingsInput } from "@/lib/membership/schemas";

// /admin/membership (issue 23, docs/membership.md): the grade ladder, the grace period, "Run now".
export const saveGradeDefAction = action(gradeDefInput, updateGradeDef, { revalidate: "/admin/membership" });
export const saveMembershipSettingsAction = action(membershipSettingsInput, updateMembershipSettings, { revalidate: "/admin/membership" });
export const runGradingAction = action(gradingRunInput, async (actor, input) => (await requestGrading(actor, input)).job);
export const getGradingJobAction = action(gradingJobIdInput, getGradingJob);

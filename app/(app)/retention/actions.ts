"use server";

import { action } from "@/lib/shared/action";
import { createRetentionCallTasks, enrolRetentionCustomers } from "@/lib/campaigns/retention-commands";
import { retentionEnrolInput, retentionTaskInput } from "@/lib/campaigns/call-schemas";

/** Enrols the ticked customers into a running campaign (managers). */
export const enrolRetentionCustomersAction = action(retentionEnrolInput, enrolRetentionCustomers, { revalidate: "/retention" });

/** Gives the ticked customers a call task for a team (supervisors: their team; managers: any). */
export const createRetentionCallTasksAction = action(retentionTaskInput, createRetentionCallTasks, { revalidate: "/retention" });

"use server";

import { action } from "@/lib/shared/action";
import { createRetentionCallTasks, enrolRetentionCustomers } from "@/lib/campaigns/retention-commands";
import { retentionEnrolInput, retentionTaskInput } from "@/lib/campaigns/call-schemas";

/** Enrols the ticked customers into a running campaign (managers). */
export const enrolRetentionCustomersAction = action(retentionEnrolInput, enrolRetentionCustomers, { revalidate: "/retention" });

/** Gives the ticked customers a call task for a team (supervisors: their team; managers: any). */
export const createRetentionCallTasksAction = action(retentionTaskInput, createRetentionCallTasks, { revalidate: "/retention" });

// Win-back (issue 23): the ticked customers get an owner (an agent), a due day and a note.
import { assignWinBack } from "@/lib/retention/winback-commands";
import { assignWinBackInput } from "@/lib/retention/winback-schemas";

/** Assigns the ticked customers' win-back to an agent (supervisors: their team's; managers: any). */
export const assignWinBackAction = action(assignWinBackInput, assignWinBack, { revalidate: "/retention" });

"use server";

import { action } from "@/lib/shared/action";
import { assignComplaint, autoAssignComplaint } from "@/lib/complaints/assignment";
import { addComplaintComment, recordComplaintFeedback } from "@/lib/complaints/comments";
import { decideCompensation, requestCompensation } from "@/lib/complaints/compensation";
import { openComplaintFromForm } from "@/lib/complaints/intake";
import { markNotificationsRead } from "@/lib/complaints/notifications";
import { recordReturnVisit, transitionComplaint } from "@/lib/complaints/transitions";
import {
  assignInput,
  autoAssignInput,
  commentInput,
  compensationInput,
  decideCompensationOnComplaintInput,
  feedbackInput,
  markNotificationsReadInput,
  openComplaintForm,
  returnVisitInput,
  transitionInput,
} from "@/lib/complaints/schemas";

const detail = (i: { complaintId: number }) => `/complaints/${i.complaintId}`;

export const openComplaintAction = action(openComplaintForm, openComplaintFromForm, { revalidate: (i) => [`/customers/${i.customerId}`, "/complaints"] });
export const transitionComplaintAction = action(transitionInput, transitionComplaint, { revalidate: detail });
export const assignComplaintAction = action(assignInput, assignComplaint, { revalidate: detail });
export const autoAssignComplaintAction = action(autoAssignInput, autoAssignComplaint, { revalidate: detail });
export const addCommentAction = action(commentInput, addComplaintComment, { revalidate: detail });
export const recordFeedbackAction = action(feedbackInput, recordComplaintFeedback, { revalidate: detail });
export const recordReturnVisitAction = action(returnVisitInput, recordReturnVisit, { revalidate: detail });
export const requestCompensationAction = action(compensationInput, requestCompensation, { revalidate: detail });
// decideCompensation reads the compensation's own fields; the complaint only names the page to refresh.
export const decideCompensationAction = action(decideCompensationOnComplaintInput, decideCompensation, { revalidate: detail });
export const markNotificationsReadAction = action(markNotificationsReadInput, markNotificationsRead, { revalidate: "/notifications" });

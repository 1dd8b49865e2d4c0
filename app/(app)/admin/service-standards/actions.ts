"use server";

import { action } from "@/lib/shared/action";
import {
  categoryUpdate,
  escalationUpdate,
  limitUpdate,
  slaTargetUpdate,
  updateCategory,
  updateCompensationLimit,
  updateEscalationStep,
  updateSlaTarget,
} from "@/lib/complaints/standards";

// Each saves one row of the page; the lib functions check the version and keep the previous one.
const revalidate = "/admin/service-standards";

export const saveSlaTargetAction = action(slaTargetUpdate, updateSlaTarget, { revalidate });
export const saveEscalationStepAction = action(escalationUpdate, updateEscalationStep, { revalidate });
export const saveCompensationLimitAction = action(limitUpdate, updateCompensationLimit, { revalidate });
export const saveCategoryAction = action(categoryUpdate, updateCategory, { revalidate });

"use server";

import { action } from "@/lib/shared/action";
import {
  calendarUpdate,
  categoryUpdate,
  limitUpdate,
  slaTargetUpdate,
  updateCalendar,
  updateCategory,
  updateCompensationLimit,
  updateSlaTarget,
} from "@/lib/complaints/standards";

// Each saves one row of the page; the lib functions check the version and keep the previous one.
const revalidate = "/admin/service-standards";

export const saveSlaTargetAction = action(slaTargetUpdate, updateSlaTarget, { revalidate });
export const saveCalendarAction = action(calendarUpdate, updateCalendar, { revalidate });
export const saveCompensationLimitAction = action(limitUpdate, updateCompensationLimit, { revalidate });
export const saveCategoryAction = action(categoryUpdate, updateCategory, { revalidate });

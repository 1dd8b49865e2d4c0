"use server";

import { action } from "@/lib/shared/action";
import { limitUpdate, updateCompensationLimit } from "@/lib/complaints/compensation-limits";

// Each saves one row of the page; the lib functions check the version and keep the previous one.
const revalidate = "/admin/service-standards";

export const saveCompensationLimitAction = action(limitUpdate, updateCompensationLimit, { revalidate });

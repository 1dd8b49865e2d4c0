"use server";

import { action } from "@/lib/shared/action";
import { createInteractionReason, updateInteractionReason } from "@/lib/interactions/commands";
import { reasonFormInput } from "@/lib/interactions/schemas";

export const createReasonAction = action(reasonFormInput, createInteractionReason, { revalidate: "/admin/reasons" });
export const updateReasonAction = action(reasonFormInput, updateInteractionReason, { revalidate: "/admin/reasons" });

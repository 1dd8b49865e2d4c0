"use server";

import { action } from "@/lib/shared/action";
import { createUser, resetUserMfa, resetUserPassword, setUserActive, unlockUser, updateUser } from "@/lib/users/commands";
import { updateSessionPolicy } from "@/lib/auth/session-policy";
import { updateMfaPolicy } from "@/lib/auth/mfa-policy";
import { createUserInput, mfaPolicyInput, resetPasswordInput, sessionPolicyInput, setUserActiveInput, updateUserInput, userIdInput } from "@/lib/auth/schemas";

// The overview (/admin) lists users too.
const revalidate = ["/admin", "/admin/users"];

export const createUserAction = action(createUserInput, createUser, { revalidate });
export const updateUserAction = action(updateUserInput, updateUser, { revalidate });
export const setUserActiveAction = action(setUserActiveInput, setUserActive, { revalidate });
export const resetUserPasswordAction = action(resetPasswordInput, resetUserPassword, { revalidate });
export const unlockUserAction = action(userIdInput, unlockUser, { revalidate });
export const resetUserMfaAction = action(userIdInput, resetUserMfa, { revalidate });
export const updateSessionPolicyAction = action(sessionPolicyInput, updateSessionPolicy, { revalidate: "/admin/users" });
export const updateMfaPolicyAction = action(mfaPolicyInput, updateMfaPolicy, { revalidate: "/admin/users" });

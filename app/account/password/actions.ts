"use server";

import { action } from "@/lib/shared/action";
import { changeOwnPassword } from "@/lib/users/commands";
import { changePasswordInput } from "@/lib/auth/schemas";

// The acting user's own password. Like the MFA set-up, it needs no permission: a user who must
// replace a password an admin set has a session good for this only.
export const changePasswordAction = action(changePasswordInput, changeOwnPassword);

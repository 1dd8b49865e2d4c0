"use server";

import { action } from "@/lib/shared/action";
import { setupAdminInput } from "@/lib/auth/schemas";
import { completeSetup } from "@/lib/users/setup-commands";

/** The first administrator of a production install. Public: the one-time token from the server console is the credential. */
export const createFirstAdminAction = action(setupAdminInput, (_nobody, input) => completeSetup(input), { public: true });

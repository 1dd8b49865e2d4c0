"use server";

import { action } from "@/lib/shared/action";
import { optOutInput } from "@/lib/marketing/schemas";
import { confirmOptOut } from "@/lib/messaging/opt-out-commands";

/** The public opt-out page's confirmation (no session: the signed link is the credential). */
export const confirmOptOutAction = action(optOutInput, confirmOptOut, { public: true });

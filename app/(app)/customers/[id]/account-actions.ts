"use server";

import { action } from "@/lib/shared/action";
import { reverseAccountEntry } from "@/lib/accounts/commands";
import { reverseEntryInput } from "@/lib/accounts/schemas";

// The 360's account panel (issue 23, docs/membership.md): a manager reverses an account entry.
// The page re-renders through the client pipeline (useAction refreshes it).
export const reverseAccountEntryAction = action(reverseEntryInput, reverseAccountEntry);

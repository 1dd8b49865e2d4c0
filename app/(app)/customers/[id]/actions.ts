"use server";

import { action } from "@/lib/shared/action";
import { logInteraction } from "@/lib/interactions/commands";
import { logInteractionForm } from "@/lib/interactions/schemas";
import { revealCustomerPii, setCustomerPinned, updateCustomerContact } from "@/lib/customers/commands";
import { revealPiiInput, setPinnedInput, updateContactInput } from "@/lib/customers/schemas";
import { reverseAccountEntry } from "@/lib/accounts/commands";
import { reverseEntryInput } from "@/lib/accounts/schemas";
import { setSpecialCare } from "@/lib/care/commands";
import { setSpecialCareInput } from "@/lib/care/schemas";

const customerPage = (i: { customerId: number }) => `/customers/${i.customerId}`;

export const logInteractionAction = action(logInteractionForm, logInteraction, { revalidate: customerPage });
export const updateContactAction = action(updateContactInput, updateCustomerContact, { revalidate: customerPage });
/** Returns the clear value to the dialog that asked; it is never cached or revalidated into the page. */
export const revealPiiAction = action(revealPiiInput, revealCustomerPii);
export const setPinnedAction = action(setPinnedInput, setCustomerPinned, { revalidate: (i) => [customerPage(i), "/workspace"] });

// The account panel (issue 23, docs/membership.md): a manager reverses an account entry (the page
// re-renders through the client pipeline: useAction refreshes it).
export const reverseAccountEntryAction = action(reverseEntryInput, reverseAccountEntry);
/** The special-care flag (issue 23): supervisors and admins, version-checked and audited in lib/care/commands.ts. */
export const setSpecialCareAction = action(setSpecialCareInput, setSpecialCare, { revalidate: customerPage });

"use server";

import { action } from "@/lib/shared/action";
import { logInteraction } from "@/lib/interactions/commands";
import { logInteractionForm } from "@/lib/interactions/schemas";
import { revealCustomerPii, setCustomerPinned, updateCustomerContact } from "@/lib/customers/commands";
import { revealPiiInput, setPinnedInput, updateContactInput } from "@/lib/customers/schemas";
import { setSpecialCare } from "@/lib/care/commands";
import { setSpecialCareInput } from "@/lib/care/schemas";

const customerPage = (i: { customerId: number }) => `/customers/${i.customerId}`;

export const logInteractionAction = action(logInteractionForm, logInteraction, { revalidate: customerPage });
export const updateContactAction = action(updateContactInput, updateCustomerContact, { revalidate: customerPage });
/** Returns the clear value to the dialog that asked; it is never cached or revalidated into the page. */
export const revealPiiAction = action(revealPiiInput, revealCustomerPii);
export const setPinnedAction = action(setPinnedInput, setCustomerPinned, { revalidate: (i) => [customerPage(i), "/workspace"] });
/** The special-care flag (issue 23): supervisors and admins, version-checked and audited in lib/care/commands.ts. */
export const setSpecialCareAction = action(setSpecialCareInput, setSpecialCare, { revalidate: customerPage });

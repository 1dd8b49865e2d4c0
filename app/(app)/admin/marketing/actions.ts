"use server";

import { action, noInput } from "@/lib/shared/action";
import { marketingSettingsForm } from "@/lib/marketing/schemas";
import { updateMarketingSettings } from "@/lib/marketing/settings-commands";
import { dispatchDueMessages } from "@/lib/messaging/outbox-commands";

// The contact rules form and the outbox's "Send due messages now" (issue 22).
const revalidate = "/admin/marketing";

export const updateMarketingSettingsAction = action(marketingSettingsForm, updateMarketingSettings, { revalidate });
export const dispatchOutboxNowAction = action(noInput, (actor) => dispatchDueMessages(actor), { revalidate });

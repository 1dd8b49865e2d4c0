"use server";

import { action } from "@/lib/shared/action";
import { restoreRevision } from "@/lib/config/restore";
import { restoreInput } from "@/lib/config/history-schemas";

// Restoring a revision writes a new version of the entity (and so a new revision).
export const restoreRevisionAction = action(restoreInput, restoreRevision, {
  revalidate: ["/admin/history", "/admin/categories", "/admin/sla", "/admin/service-standards"],
});

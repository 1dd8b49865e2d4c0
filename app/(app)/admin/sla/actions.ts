"use server";

import { action } from "@/lib/shared/action";
import { removeSlaCell, saveSlaCell } from "@/lib/sla/matrix";
import { slaCellRemove, slaCellSave } from "@/lib/sla/matrix-rules";

// The SLA matrix editor: a cell's new version (or a new cell), and a cell's removal.
const revalidate = "/admin/sla";

export const saveSlaCellAction = action(slaCellSave, saveSlaCell, { revalidate });
export const removeSlaCellAction = action(slaCellRemove, removeSlaCell, { revalidate });

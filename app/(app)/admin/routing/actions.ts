"use server";

import { action } from "@/lib/shared/action";
import { updateAgentProfile, updateCategoryRouting } from "@/lib/routing/commands";
import { updateEscalationLadder } from "@/lib/routing/escalation";
import { agentProfileInput, categoryRoutingInput, ladderInput } from "@/lib/routing/schemas";

// Routing settings (lib/routing): each checks its version, records a revision and an audit row.
// An agent's profile is saved from both routing pages (admins: every team; supervisors: their own).
export const saveAgentProfileAction = action(agentProfileInput, updateAgentProfile, { revalidate: ["/admin/routing", "/team/routing"] });
export const saveCategoryRoutingAction = action(categoryRoutingInput, updateCategoryRouting, { revalidate: "/admin/routing" });
export const saveEscalationLadderAction = action(ladderInput, updateEscalationLadder, { revalidate: "/admin/routing" });

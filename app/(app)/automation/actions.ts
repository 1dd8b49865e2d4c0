"use server";

import { action } from "@/lib/shared/action";
import { activateRule, archiveRule, createRule, pauseRule, runRuleNow, simulateRule, updateRule } from "@/lib/automation/rule-commands";
import { createRuleInput, ruleRef, updateRuleInput } from "@/lib/automation/schemas";

// Automation rules (issue 22): one line each on the action pipeline; lib/automation/rule-commands.ts
// authorizes (automation:manage), checks versions and audits.

// Saving opens the rule's page (fetched fresh), so creating revalidates only the list.
export const createRuleAction = action(createRuleInput, createRule, { revalidate: "/automation" });
export const updateRuleAction = action(updateRuleInput, updateRule, { revalidate: (i) => [`/automation/${i.id}`, "/automation"] });
export const simulateRuleAction = action(ruleRef, simulateRule, { revalidate: (i) => `/automation/${i.id}` });
export const activateRuleAction = action(ruleRef, activateRule, { revalidate: (i) => [`/automation/${i.id}`, "/automation"] });
export const pauseRuleAction = action(ruleRef, pauseRule, { revalidate: (i) => [`/automation/${i.id}`, "/automation"] });
export const archiveRuleAction = action(ruleRef, archiveRule, { revalidate: (i) => [`/automation/${i.id}`, "/automation"] });
export const runRuleNowAction = action(ruleRef, runRuleNow, { revalidate: (i) => [`/automation/${i.id}`, "/automation"] });

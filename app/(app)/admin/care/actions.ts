"use server";

import { action } from "@/lib/shared/action";
import {
  activateCareRule,
  archiveCareRule,
  createCareRule,
  pauseCareRule,
  runCareRuleNow,
  simulateCareRule,
  updateCareRule,
} from "@/lib/automation/rule-commands";
import { createRuleInput, ruleRef, updateRuleInput } from "@/lib/automation/schemas";
import { addFestival, fillFestivalYears, fillFestivalYearsInput, removeFestival } from "@/lib/care/festival-commands";
import { addFestivalInput, removeFestivalInput } from "@/lib/care/schemas";

// Care rules (issue 23, docs/care.md): the automation engine's rules of purpose CARE, managed by
// admins (care:configure) — the same lib functions as /automation, on the care rules only — and the
// festival calendar they greet on.

export const createCareRuleAction = action(createRuleInput, createCareRule, { revalidate: "/admin/care" });
export const updateCareRuleAction = action(updateRuleInput, updateCareRule, { revalidate: (i) => [`/admin/care/rules/${i.id}`, "/admin/care"] });
export const simulateCareRuleAction = action(ruleRef, simulateCareRule, { revalidate: (i) => `/admin/care/rules/${i.id}` });
export const activateCareRuleAction = action(ruleRef, activateCareRule, { revalidate: (i) => [`/admin/care/rules/${i.id}`, "/admin/care"] });
export const pauseCareRuleAction = action(ruleRef, pauseCareRule, { revalidate: (i) => [`/admin/care/rules/${i.id}`, "/admin/care"] });
export const archiveCareRuleAction = action(ruleRef, archiveCareRule, { revalidate: (i) => [`/admin/care/rules/${i.id}`, "/admin/care"] });
export const runCareRuleNowAction = action(ruleRef, runCareRuleNow, { revalidate: (i) => [`/admin/care/rules/${i.id}`, "/admin/care"] });
export const addFestivalAction = action(addFestivalInput, addFestival, { revalidate: "/admin/care" });
export const removeFestivalAction = action(removeFestivalInput, removeFestival, { revalidate: "/admin/care" });
export const fillFestivalYearsAction = action(fillFestivalYearsInput, fillFestivalYears, { revalidate: "/admin/care" });

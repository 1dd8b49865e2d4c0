"use server";

import { action } from "@/lib/shared/action";
import { deactivateFormItem, saveForm, saveFormItem, saveNorm, saveQualitySettings, saveSamplingRule } from "@/lib/quality/config-commands";
import { deactivateFormItemInput, saveFormInput, saveFormItemInput, saveNormInput, saveQualitySettingsInput, saveSamplingRuleInput } from "@/lib/quality/schemas";

// The QA configuration (issue 24, docs/quality.md "Configuration"): admins only (quality:configure),
// audited and version-checked in lib/quality/config-commands.ts.

export const saveNormAction = action(saveNormInput, saveNorm, { revalidate: ["/admin/quality"] });
export const saveQaFormAction = action(saveFormInput, saveForm, { revalidate: (i) => ["/admin/quality", ...(i.id ? [`/admin/quality/forms/${i.id}`] : [])] });
export const saveQaFormItemAction = action(saveFormItemInput, saveFormItem, { revalidate: (i) => [`/admin/quality/forms/${i.formId}`, "/admin/quality"] });
export const deactivateQaFormItemAction = action(deactivateFormItemInput, deactivateFormItem, { revalidate: (i) => [`/admin/quality/forms/${i.formId}`, "/admin/quality"] });
export const saveSamplingRuleAction = action(saveSamplingRuleInput, saveSamplingRule, { revalidate: ["/admin/quality"] });
export const saveQualitySettingsAction = action(saveQualitySettingsInput, saveQualitySettings, { revalidate: ["/admin/quality"] });

import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import {
  DEFAULT_QUALITY_SETTINGS,
  deactivateFormItemInput,
  qualitySettings,
  saveFormInput,
  saveFormItemInput,
  saveNormInput,
  saveQualitySettingsInput,
  saveSamplingRuleInput,
  type DeactivateFormItemInput,
  type QualitySettings,
  type SaveFormInput,
  type SaveFormItemInput,
  type SaveNormInput,
  type SaveQualitySettingsInput,
  type SaveSamplingRuleInput,
} from "@/lib/quality/schemas";

// The admin's QA configuration (issue 24, docs/quality.md "Configuration"): service norms, QA forms
// and their items, sampling rules, the dispute window. quality:configure; every change audited in
// its transaction and version-checked. Items already scored with are never rewritten: an edit
// deactivates the old item and adds a new one, so an evaluation keeps the form it was scored with.

export const QUALITY_SETTINGS_KEY = "quality";

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationErrorFromZod(r.error);
  return r.data;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

// Read through a short cache ("My QA" reads it on every page): a change reaches every node within CACHE_MS.
const CACHE_MS = 15_000;
let cached: { at: number; settings: QualitySettings } | undefined;

export async function loadQualitySettings(now = Date.now()): Promise<QualitySettings> {
  if (cached && now - cached.at < CACHE_MS) return cached.settings;
  const row = await db.appSetting.findUnique({ where: { key: QUALITY_SETTINGS_KEY } });
  const parsed = qualitySettings.safeParse(row?.value);
  const settings = parsed.success ? parsed.data : { ...DEFAULT_QUALITY_SETTINGS };
  cached = { at: now, settings };
  return settings;
}

export async function saveQualitySettings(actor: Actor, raw: SaveQualitySettingsInput): Promise<QualitySettings> {
  assertCan(actor, "quality:configure");
  const settings = parse(saveQualitySettingsInput, raw);
  await db.$transaction(async (tx) => {
    await tx.appSetting.upsert({ where: { key: QUALITY_SETTINGS_KEY }, create: { key: QUALITY_SETTINGS_KEY, value: settings }, update: { value: settings } });
    await recordAudit(tx, actor, { action: "quality.settingsUpdated", entity: "app_setting", entityId: QUALITY_SETTINGS_KEY, data: settings });
  });
  cached = undefined;
  return settings;
}

export async function saveNorm(actor: Actor, raw: SaveNormInput): Promise<{ id: number; version: number }> {
  assertCan(actor, "quality:configure");
  const input = parse(saveNormInput, raw);
  const data = {
    kind: input.kind,
    code: input.code,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    isActive: input.isActive,
  };
  try {
    return await db.$transaction(async (tx) => {
      if (input.id === undefined) {
        const n = await tx.serviceNorm.create({ data: { ...data, sortOrder: (await tx.serviceNorm.count()) + 1 } });
        await recordAudit(tx, actor, { action: "quality.normCreated", entity: "service_norm", entityId: n.id, data: { code: n.code, kind: n.kind } });
        return { id: n.id, version: n.version };
      }
      if (input.version === undefined) throw new ValidationError({ version: "required" });
      const r = await tx.serviceNorm.updateMany({ where: { id: input.id, version: input.version }, data: { ...data, version: { increment: 1 } } });
      if (r.count !== 1) {
        if (!(await tx.serviceNorm.findUnique({ where: { id: input.id }, select: { id: true } }))) throw new NotFoundError("service_norm");
        throw new ConflictError();
      }
      await recordAudit(tx, actor, { action: "quality.normUpdated", entity: "service_norm", entityId: input.id, data: { code: input.code, kind: input.kind, isActive: input.isActive } });
      return { id: input.id, version: input.version + 1 };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError({ code: "qaCodeExists" });
    throw e;
  }
}

export async function saveForm(actor: Actor, raw: SaveFormInput): Promise<{ id: number; version: number }> {
  assertCan(actor, "quality:configure");
  const input = parse(saveFormInput, raw);
  const data = { nameZh: input.nameZh, nameEn: input.nameEn, target: input.target, passScore: input.passScore, isActive: input.isActive };
  return db.$transaction(async (tx) => {
    if (input.id === undefined) {
      const f = await tx.qaForm.create({ data });
      await recordAudit(tx, actor, { action: "quality.formCreated", entity: "qa_form", entityId: f.id, data });
      return { id: f.id, version: f.version };
    }
    if (input.version === undefined) throw new ValidationError({ version: "required" });
    const existing = await tx.qaForm.findUnique({ where: { id: input.id }, select: { target: true } });
    if (!existing) throw new NotFoundError("qa_form");
    // A form's target is what its samples are: it does not change under them.
    if (existing.target !== input.target) throw new ValidationError({ target: "qaTargetFixed" });
    const r = await tx.qaForm.updateMany({ where: { id: input.id, version: input.version }, data: { ...data, version: { increment: 1 } } });
    if (r.count !== 1) throw new ConflictError();
    await recordAudit(tx, actor, { action: "quality.formUpdated", entity: "qa_form", entityId: input.id, data });
    return { id: input.id, version: input.version + 1 };
  });
}

/** Bumps the form's version (the item list changed) or throws a conflict; not found when missing. */
async function bumpForm(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], formId: number, formVersion: number): Promise<void> {
  const r = await tx.qaForm.updateMany({ where: { id: formId, version: formVersion }, data: { version: { increment: 1 } } });
  if (r.count === 1) return;
  if (!(await tx.qaForm.findUnique({ where: { id: formId }, select: { id: true } }))) throw new NotFoundError("qa_form");
  throw new ConflictError();
}

/**
 * Adds an item, or changes one: an item no evaluation used yet is updated in place; one already
 * scored with is deactivated and replaced by a new item (the old evaluations keep theirs).
 */
export async function saveFormItem(actor: Actor, raw: SaveFormItemInput): Promise<{ itemId: number; formVersion: number; replaced: boolean }> {
  assertCan(actor, "quality:configure");
  const input = parse(saveFormItemInput, raw);
  return db.$transaction(async (tx) => {
    await bumpForm(tx, input.formId, input.formVersion);
    if (input.normId !== null && !(await tx.serviceNorm.findUnique({ where: { id: input.normId }, select: { id: true } })))
      throw new ValidationError({ normId: "invalidOption" });
    const data = {
      section: input.section,
      labelZh: input.labelZh,
      labelEn: input.labelEn,
      maxPoints: input.maxPoints,
      weight: input.isFatal ? 0 : input.weight,
      isFatal: input.isFatal,
      normId: input.normId,
      sortOrder: input.sortOrder,
    };
    if (!input.isFatal && input.weight < 1) throw new ValidationError({ weight: "tooSmall" });
    let itemId: number;
    let replaced = false;
    if (input.itemId === undefined) {
      itemId = (await tx.qaFormItem.create({ data: { ...data, formId: input.formId } })).id;
    } else {
      const item = await tx.qaFormItem.findFirst({ where: { id: input.itemId, formId: input.formId, isActive: true }, select: { id: true } });
      if (!item) throw new NotFoundError("qa_form_item");
      const used = await tx.qaEvaluationItem.findFirst({ where: { itemId: item.id }, select: { itemId: true } });
      if (used) {
        await tx.qaFormItem.update({ where: { id: item.id }, data: { isActive: false } });
        itemId = (await tx.qaFormItem.create({ data: { ...data, formId: input.formId } })).id;
        replaced = true;
      } else {
        await tx.qaFormItem.update({ where: { id: item.id }, data });
        itemId = item.id;
      }
    }
    await recordAudit(tx, actor, {
      action: input.itemId === undefined ? "quality.formItemAdded" : "quality.formItemChanged",
      entity: "qa_form",
      entityId: input.formId,
      data: { itemId, ...(replaced ? { replacedItemId: input.itemId } : {}), section: data.section, maxPoints: data.maxPoints, weight: data.weight, isFatal: data.isFatal, normId: data.normId },
    });
    return { itemId, formVersion: input.formVersion + 1, replaced };
  });
}

/** Takes an item off the form (never deleted: evaluations scored with it keep it). */
export async function deactivateFormItem(actor: Actor, raw: DeactivateFormItemInput): Promise<{ formVersion: number }> {
  assertCan(actor, "quality:configure");
  const input = parse(deactivateFormItemInput, raw);
  return db.$transaction(async (tx) => {
    await bumpForm(tx, input.formId, input.formVersion);
    const r = await tx.qaFormItem.updateMany({ where: { id: input.itemId, formId: input.formId, isActive: true }, data: { isActive: false } });
    if (r.count !== 1) throw new NotFoundError("qa_form_item");
    await recordAudit(tx, actor, { action: "quality.formItemDeactivated", entity: "qa_form", entityId: input.formId, data: { itemId: input.itemId } });
    return { formVersion: input.formVersion + 1 };
  });
}

export async function saveSamplingRule(actor: Actor, raw: SaveSamplingRuleInput): Promise<{ id: number; version: number }> {
  assertCan(actor, "quality:configure");
  const input = parse(saveSamplingRuleInput, raw);
  return db.$transaction(async (tx) => {
    const form = await tx.qaForm.findUnique({ where: { id: input.formId }, select: { target: true } });
    // The random draw and long calls sample contacts; detractor answers and escalations, complaints.
    const wanted = input.kind === "RANDOM_PER_AGENT_WEEK" || input.kind === "LONG_CALL" ? "CONTACT" : "COMPLAINT";
    if (!form) throw new ValidationError({ formId: "invalidOption" });
    if (form.target !== wanted) throw new ValidationError({ formId: "qaFormTarget" });
    const param = input.kind === "RANDOM_PER_AGENT_WEEK" || input.kind === "LONG_CALL" ? input.param : 0;
    const data = { kind: input.kind, param, formId: input.formId, isActive: input.isActive };
    if (input.id === undefined) {
      const r = await tx.qaSamplingRule.create({ data });
      await recordAudit(tx, actor, { action: "quality.samplingRuleCreated", entity: "qa_sampling_rule", entityId: r.id, data });
      return { id: r.id, version: r.version };
    }
    if (input.version === undefined) throw new ValidationError({ version: "required" });
    const r = await tx.qaSamplingRule.updateMany({ where: { id: input.id, version: input.version }, data: { ...data, version: { increment: 1 } } });
    if (r.count !== 1) {
      if (!(await tx.qaSamplingRule.findUnique({ where: { id: input.id }, select: { id: true } }))) throw new NotFoundError("qa_sampling_rule");
      throw new ConflictError();
    }
    await recordAudit(tx, actor, { action: "quality.samplingRuleUpdated", entity: "qa_sampling_rule", entityId: input.id, data });
    return { id: input.id, version: input.version + 1 };
  });
}

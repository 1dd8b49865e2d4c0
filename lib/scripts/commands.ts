import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import {
  scriptInput,
  setScriptActiveInput,
  updateScriptInput,
  type ScriptInput,
  type SetScriptActiveInput,
  type UpdateScriptInput,
} from "@/lib/scripts/schemas";

// Standard scripts (话术): the admins' (knowledge:configure) create / edit / (de)activate, each
// audited in its transaction; an edit names the version it started from (docs/scripts-and-palette.md).

type Parsed = ReturnType<typeof scriptInput.parse>;

/** The category and the campaign a script names must exist (the pickers offer only those). */
async function checkTargets(tx: Tx, input: Parsed): Promise<void> {
  if (input.complaintCategoryId !== null) {
    const c = await tx.complaintCategory.findUnique({ where: { id: input.complaintCategoryId }, select: { id: true } });
    if (!c) throw new ValidationError({ complaintCategoryId: "invalidOption" });
  }
  if (input.campaignId !== null) {
    const c = await tx.campaign.findUnique({ where: { id: input.campaignId }, select: { id: true } });
    if (!c) throw new ValidationError({ campaignId: "invalidOption" });
  }
}

function fields(input: Parsed) {
  return {
    stage: input.stage,
    complaintCategoryId: input.complaintCategoryId,
    campaignId: input.campaignId,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    bodyZh: input.bodyZh,
    bodyEn: input.bodyEn,
    sortOrder: input.sortOrder,
    isActive: input.isActive,
  };
}

export async function createScript(actor: Actor, raw: ScriptInput): Promise<{ id: number; version: number }> {
  assertCan(actor, "knowledge:configure");
  const input = scriptInput.parse(raw);
  return db.$transaction(async (tx) => {
    await checkTargets(tx, input);
    const s = await tx.serviceScript.create({ data: fields(input), select: { id: true, version: true } });
    await recordAudit(tx, actor, { action: "serviceScript.created", entity: "serviceScript", entityId: s.id, data: fields(input) });
    return s;
  });
}

export async function updateScript(actor: Actor, raw: UpdateScriptInput): Promise<{ id: number; version: number }> {
  assertCan(actor, "knowledge:configure");
  const input = updateScriptInput.parse(raw);
  return db.$transaction(async (tx) => {
    const before = await tx.serviceScript.findUnique({ where: { id: input.id } });
    if (!before) throw new NotFoundError("serviceScript");
    await checkTargets(tx, input);
    const r = await tx.serviceScript.updateMany({ where: { id: input.id, version: input.version }, data: { ...fields(input), version: { increment: 1 } } });
    if (r.count !== 1) throw new ConflictError();
    await recordAudit(tx, actor, {
      action: "serviceScript.updated",
      entity: "serviceScript",
      entityId: input.id,
      data: {
        ...fields(input),
        previous: { nameZh: before.nameZh, nameEn: before.nameEn, bodyZh: before.bodyZh, bodyEn: before.bodyEn, isActive: before.isActive },
      },
    });
    return { id: input.id, version: input.version + 1 };
  });
}

/** Deactivates (or reactivates) a script: it stays listed for the admins and stops being shown to agents. */
export async function setScriptActive(actor: Actor, raw: SetScriptActiveInput): Promise<{ id: number; version: number }> {
  assertCan(actor, "knowledge:configure");
  const input = setScriptActiveInput.parse(raw);
  return db.$transaction(async (tx) => {
    const exists = await tx.serviceScript.findUnique({ where: { id: input.id }, select: { id: true } });
    if (!exists) throw new NotFoundError("serviceScript");
    const r = await tx.serviceScript.updateMany({
      where: { id: input.id, version: input.version },
      data: { isActive: input.isActive, version: { increment: 1 } },
    });
    if (r.count !== 1) throw new ConflictError();
    await recordAudit(tx, actor, {
      action: input.isActive ? "serviceScript.activated" : "serviceScript.deactivated",
      entity: "serviceScript",
      entityId: input.id,
    });
    return { id: input.id, version: input.version + 1 };
  });
}

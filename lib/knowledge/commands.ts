import "server-only";
import { operatorDay } from "@/lib/automation/dates";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { validationErrorFromZod } from "@/lib/shared/action-result";
import { attachmentTypeOf } from "@/lib/complaints/attachment-type";
import { writeSearchColumns } from "@/lib/knowledge/search-index";
import { sanitizeArticleHtml } from "@/lib/knowledge/text";
import {
  attachmentRef,
  createArticleInput,
  createCategoryInput,
  markReviewedInput,
  MAX_KB_ATTACHMENT_BYTES,
  restoreRevisionInput,
  saveSynonymInput,
  synonymRef,
  updateArticleInput,
  updateCategoryInput,
  type AttachmentRef,
  type CreateArticleInput,
  type CreateCategoryInput,
  type MarkReviewedInput,
  type RestoreRevisionInput,
  type SaveSynonymInput,
  type SynonymRef,
  type UpdateArticleInput,
  type UpdateCategoryInput,
} from "@/lib/knowledge/schemas";
import type { z } from "zod";

// Knowledge-base writes (docs/knowledge.md): articles with their revisions (knowledge:write),
// attachments, reviews; categories and synonym groups (knowledge:configure). Each audited in its
// transaction; edits carry `version` (a stale one is a ConflictError and changes nothing); the
// search columns are rewritten in the same transaction (lib/knowledge/search-index.ts).

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw validationErrorFromZod(r.error);
  return r.data;
}

type ArticleFields = z.output<typeof createArticleInput>;

/** The references an article makes must exist: its category, an owner who may write, the related rows. */
async function checkReferences(tx: Tx, f: ArticleFields, selfId?: number): Promise<void> {
  const fields: Record<string, string> = {};
  const [category, owner, complaintCategories, plans, related] = await Promise.all([
    tx.kbCategory.findUnique({ where: { id: f.categoryId }, select: { id: true } }),
    tx.user.findFirst({ where: { id: f.ownerId, isActive: true, role: { in: ["SUPERVISOR", "ADMIN"] } }, select: { id: true } }),
    f.complaintCategoryIds.length ? tx.complaintCategory.count({ where: { id: { in: f.complaintCategoryIds } } }) : 0,
    f.planIds.length ? tx.plan.count({ where: { id: { in: f.planIds } } }) : 0,
    f.relatedIds.length ? tx.kbArticle.count({ where: { id: { in: f.relatedIds } } }) : 0,
  ]);
  if (!category) fields.categoryId = "invalidOption";
  if (!owner) fields.ownerId = "kbOwnerCannotWrite";
  if (complaintCategories !== new Set(f.complaintCategoryIds).size) fields.complaintCategoryIds = "invalidOption";
  if (plans !== new Set(f.planIds).size) fields.planIds = "invalidOption";
  if (related !== new Set(f.relatedIds).size || (selfId && f.relatedIds.includes(selfId))) fields.relatedIds = "invalidOption";
  if (Object.keys(fields).length) throw new ValidationError(fields);
}

function articleData(f: ArticleFields) {
  return {
    categoryId: f.categoryId,
    titleZh: f.titleZh,
    titleEn: f.titleEn,
    bodyZh: sanitizeArticleHtml(f.bodyZh),
    bodyEn: sanitizeArticleHtml(f.bodyEn),
    tags: f.tags,
    status: f.status,
    visibleTo: f.visibleTo,
    ownerId: f.ownerId,
    reviewDue: f.reviewDue ? new Date(`${f.reviewDue}T00:00:00Z`) : null,
    complaintCategoryIds: Array.from(new Set(f.complaintCategoryIds)),
    planIds: Array.from(new Set(f.planIds)),
    relatedIds: Array.from(new Set(f.relatedIds)),
  };
}

export async function createArticle(actor: Actor, raw: CreateArticleInput): Promise<{ id: number }> {
  assertCan(actor, "knowledge:write");
  const f = parse(createArticleInput, raw);
  return db.$transaction(async (tx) => {
    await checkReferences(tx, f);
    const data = articleData(f);
    const a = await tx.kbArticle.create({ data: { ...data, createdById: actor.id }, select: { id: true } });
    await tx.kbArticleRevision.create({
      data: {
        articleId: a.id,
        revision: 1,
        titleZh: data.titleZh,
        titleEn: data.titleEn,
        bodyZh: data.bodyZh,
        bodyEn: data.bodyEn,
        tags: data.tags,
        authorId: actor.id,
        note: f.note,
      },
    });
    await writeSearchColumns(tx, [a.id]);
    await recordAudit(tx, actor, {
      action: "kbArticle.created",
      entity: "kb_article",
      entityId: a.id,
      data: { titleZh: data.titleZh, status: data.status, categoryId: data.categoryId },
    });
    return { id: a.id };
  });
}

export async function updateArticle(actor: Actor, raw: UpdateArticleInput): Promise<{ id: number; revision: number }> {
  assertCan(actor, "knowledge:write");
  const { id, version, ...f } = parse(updateArticleInput, raw);
  return db.$transaction(async (tx) => {
    const current = await tx.kbArticle.findUnique({ where: { id }, select: { revision: true, version: true, status: true } });
    if (!current) throw new NotFoundError("kb_article");
    await checkReferences(tx, f, id);
    const data = articleData(f);
    const revision = current.revision + 1;
    const n = await tx.kbArticle.updateMany({ where: { id, version }, data: { ...data, revision, version: { increment: 1 } } });
    if (n.count === 0) throw new ConflictError();
    await tx.kbArticleRevision.create({
      data: {
        articleId: id,
        revision,
        titleZh: data.titleZh,
        titleEn: data.titleEn,
        bodyZh: data.bodyZh,
        bodyEn: data.bodyEn,
        tags: data.tags,
        authorId: actor.id,
        note: f.note,
      },
    });
    await writeSearchColumns(tx, [id]);
    await recordAudit(tx, actor, {
      action: "kbArticle.updated",
      entity: "kb_article",
      entityId: id,
      data: { revision, status: data.status, statusBefore: current.status },
    });
    return { id, revision };
  });
}

/** Copies an old revision's title, body and tags back as a new revision (nothing is lost). */
export async function restoreRevision(actor: Actor, raw: RestoreRevisionInput): Promise<{ id: number; revision: number }> {
  assertCan(actor, "knowledge:write");
  const input = parse(restoreRevisionInput, raw);
  return db.$transaction(async (tx) => {
    const [current, old] = await Promise.all([
      tx.kbArticle.findUnique({ where: { id: input.articleId }, select: { revision: true } }),
      tx.kbArticleRevision.findUnique({ where: { articleId_revision: { articleId: input.articleId, revision: input.revision } } }),
    ]);
    if (!current || !old) throw new NotFoundError("kb_article_revision");
    if (old.revision === current.revision) throw new ValidationError({ revision: "notRestorable" }, "history.notRestorable");
    const revision = current.revision + 1;
    const content = {
      titleZh: old.titleZh,
      titleEn: old.titleEn,
      bodyZh: sanitizeArticleHtml(old.bodyZh),
      bodyEn: sanitizeArticleHtml(old.bodyEn),
      tags: old.tags,
    };
    const n = await tx.kbArticle.updateMany({
      where: { id: input.articleId, version: input.version },
      data: { ...content, revision, version: { increment: 1 } },
    });
    if (n.count === 0) throw new ConflictError();
    await tx.kbArticleRevision.create({ data: { articleId: input.articleId, revision, ...content, authorId: actor.id, note: `↺ ${old.revision}` } });
    await writeSearchColumns(tx, [input.articleId]);
    await recordAudit(tx, actor, { action: "kbArticle.restored", entity: "kb_article", entityId: input.articleId, data: { from: old.revision, revision } });
    return { id: input.articleId, revision };
  });
}

/** The owner (or another writer) confirms the article is still right and sets the next review day. */
export async function markArticleReviewed(actor: Actor, raw: MarkReviewedInput): Promise<{ id: number }> {
  assertCan(actor, "knowledge:write");
  const input = parse(markReviewedInput, raw);
  // Today as the operator counts it (Asia/Shanghai), as the pages show the review days.
  if (input.nextReview <= operatorDay(new Date())) throw new ValidationError({ nextReview: "kbReviewInFuture" });
  return db.$transaction(async (tx) => {
    const n = await tx.kbArticle.updateMany({
      where: { id: input.articleId, version: input.version },
      data: { reviewDue: new Date(`${input.nextReview}T00:00:00Z`), version: { increment: 1 } },
    });
    if (n.count === 0) {
      if (!(await tx.kbArticle.count({ where: { id: input.articleId } }))) throw new NotFoundError("kb_article");
      throw new ConflictError();
    }
    await recordAudit(tx, actor, { action: "kbArticle.reviewed", entity: "kb_article", entityId: input.articleId, data: { nextReview: input.nextReview } });
    return { id: input.articleId };
  });
}

export const KB_ATTACHMENT_TYPES = ["image/png", "image/jpeg", "application/pdf", "text/plain"] as const;

/** Stores a file on an article: its type is what its bytes are (an HTML page named .png is refused). */
export async function addArticleAttachment(
  actor: Actor,
  input: { articleId: number; fileName: string; mimeType: string; data: Uint8Array },
): Promise<{ id: number }> {
  assertCan(actor, "knowledge:write");
  const fileName = input.fileName
    .replace(/[\\/\u0000-\u001f]/g, "_")
    .trim()
    .slice(0, 200);
  if (!fileName) throw new ValidationError({ file: "required" });
  if (input.data.byteLength === 0) throw new ValidationError({ file: "required" });
  if (input.data.byteLength > MAX_KB_ATTACHMENT_BYTES) throw new ValidationError({ file: "tooLarge" });
  const type = attachmentTypeOf(input.mimeType, input.data);
  if (!type) throw new ValidationError({ file: "fileContent" });
  return db.$transaction(async (tx) => {
    if (!(await tx.kbArticle.count({ where: { id: input.articleId } }))) throw new NotFoundError("kb_article");
    const a = await tx.kbAttachment.create({
      data: { articleId: input.articleId, fileName, mimeType: type, size: input.data.byteLength, data: Buffer.from(input.data), uploadedBy: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "kbAttachment.added",
      entity: "kb_attachment",
      entityId: a.id,
      data: { articleId: input.articleId, fileName, size: input.data.byteLength },
    });
    return { id: a.id };
  });
}

export async function removeArticleAttachment(actor: Actor, raw: AttachmentRef): Promise<{ id: number }> {
  assertCan(actor, "knowledge:write");
  const { id } = parse(attachmentRef, raw);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ articleId: number; fileName: string }>>`
      DELETE FROM kb_attachment WHERE id = ${id} RETURNING article_id AS "articleId", file_name AS "fileName"`;
    if (!rows.length) throw new NotFoundError("kb_attachment");
    await recordAudit(tx, actor, { action: "kbAttachment.removed", entity: "kb_attachment", entityId: id, data: rows[0] });
    return { id };
  });
}

// ---- Categories and synonyms (knowledge:configure)

export async function createKbCategory(actor: Actor, raw: CreateCategoryInput): Promise<{ id: number }> {
  assertCan(actor, "knowledge:configure");
  const input = parse(createCategoryInput, raw);
  return db.$transaction(async (tx) => {
    if (input.parentId && !(await tx.kbCategory.count({ where: { id: input.parentId } }))) throw new ValidationError({ parentId: "invalidOption" });
    if (await tx.kbCategory.count({ where: { code: input.code } })) throw new ValidationError({ code: "codeTaken" });
    const c = await tx.kbCategory.create({ data: input, select: { id: true } });
    await recordAudit(tx, actor, { action: "kbCategory.created", entity: "kb_category", entityId: c.id, data: { ...input } });
    return { id: c.id };
  });
}

export async function updateKbCategory(actor: Actor, raw: UpdateCategoryInput): Promise<{ id: number }> {
  assertCan(actor, "knowledge:configure");
  const { id, version, ...input } = parse(updateCategoryInput, raw);
  return db.$transaction(async (tx) => {
    if (!(await tx.kbCategory.count({ where: { id } }))) throw new NotFoundError("kb_category");
    if (input.parentId) {
      // The new parent must not be the category itself or one of its descendants.
      const loop = await tx.$queryRaw<Array<{ id: number }>>`
        WITH RECURSIVE sub AS (SELECT id FROM kb_category WHERE id = ${id} UNION ALL SELECT c.id FROM kb_category c JOIN sub ON c.parent_id = sub.id)
        SELECT id FROM sub WHERE id = ${input.parentId}`;
      if (loop.length) throw new ValidationError({ parentId: "categoryLoop" });
      if (!(await tx.kbCategory.count({ where: { id: input.parentId } }))) throw new ValidationError({ parentId: "invalidOption" });
    }
    const n = await tx.kbCategory.updateMany({ where: { id, version }, data: { ...input, version: { increment: 1 } } });
    if (n.count === 0) throw new ConflictError();
    await recordAudit(tx, actor, { action: "kbCategory.updated", entity: "kb_category", entityId: id, data: { ...input } });
    return { id };
  });
}

/** Creates a synonym group, or replaces one's terms (with its version). */
export async function saveSynonymGroup(actor: Actor, raw: SaveSynonymInput): Promise<{ id: number }> {
  assertCan(actor, "knowledge:configure");
  const input = parse(saveSynonymInput, raw);
  return db.$transaction(async (tx) => {
    if (input.id) {
      if (!input.version) throw new ValidationError({ version: "required" });
      const n = await tx.kbSynonym.updateMany({ where: { id: input.id, version: input.version }, data: { terms: input.terms, version: { increment: 1 } } });
      if (n.count === 0) {
        if (!(await tx.kbSynonym.count({ where: { id: input.id } }))) throw new NotFoundError("kb_synonym");
        throw new ConflictError();
      }
      await recordAudit(tx, actor, { action: "kbSynonym.updated", entity: "kb_synonym", entityId: input.id, data: { terms: input.terms } });
      return { id: input.id };
    }
    const s = await tx.kbSynonym.create({ data: { terms: input.terms }, select: { id: true } });
    await recordAudit(tx, actor, { action: "kbSynonym.created", entity: "kb_synonym", entityId: s.id, data: { terms: input.terms } });
    return { id: s.id };
  });
}

export async function deleteSynonymGroup(actor: Actor, raw: SynonymRef): Promise<{ id: number }> {
  assertCan(actor, "knowledge:configure");
  const { id } = parse(synonymRef, raw);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ terms: string[] }>>(Prisma.sql`DELETE FROM kb_synonym WHERE id = ${id} RETURNING terms`);
    if (!rows.length) throw new NotFoundError("kb_synonym");
    await recordAudit(tx, actor, { action: "kbSynonym.deleted", entity: "kb_synonym", entityId: id, data: { terms: rows[0].terms } });
    return { id };
  });
}

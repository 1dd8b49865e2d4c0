import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { recordRevision } from "@/lib/config/revisions";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { COMPLAINT_GRADES, type ComplaintGrade } from "@/lib/complaints/schemas";
import {
  categoryActive,
  categoryCreate,
  categoryDetails,
  categoryMove,
  categoryReorder,
  codeFromName,
  rootCauseActive,
  rootCauseCreate,
  rootCauseRename,
  rootCauseReorder,
} from "@/lib/complaints/category-schemas";

// The complaint category tree and each category's root causes. Categories are never deleted
// (complaints refer to them): they are deactivated, which takes them out of intake while old
// complaints still show them. Every change checks the version the editor saw, writes the whole
// new state as a revision (lib/config/revisions.ts) and an audit row, in one transaction.

export interface CategoryOption {
  id: number;
  code: string;
  parentId: number | null;
  nameZh: string;
  nameEn: string;
  /** The grade the intake form proposes for this category. */
  defaultGrade: ComplaintGrade;
}

/** Active categories for the intake form, parents before children, each with its default grade. */
export async function listActiveCategories(actor: Actor): Promise<CategoryOption[]> {
  assertCan(actor, "complaint:read");
  return db.complaintCategory.findMany({
    where: { isActive: true },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    select: { id: true, code: true, parentId: true, nameZh: true, nameEn: true, defaultGrade: true },
  });
}

export interface RootCauseNode {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  isActive: boolean;
  version: number;
}

export interface CategoryNode {
  id: number;
  code: string;
  parentId: number | null;
  nameZh: string;
  nameEn: string;
  scriptZh: string;
  scriptEn: string;
  skillTags: string[];
  defaultGrade: ComplaintGrade;
  isActive: boolean;
  sortOrder: number;
  version: number;
  depth: number;
  rootCauses: RootCauseNode[];
}

/** The whole tree in display order (depth-first, siblings by sort order), inactive ones included. */
export async function listCategoryTree(actor: Actor): Promise<CategoryNode[]> {
  assertCan(actor, "serviceStandards:manage");
  const [cats, causes] = await Promise.all([
    db.complaintCategory.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
    db.complaintRootCause.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
  ]);
  const children = new Map<number | null, typeof cats>();
  for (const c of cats) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const out: CategoryNode[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const c of children.get(parentId) ?? []) {
      out.push({
        id: c.id,
        code: c.code,
        parentId: c.parentId,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        scriptZh: c.scriptZh,
        scriptEn: c.scriptEn,
        skillTags: c.skillTags,
        defaultGrade: c.defaultGrade,
        isActive: c.isActive,
        sortOrder: c.sortOrder,
        version: c.version,
        depth,
        rootCauses: causes.filter((r) => r.categoryId === c.id).map((r) => ({ id: r.id, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, sortOrder: r.sortOrder, isActive: r.isActive, version: r.version })),
      });
      if (depth < 32) walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

type CategoryRow = Prisma.ComplaintCategoryGetPayload<object>;
type RootCauseRow = Prisma.ComplaintRootCauseGetPayload<object>;

async function categoryState(tx: Tx, c: CategoryRow): Promise<Prisma.InputJsonObject> {
  const parent = c.parentId ? await tx.complaintCategory.findUnique({ where: { id: c.parentId }, select: { code: true } }) : null;
  return {
    code: c.code,
    parentCode: parent?.code ?? null,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
    scriptZh: c.scriptZh,
    scriptEn: c.scriptEn,
    skillTags: c.skillTags,
    defaultGrade: c.defaultGrade,
    isActive: c.isActive,
    sortOrder: c.sortOrder,
  };
}

/** Applies `data` to the category at `version` (else a conflict) and keeps the revision. */
async function changeCategory(tx: Tx, actor: Actor, row: CategoryRow, version: number, data: Prisma.ComplaintCategoryUpdateManyMutationInput & { parentId?: number | null }) {
  if (row.version !== version) throw new ConflictError();
  const before = await categoryState(tx, row);
  const n = await tx.complaintCategory.updateMany({ where: { id: row.id, version }, data: { ...data, version: { increment: 1 } } });
  if (n.count === 0) throw new ConflictError();
  const after = await tx.complaintCategory.findUniqueOrThrow({ where: { id: row.id } });
  await recordRevision(tx, actor, { entity: "category", entityKey: row.code, version: after.version, before, after: await categoryState(tx, after) });
  return after;
}

async function findCategory(tx: Tx, id: number): Promise<CategoryRow> {
  const row = await tx.complaintCategory.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("category");
  return row;
}

/** The next sort order among a parent's children: after the last child, or just after the parent. */
async function nextSortOrder(tx: Tx, parentId: number | null): Promise<number> {
  const last = await tx.complaintCategory.aggregate({ where: { parentId }, _max: { sortOrder: true } });
  if (last._max.sortOrder != null) return last._max.sortOrder + (parentId == null ? 10 : 1);
  if (parentId == null) return 10;
  return (await tx.complaintCategory.findUniqueOrThrow({ where: { id: parentId }, select: { sortOrder: true } })).sortOrder + 1;
}

/** Refuses a parent that is inactive, the category itself or one of its descendants (a loop). */
async function checkParent(tx: Tx, categoryId: number | null, parentId: number | null) {
  if (parentId == null) return;
  const parent = await tx.complaintCategory.findUnique({ where: { id: parentId } });
  if (!parent) throw new ValidationError({ parentId: "invalidOption" });
  if (!parent.isActive) throw new ValidationError({ parentId: "categoryParentInactive" });
  if (categoryId == null) return;
  const chain = await tx.$queryRaw<Array<{ id: number }>>`
    WITH RECURSIVE up (id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM complaint_category WHERE id = ${parentId}::int
      UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM complaint_category c JOIN up ON c.id = up.parent_id WHERE up.depth < 32)
    SELECT id FROM up`;
  if (chain.some((r) => r.id === categoryId)) throw new ValidationError({ parentId: "categoryLoop" });
}

export async function createCategory(actor: Actor, raw: unknown): Promise<{ id: number; code: string }> {
  assertCan(actor, "serviceStandards:manage");
  const input = categoryCreate.parse(raw);
  const code = input.code || codeFromName(input.nameEn);
  return db.$transaction(async (tx) => {
    await checkParent(tx, null, input.parentId);
    if (await tx.complaintCategory.findUnique({ where: { code }, select: { id: true } })) throw new ValidationError({ code: "codeTaken" });
    const parent = input.parentId ? await tx.complaintCategory.findUniqueOrThrow({ where: { id: input.parentId } }) : null;
    const row = await tx.complaintCategory.create({
      data: {
        code,
        parentId: input.parentId,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        // A new leaf starts like its parent: its skills and default grade, so it works at once.
        skillTags: parent?.skillTags ?? [],
        defaultGrade: parent?.defaultGrade ?? "GENERAL",
        sortOrder: await nextSortOrder(tx, input.parentId),
      },
    });
    await recordRevision(tx, actor, { entity: "category", entityKey: code, version: 1, after: await categoryState(tx, row) });
    await recordAudit(tx, actor, { action: "category.created", entity: "category", entityId: row.id, data: { code, parentId: input.parentId } });
    return { id: row.id, code };
  });
}

/** Renames (zh/en) and edits the leaf's reply scripts, default grade and required skills. */
export async function updateCategoryDetails(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = categoryDetails.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await findCategory(tx, input.id);
    const { id, version, ...data } = input;
    if (id !== row.id) throw new NotFoundError("category");
    await changeCategory(tx, actor, row, version, { ...data, skillTags: [...new Set(data.skillTags)] });
    await recordAudit(tx, actor, { action: "category.updated", entity: "category", entityId: row.id, data: { code: row.code } });
  });
}

/** Moves a category (with its subtree) under another parent, or to the top level; last among its new siblings. */
export async function moveCategory(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = categoryMove.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await findCategory(tx, input.id);
    if (row.parentId === input.parentId) return;
    await checkParent(tx, row.id, input.parentId);
    await changeCategory(tx, actor, row, input.version, { parentId: input.parentId, sortOrder: await nextSortOrder(tx, input.parentId) });
    await recordAudit(tx, actor, { action: "category.moved", entity: "category", entityId: row.id, data: { code: row.code, from: row.parentId, to: input.parentId } });
  });
}

/** Swaps a category with its previous or next sibling. */
export async function reorderCategory(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = categoryReorder.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await findCategory(tx, input.id);
    const siblings = await tx.complaintCategory.findMany({ where: { parentId: row.parentId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
    const other = neighbour(siblings, row.id, input.direction);
    const [mine, theirs] = swapOrders(row.sortOrder, other.sortOrder, input.direction);
    await changeCategory(tx, actor, row, input.version, { sortOrder: mine });
    await changeCategory(tx, actor, other, other.version, { sortOrder: theirs });
    await recordAudit(tx, actor, { action: "category.reordered", entity: "category", entityId: row.id, data: { code: row.code, direction: input.direction } });
  });
}

/** The sibling a row moves past (siblings in display order); refused at either end of the list. */
function neighbour<T extends { id: number }>(siblings: T[], id: number, direction: "up" | "down"): T {
  const i = siblings.findIndex((s) => s.id === id);
  const other = siblings[direction === "up" ? i - 1 : i + 1];
  if (!other) throw new ValidationError({ direction: direction === "up" ? "alreadyFirst" : "alreadyLast" });
  return other;
}

/** New sort orders for a row moving past its neighbour (distinct even when they were equal). */
function swapOrders(mine: number, theirs: number, direction: "up" | "down"): [number, number] {
  if (mine !== theirs) return [theirs, mine];
  return direction === "up" ? [mine, mine + 1] : [mine + 1, mine];
}

/** Deactivates (out of intake; old complaints keep showing it) or reactivates a category. */
export async function setCategoryActive(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = categoryActive.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await findCategory(tx, input.id);
    if (row.isActive === input.isActive) return;
    if (!input.isActive && (await tx.complaintCategory.count({ where: { parentId: row.id, isActive: true } })) > 0)
      throw new ValidationError({ isActive: "categoryHasActiveChildren" });
    if (input.isActive && row.parentId && !(await tx.complaintCategory.findUniqueOrThrow({ where: { id: row.parentId } })).isActive)
      throw new ValidationError({ isActive: "categoryParentInactive" });
    await changeCategory(tx, actor, row, input.version, { isActive: input.isActive });
    await recordAudit(tx, actor, { action: input.isActive ? "category.activated" : "category.deactivated", entity: "category", entityId: row.id, data: { code: row.code } });
  });
}

/** Restores a category's state from a revision (names, scripts, grade, skills, parent, order,
 *  active) as its next version. */
export async function restoreCategory(tx: Tx, actor: Actor, entityKey: string, data: Prisma.JsonValue): Promise<void> {
  const d = data as Record<string, unknown>;
  const row = await tx.complaintCategory.findUnique({ where: { code: entityKey } });
  if (!row) throw new NotFoundError("category");
  const parent = typeof d.parentCode === "string" ? await tx.complaintCategory.findUnique({ where: { code: d.parentCode } }) : null;
  const parentId = parent?.id ?? null;
  if (parentId !== row.parentId) await checkParent(tx, row.id, parentId);
  const grade = COMPLAINT_GRADES.includes(d.defaultGrade as ComplaintGrade) ? (d.defaultGrade as ComplaintGrade) : row.defaultGrade;
  const isActive = d.isActive !== false;
  if (!isActive && (await tx.complaintCategory.count({ where: { parentId: row.id, isActive: true } })) > 0) throw new ValidationError({ isActive: "categoryHasActiveChildren" });
  await changeCategory(tx, actor, row, row.version, {
    parentId,
    nameZh: String(d.nameZh ?? row.nameZh),
    nameEn: String(d.nameEn ?? row.nameEn),
    scriptZh: String(d.scriptZh ?? ""),
    scriptEn: String(d.scriptEn ?? ""),
    skillTags: Array.isArray(d.skillTags) ? d.skillTags.map(String) : row.skillTags,
    defaultGrade: grade,
    isActive,
    sortOrder: typeof d.sortOrder === "number" ? d.sortOrder : row.sortOrder,
  });
  await recordAudit(tx, actor, { action: "category.restored", entity: "category", entityId: row.id, data: { code: row.code } });
}

// ── Root causes ──────────────────────────────────────────────────────────────────────────────

async function rootCauseState(tx: Tx, r: RootCauseRow): Promise<Prisma.InputJsonObject> {
  const cat = await tx.complaintCategory.findUniqueOrThrow({ where: { id: r.categoryId }, select: { code: true } });
  return { categoryCode: cat.code, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, sortOrder: r.sortOrder, isActive: r.isActive };
}
const rootCauseKey = (categoryCode: string, code: string) => `${categoryCode}:${code}`;

async function changeRootCause(tx: Tx, actor: Actor, row: RootCauseRow, version: number, data: Prisma.ComplaintRootCauseUpdateManyMutationInput) {
  if (row.version !== version) throw new ConflictError();
  const before = await rootCauseState(tx, row);
  const n = await tx.complaintRootCause.updateMany({ where: { id: row.id, version }, data: { ...data, version: { increment: 1 } } });
  if (n.count === 0) throw new ConflictError();
  const after = await tx.complaintRootCause.findUniqueOrThrow({ where: { id: row.id } });
  await recordRevision(tx, actor, { entity: "rootCause", entityKey: rootCauseKey(String(before.categoryCode), row.code), version: after.version, before, after: await rootCauseState(tx, after) });
  return after;
}

async function findRootCause(tx: Tx, id: number): Promise<RootCauseRow> {
  const row = await tx.complaintRootCause.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("rootCause");
  return row;
}

/** Adds a root cause to a category's own list (a category with none uses its nearest ancestor's). */
export async function addRootCause(actor: Actor, raw: unknown): Promise<{ id: number }> {
  assertCan(actor, "serviceStandards:manage");
  const input = rootCauseCreate.parse(raw);
  const code = input.code || codeFromName(input.nameEn);
  return db.$transaction(async (tx) => {
    const cat = await findCategory(tx, input.categoryId);
    if (await tx.complaintRootCause.findUnique({ where: { categoryId_code: { categoryId: cat.id, code } }, select: { id: true } })) throw new ValidationError({ code: "codeTaken" });
    const last = await tx.complaintRootCause.aggregate({ where: { categoryId: cat.id }, _max: { sortOrder: true } });
    const row = await tx.complaintRootCause.create({ data: { categoryId: cat.id, code, nameZh: input.nameZh, nameEn: input.nameEn, sortOrder: (last._max.sortOrder ?? 0) + 10 } });
    await recordRevision(tx, actor, { entity: "rootCause", entityKey: rootCauseKey(cat.code, code), version: 1, after: await rootCauseState(tx, row) });
    await recordAudit(tx, actor, { action: "rootCause.created", entity: "rootCause", entityId: row.id, data: { category: cat.code, code } });
    return { id: row.id };
  });
}

export async function renameRootCause(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = rootCauseRename.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await findRootCause(tx, input.id);
    await changeRootCause(tx, actor, row, input.version, { nameZh: input.nameZh, nameEn: input.nameEn });
    await recordAudit(tx, actor, { action: "rootCause.renamed", entity: "rootCause", entityId: row.id, data: { code: row.code } });
  });
}

export async function reorderRootCause(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = rootCauseReorder.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await findRootCause(tx, input.id);
    const siblings = await tx.complaintRootCause.findMany({ where: { categoryId: row.categoryId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
    const other = neighbour(siblings, row.id, input.direction);
    const [mine, theirs] = swapOrders(row.sortOrder, other.sortOrder, input.direction);
    await changeRootCause(tx, actor, row, input.version, { sortOrder: mine });
    await changeRootCause(tx, actor, other, other.version, { sortOrder: theirs });
    await recordAudit(tx, actor, { action: "rootCause.reordered", entity: "rootCause", entityId: row.id, data: { code: row.code, direction: input.direction } });
  });
}

export async function setRootCauseActive(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "serviceStandards:manage");
  const input = rootCauseActive.parse(raw);
  await db.$transaction(async (tx) => {
    const row = await findRootCause(tx, input.id);
    if (row.isActive === input.isActive) return;
    await changeRootCause(tx, actor, row, input.version, { isActive: input.isActive });
    await recordAudit(tx, actor, { action: input.isActive ? "rootCause.activated" : "rootCause.deactivated", entity: "rootCause", entityId: row.id, data: { code: row.code } });
  });
}

export async function restoreRootCause(tx: Tx, actor: Actor, entityKey: string, data: Prisma.JsonValue): Promise<void> {
  const d = data as Record<string, unknown>;
  const [categoryCode, code] = entityKey.split(":");
  const cat = await tx.complaintCategory.findUnique({ where: { code: categoryCode } });
  const row = cat ? await tx.complaintRootCause.findUnique({ where: { categoryId_code: { categoryId: cat.id, code } } }) : null;
  if (!row) throw new NotFoundError("rootCause");
  await changeRootCause(tx, actor, row, row.version, {
    nameZh: String(d.nameZh ?? row.nameZh),
    nameEn: String(d.nameEn ?? row.nameEn),
    sortOrder: typeof d.sortOrder === "number" ? d.sortOrder : row.sortOrder,
    isActive: d.isActive !== false,
  });
  await recordAudit(tx, actor, { action: "rootCause.restored", entity: "rootCause", entityId: row.id, data: { code: row.code } });
}

// Issue #21: the category tree, the SLA matrix (invariants, inheritance, effective-from, removal)
// and the configuration history with restore. Each test builds its own categories (unique codes),
// so the seeded matrix other files rely on is never touched.
import { beforeAll, describe, expect, test } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { openComplaint } from "@/lib/complaints/intake";
import {
  addRootCause,
  createCategory,
  listActiveCategories,
  listCategoryTree,
  moveCategory,
  renameRootCause,
  reorderCategory,
  reorderRootCause,
  setCategoryActive,
  setRootCauseActive,
  updateCategoryDetails,
} from "@/lib/complaints/categories";
import { listSlaMatrix, previewSlaCell, removeSlaCell, saveSlaCell } from "@/lib/sla/matrix";
import { getRevision, listRevisions } from "@/lib/config/history";
import { restoreRevision } from "@/lib/config/restore";
import { listCompensationLimits, updateCompensationLimit } from "@/lib/complaints/compensation-limits";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";

let agent1: Actor, supervisor1: Actor, manager1: Actor, admin1: Actor;
let customerId: number;
let networkId: number;
let calendarId: number;

beforeAll(async () => {
  [agent1, supervisor1, manager1, admin1] = await Promise.all(["agent1", "supervisor1", "manager1", "admin1"].map(actorFor));
  customerId = (await createCustomer()).customer.id;
  networkId = (await db.complaintCategory.findUniqueOrThrow({ where: { code: "NETWORK" } })).id;
  calendarId = (await db.businessCalendarDef.findUniqueOrThrow({ where: { code: "HOTLINE_24X7" } })).id;
});

let n = 0;
const uniqueCode = (prefix: string) => `${prefix}_${Date.now().toString(36).toUpperCase()}_${++n}`;
const category = async (parentId: number | null, prefix = "T") => {
  const code = uniqueCode(prefix);
  const r = await createCategory(admin1, { parentId, code, nameZh: `测试${code}`, nameEn: `Test ${code}` });
  return db.complaintCategory.findUniqueOrThrow({ where: { id: r.id } });
};
const revisions = (entity: string, entityKey: string) => db.serviceStandardRevision.findMany({ where: { entity, entityKey }, orderBy: { version: "asc" } });
const audits = (action: string, entityId?: string | number) =>
  db.auditLog.count({ where: { action, ...(entityId != null ? { entityId: String(entityId) } : {}) } });
const open = (categoryId: number, grade: "GENERAL" | "COMPLEX" | "MAJOR" = "GENERAL", now?: Date) =>
  openComplaint(
    agent1,
    { customerId, channel: "HOTLINE", categoryId, grade, summary: "网速慢", details: "5G 下载很慢", idempotencyKey: randomUUID() },
    null,
    now,
  );
const cellValues = { firstResponseMin: 12, feedbackMin: 600, resolutionMin: 900, cycleMin: 1800, warnRatio: 0.75 };

describe("category tree", () => {
  test("an admin creates a leaf under the network category: revision 1, audit row, its parent's skills and grade, offered at intake", async () => {
    const before = await db.complaintCategory.count();
    await expect(createCategory(agent1, { parentId: networkId, nameZh: "x", nameEn: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createCategory(supervisor1, { parentId: networkId, nameZh: "x", nameEn: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createCategory(manager1, { parentId: networkId, nameZh: "x", nameEn: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.complaintCategory.count()).toBe(before);

    const leaf = await category(networkId);
    expect(leaf).toMatchObject({ parentId: networkId, skillTags: ["network"], defaultGrade: "GENERAL", isActive: true, version: 1 });
    const [rev] = await revisions("category", leaf.code);
    expect(rev).toMatchObject({ version: 1, changedBy: admin1.id, data: { code: leaf.code, parentCode: "NETWORK", nameEn: leaf.nameEn } });
    expect(await audits("category.created", leaf.id)).toBe(1);
    expect((await listActiveCategories(agent1)).find((c) => c.id === leaf.id)).toMatchObject({ parentId: networkId, defaultGrade: "GENERAL" });
  });

  test("a code that is taken or malformed is a field error and nothing is created", async () => {
    const leaf = await category(networkId);
    const count = await db.complaintCategory.count();
    await expect(createCategory(admin1, { parentId: networkId, code: leaf.code, nameZh: "重复", nameEn: "Dup" })).rejects.toMatchObject({
      fields: { code: "codeTaken" },
    });
    await expect(createCategory(admin1, { parentId: networkId, code: "bad code!", nameZh: "坏", nameEn: "Bad" })).rejects.toThrow();
    await expect(createCategory(admin1, { parentId: 999_999, nameZh: "孤", nameEn: "Orphan" })).rejects.toMatchObject({
      fields: { parentId: "invalidOption" },
    });
    expect(await db.complaintCategory.count()).toBe(count);
  });

  test("rename, scripts, default grade and skills: version checked, whole state kept per version", async () => {
    const leaf = await category(networkId);
    await updateCategoryDetails(admin1, {
      id: leaf.id,
      version: 1,
      nameZh: "5G 网速慢",
      nameEn: "Slow 5G",
      scriptZh: "您好",
      scriptEn: "Hello",
      defaultGrade: "COMPLEX",
      skillTags: "network, 5g, network",
    });
    await expect(
      updateCategoryDetails(admin1, {
        id: leaf.id,
        version: 1,
        nameZh: "冲突",
        nameEn: "Conflict",
        scriptZh: "",
        scriptEn: "",
        defaultGrade: "GENERAL",
        skillTags: "",
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      updateCategoryDetails(agent1, {
        id: leaf.id,
        version: 2,
        nameZh: "坐席",
        nameEn: "Agent",
        scriptZh: "",
        scriptEn: "",
        defaultGrade: "GENERAL",
        skillTags: "",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const row = await db.complaintCategory.findUniqueOrThrow({ where: { id: leaf.id } });
    expect(row).toMatchObject({ nameZh: "5G 网速慢", nameEn: "Slow 5G", scriptEn: "Hello", defaultGrade: "COMPLEX", skillTags: ["network", "5g"], version: 2 });
    const revs = await revisions("category", leaf.code);
    expect(revs.map((r) => r.version)).toEqual([1, 2]);
    expect(revs[1].data).toMatchObject({ nameEn: "Slow 5G", defaultGrade: "COMPLEX" });
    expect(await audits("category.updated", leaf.id)).toBe(1);
  });

  test("move: under another parent, never under itself or a descendant; reorder swaps siblings", async () => {
    const a = await category(networkId);
    const b = await category(a.id);
    await expect(moveCategory(admin1, { id: a.id, version: 1, parentId: b.id })).rejects.toMatchObject({ fields: { parentId: "categoryLoop" } });
    await expect(moveCategory(admin1, { id: a.id, version: 1, parentId: a.id })).rejects.toMatchObject({ fields: { parentId: "categoryLoop" } });
    expect((await db.complaintCategory.findUniqueOrThrow({ where: { id: a.id } })).parentId).toBe(networkId);

    const c = await category(networkId);
    await moveCategory(admin1, { id: b.id, version: 1, parentId: c.id });
    expect(await db.complaintCategory.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ parentId: c.id, version: 2 });
    expect((await revisions("category", b.code)).at(-1)?.data).toMatchObject({ parentCode: c.code });
    await moveCategory(admin1, { id: b.id, version: 2, parentId: null });
    expect((await db.complaintCategory.findUniqueOrThrow({ where: { id: b.id } })).parentId).toBeNull();

    const order = async () => (await listCategoryTree(admin1)).filter((x) => x.id === a.id || x.id === c.id).map((x) => x.id);
    expect(await order()).toEqual([a.id, c.id]);
    await reorderCategory(admin1, { id: c.id, version: 1, direction: "up" });
    expect(await order()).toEqual([c.id, a.id]);
    await expect(reorderCategory(admin1, { id: c.id, version: 1, direction: "down" })).rejects.toBeInstanceOf(ConflictError);
    expect(await audits("category.reordered", c.id)).toBe(1);
  });

  test("deactivate: children first; out of intake, old complaints keep it; never deleted", async () => {
    const parent = await category(networkId);
    const child = await category(parent.id);
    const old = await open(child.id);
    await expect(setCategoryActive(admin1, { id: parent.id, version: 1, isActive: false })).rejects.toMatchObject({
      fields: { isActive: "categoryHasActiveChildren" },
    });
    await setCategoryActive(admin1, { id: child.id, version: 1, isActive: false });
    await setCategoryActive(admin1, { id: parent.id, version: 1, isActive: false });
    expect((await listActiveCategories(agent1)).some((c) => c.id === child.id || c.id === parent.id)).toBe(false);
    await expect(open(child.id)).rejects.toMatchObject({ fields: { categoryId: "invalid" } });
    expect((await db.complaint.findUniqueOrThrow({ where: { id: old.id } })).categoryId).toBe(child.id);
    await expect(setCategoryActive(admin1, { id: child.id, version: 2, isActive: true })).rejects.toMatchObject({
      fields: { isActive: "categoryParentInactive" },
    });
    expect(await audits("category.deactivated", child.id)).toBe(1);
    await expect(setCategoryActive(agent1, { id: parent.id, version: 2, isActive: true })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("root causes", () => {
  test("add, rename, reorder, deactivate: each versioned, with a revision and an audit row", async () => {
    const leaf = await category(networkId);
    await expect(addRootCause(agent1, { categoryId: leaf.id, nameZh: "x", nameEn: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    const { id: first } = await addRootCause(admin1, { categoryId: leaf.id, nameZh: "基站故障", nameEn: "Cell site fault" });
    const { id: second } = await addRootCause(admin1, { categoryId: leaf.id, code: "CONGESTION", nameZh: "网络拥塞", nameEn: "Congestion" });
    await expect(addRootCause(admin1, { categoryId: leaf.id, code: "CONGESTION", nameZh: "重复", nameEn: "Dup" })).rejects.toMatchObject({
      fields: { code: "codeTaken" },
    });
    expect((await db.complaintRootCause.findUniqueOrThrow({ where: { id: first } })).code).toBe("CELL_SITE_FAULT");

    await renameRootCause(admin1, { id: second, version: 1, nameZh: "高峰拥塞", nameEn: "Peak congestion" });
    await expect(renameRootCause(admin1, { id: second, version: 1, nameZh: "冲突", nameEn: "Conflict" })).rejects.toBeInstanceOf(ConflictError);
    await reorderRootCause(admin1, { id: second, version: 2, direction: "up" });
    const tree = (await listCategoryTree(admin1)).find((c) => c.id === leaf.id)!;
    expect(tree.rootCauses.map((r) => r.id)).toEqual([second, first]);
    await setRootCauseActive(admin1, { id: first, version: 2, isActive: false });
    expect(await db.complaintRootCause.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ isActive: false, version: 3 });
    expect((await revisions("rootCause", `${leaf.code}:CONGESTION`)).map((r) => r.version)).toEqual([1, 2, 3]);
    expect(await audits("rootCause.deactivated", first)).toBe(1);
  });
});

describe("SLA matrix", () => {
  test("a new leaf works at once: inheritance at any depth, the nearest cell wins, a removal falls back", async () => {
    const mid = await category(networkId);
    const leaf = await category(mid.id);
    const deep = await category(leaf.id);
    // No cell of its own anywhere below NETWORK: the '*' general cell applies (15 minutes).
    const c0 = await db.complaint.findUniqueOrThrow({ where: { id: (await open(deep.id)).id } });
    expect(c0.firstResponseMin).toBe(15);

    const { id: midCell } = await saveSlaCell(admin1, {
      categoryCode: mid.code,
      grade: "GENERAL",
      valueTier: "STANDARD",
      isAppeal: false,
      calendarId,
      ...cellValues,
    });
    const c1 = await db.complaint.findUniqueOrThrow({ where: { id: (await open(deep.id)).id } });
    expect(c1).toMatchObject({ slaTargetId: midCell, firstResponseMin: 12, feedbackMin: 600, resolutionMin: 900, cycleMin: 1800 });

    const { id: leafCell } = await saveSlaCell(admin1, {
      categoryCode: leaf.code,
      grade: "GENERAL",
      valueTier: "STANDARD",
      isAppeal: false,
      calendarId,
      ...cellValues,
      firstResponseMin: 8,
    });
    expect((await db.complaint.findUniqueOrThrow({ where: { id: (await open(deep.id)).id } })).firstResponseMin).toBe(8);

    await removeSlaCell(admin1, { baseId: leafCell });
    const c3 = await db.complaint.findUniqueOrThrow({ where: { id: (await open(deep.id)).id } });
    expect(c3).toMatchObject({ slaTargetId: midCell, firstResponseMin: 12 });
    // Open complaints keep the targets they were opened with.
    expect((await db.complaint.findUniqueOrThrow({ where: { id: c0.id } })).firstResponseMin).toBe(15);
    expect(await audits("slaTarget.removed")).toBeGreaterThan(0);
    expect((await listSlaMatrix(admin1)).some((c) => c.categoryCode === leaf.code)).toBe(false);
  });

  test("an impossible cell is refused with its fields marked, and nothing is written", async () => {
    const leaf = await category(networkId);
    const rows = await db.slaTarget.count();
    const revs = await db.serviceStandardRevision.count();
    const err = await saveSlaCell(admin1, {
      categoryCode: leaf.code,
      grade: "GENERAL",
      valueTier: "DIAMOND",
      isAppeal: false,
      calendarId,
      firstResponseMin: 5000,
      feedbackMin: 720,
      resolutionMin: 720,
      cycleMin: 1440,
      warnRatio: 1.5,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual({ firstResponseMin: "slaMax.firstResponseMin", warnRatio: "slaWarnRatio" });
    const order = await saveSlaCell(admin1, {
      categoryCode: leaf.code,
      grade: "GENERAL",
      valueTier: "DIAMOND",
      isAppeal: false,
      calendarId,
      ...cellValues,
      resolutionMin: 2000,
    }).catch((e) => e);
    expect(order.fields).toEqual({ resolutionMin: "slaOver.cycleMin", cycleMin: "slaUnder.resolutionMin" });
    await expect(
      saveSlaCell(admin1, { categoryCode: leaf.code, grade: "GENERAL", valueTier: "DIAMOND", isAppeal: false, calendarId: 999_999, ...cellValues }),
    ).rejects.toMatchObject({ fields: { calendarId: "invalidOption" } });
    await expect(
      saveSlaCell(admin1, { categoryCode: "NO_SUCH", grade: "GENERAL", valueTier: "DIAMOND", isAppeal: false, calendarId, ...cellValues }),
    ).rejects.toMatchObject({ fields: { categoryCode: "invalidOption" } });
    await expect(
      saveSlaCell(admin1, {
        categoryCode: leaf.code,
        grade: "GENERAL",
        valueTier: "DIAMOND",
        isAppeal: false,
        calendarId,
        ...cellValues,
        effectiveFrom: new Date(Date.now() - 3_600_000),
      }),
    ).rejects.toMatchObject({
      fields: { effectiveFrom: "slaEffectiveInPast" },
    });
    expect(await db.slaTarget.count()).toBe(rows);
    expect(await db.serviceStandardRevision.count()).toBe(revs);
  });

  test("versions: the one the editor saw, or a conflict; a second new cell is refused; only admins", async () => {
    const leaf = await category(networkId);
    const key = { categoryCode: leaf.code, grade: "COMPLEX", valueTier: "GOLD", isAppeal: true, calendarId };
    await expect(saveSlaCell(manager1, { ...key, ...cellValues })).rejects.toBeInstanceOf(ForbiddenError);
    const { id: v1 } = await saveSlaCell(admin1, { ...key, ...cellValues });
    await expect(saveSlaCell(admin1, { ...key, ...cellValues })).rejects.toMatchObject({ fields: { grade: "slaCellExists" } });
    const { id: v2 } = await saveSlaCell(admin1, { ...key, ...cellValues, baseId: v1, cycleMin: 2000, effectiveFrom: new Date(Date.now() + 5) });
    await expect(saveSlaCell(admin1, { ...key, ...cellValues, baseId: v1, cycleMin: 2100 })).rejects.toBeInstanceOf(ConflictError);
    await expect(removeSlaCell(admin1, { baseId: v1 })).rejects.toBeInstanceOf(ConflictError);
    await expect(removeSlaCell(agent1, { baseId: v2 })).rejects.toBeInstanceOf(ForbiddenError);
    const revs = await revisions("slaCell", `${leaf.code}|COMPLEX|GOLD|appeal`);
    expect(revs.map((r) => r.version)).toEqual([1, 2]);
    expect(revs[1].data).toMatchObject({ cycleMin: 2000, calendar: "HOTLINE_24X7", isRemoved: false });
    expect(await audits("slaTarget.created", v1)).toBe(1);
    expect(await audits("slaTarget.updated", v2)).toBe(1);
  });

  test("the root cells stay; an effective-from in the future is not yet in force; the preview says what a complaint gets", async () => {
    const root = (await listSlaMatrix(admin1)).find((c) => c.categoryCode === "*" && c.grade === "GENERAL" && c.valueTier === "STANDARD" && !c.isAppeal)!;
    await expect(removeSlaCell(admin1, { baseId: root.id })).rejects.toMatchObject({ fields: { baseId: "slaRootCell" } });

    const leaf = await category(networkId);
    const now = new Date();
    const later = new Date(now.getTime() + 3_600_000);
    await saveSlaCell(
      admin1,
      {
        categoryCode: leaf.code,
        grade: "MAJOR",
        valueTier: "GOLD",
        isAppeal: false,
        calendarId,
        ...cellValues,
        firstResponseMin: 3,
        warnRatio: 0.5,
        effectiveFrom: later,
      },
      now,
    );
    const before = await previewSlaCell(admin1, { categoryId: leaf.id, grade: "MAJOR", valueTier: "GOLD", isAppeal: false }, now);
    expect(before.source).toEqual({ categoryCode: "*", valueTier: "STANDARD" });
    expect(before.targets?.firstResponseMin).toBe(5);
    const after = await previewSlaCell(admin1, { categoryId: leaf.id, grade: "MAJOR", valueTier: "GOLD", isAppeal: false }, new Date(later.getTime() + 1000));
    expect(after.source).toEqual({ categoryCode: leaf.code, valueTier: "GOLD" });
    // 24/7 calendar: the deadlines are plain minutes after opening.
    expect(after.due!.firstResponse.getTime() - later.getTime() - 1000).toBe(3 * 60_000);
    expect(after.due!.warnFirstResponse.getTime() - later.getTime() - 1000).toBe(60_000);
    // A STANDARD customer does not get the Gold cell.
    expect((await previewSlaCell(admin1, { categoryId: leaf.id, grade: "MAJOR", valueTier: "STANDARD", isAppeal: false }, later)).source?.categoryCode).toBe(
      "*",
    );
    await expect(previewSlaCell(agent1, { categoryId: leaf.id, grade: "MAJOR", valueTier: "GOLD", isAppeal: false })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("history and restore", () => {
  test("a revision shows who, when and the fields that changed; restoring it is a new version, audited", async () => {
    const leaf = await category(networkId);
    await updateCategoryDetails(admin1, {
      id: leaf.id,
      version: 1,
      nameZh: "5G 网速慢",
      nameEn: "Slow 5G",
      scriptZh: "话术",
      scriptEn: "Script",
      defaultGrade: "GENERAL",
      skillTags: "network",
    });
    const list = await listRevisions(admin1, { entity: "category", key: leaf.code });
    expect(list.rows.map((r) => r.version)).toEqual([2, 1]);
    expect(list.rows[0]).toMatchObject({ changedBy: admin1.name, isFirst: false });
    expect(list.rows[0].changed.sort()).toEqual(["nameEn", "nameZh", "scriptEn", "scriptZh"]);
    expect(list.entities).toContain("category");

    const v2 = await getRevision(admin1, Number(list.rows[0].id));
    expect(v2.changes).toEqual(expect.arrayContaining([{ field: "nameEn", before: leaf.nameEn, after: "Slow 5G" }]));
    expect(v2.previous?.version).toBe(1);
    await expect(getRevision(agent1, Number(list.rows[0].id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getRevision(admin1, 999_999_999)).rejects.toBeInstanceOf(NotFoundError);

    const v1 = list.rows[1];
    await expect(restoreRevision(agent1, { revisionId: v1.id })).rejects.toBeInstanceOf(ForbiddenError);
    await restoreRevision(admin1, { revisionId: v1.id });
    expect(await db.complaintCategory.findUniqueOrThrow({ where: { id: leaf.id } })).toMatchObject({ nameEn: leaf.nameEn, scriptEn: "", version: 3 });
    const v3 = (await listRevisions(admin1, { entity: "category", key: leaf.code })).rows[0];
    expect(v3).toMatchObject({ version: 3 });
    expect(v3.changed.sort()).toEqual(["nameEn", "nameZh", "scriptEn", "scriptZh"]);
    expect(await audits("revision.restored", leaf.code)).toBe(1);
    expect(await audits("category.restored", leaf.id)).toBe(1);
  });

  test("an SLA cell is restored as a new version in force now; a removed one comes back", async () => {
    const leaf = await category(networkId);
    const key = { categoryCode: leaf.code, grade: "GENERAL", valueTier: "STANDARD", isAppeal: false, calendarId };
    const { id: v1 } = await saveSlaCell(admin1, { ...key, ...cellValues });
    await removeSlaCell(admin1, { baseId: v1, effectiveFrom: new Date(Date.now() + 2) });
    await new Promise((r) => setTimeout(r, 5));
    expect((await db.complaint.findUniqueOrThrow({ where: { id: (await open(leaf.id)).id } })).firstResponseMin).toBe(15);
    const [first] = await revisions("slaCell", `${leaf.code}|GENERAL|STANDARD|normal`);
    await restoreRevision(admin1, { revisionId: first.id.toString() });
    expect((await db.complaint.findUniqueOrThrow({ where: { id: (await open(leaf.id)).id } })).firstResponseMin).toBe(12);
    expect((await revisions("slaCell", `${leaf.code}|GENERAL|STANDARD|normal`)).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  test("compensation limits: revisions and restore", async () => {
    const [limit] = (await listCompensationLimits(admin1)).filter((l) => l.role === "ADMIN");
    await updateCompensationLimit(admin1, { role: "ADMIN", version: limit.version, creditLimit: limit.creditLimit + 1, pointsLimit: limit.pointsLimit });
    await expect(updateCompensationLimit(admin1, { role: "ADMIN", version: limit.version, creditLimit: 1, pointsLimit: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const revs = await revisions("compensationLimit", "ADMIN");
    const previous = revs.find((r) => r.version === limit.version)!;
    expect(previous.data).toEqual({ creditLimit: limit.creditLimit, pointsLimit: limit.pointsLimit });
    await restoreRevision(admin1, { revisionId: previous.id.toString() });
    expect((await listCompensationLimits(admin1)).find((l) => l.role === "ADMIN")).toMatchObject({
      creditLimit: limit.creditLimit,
      version: limit.version + 2,
    });
    await expect(listCompensationLimits(supervisor1)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("an entity without a restorer here is refused with a field error", async () => {
    const r = await db.serviceStandardRevision.create({ data: { entity: "somethingElse", entityKey: uniqueCode("K"), version: 1, data: {} } });
    await expect(restoreRevision(admin1, { revisionId: r.id.toString() })).rejects.toMatchObject({ fields: { revisionId: "notRestorable" } });
  });
});

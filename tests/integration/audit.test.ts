import { describe, test, expect } from "vitest";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { exportAuditEntries, searchAuditEntries } from "@/lib/audit/queries";
import { auditFilterInput } from "@/lib/audit/schemas";
import { ForbiddenError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";

describe("audit viewer", () => {
  test("filters by actor, entity, action prefix and dates; keyset pages do not overlap", async () => {
    const admin = await actorFor("admin1");
    const tag = `it${crypto.randomBytes(3).toString("hex")}`;
    await db.auditLog.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        action: `${tag}.done`,
        entity: "probe",
        entityId: String(i),
        actorName: "admin1",
        at: new Date("2026-03-0" + (1 + (i % 3)) + "T10:00:00Z"),
      })),
    });
    const first = await searchAuditEntries(admin, { action: tag, entity: "probe", actor: "ADMIN1" }, 4);
    expect(first.rows).toHaveLength(4);
    const second = await searchAuditEntries(admin, { action: tag, before: first.nextBefore! }, 4);
    expect(second.rows).toHaveLength(3);
    expect(second.nextBefore).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(7);
    const day = await searchAuditEntries(admin, { action: tag, from: "2026-03-02", to: "2026-03-02" });
    expect(day.rows.map((r) => r.entityId).sort()).toEqual(["1", "4"]);
    expect((await searchAuditEntries(admin, { action: tag, entity: "other" })).rows).toEqual([]);
  });

  test("URL filters that are malformed fall back to no filter", () => {
    expect(auditFilterInput.parse({ from: "yesterday", before: "1; DROP", actor: "x".repeat(500) })).toEqual({
      actor: undefined,
      entity: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
      before: undefined,
    });
  });

  test("the export is audited; non-admins may not read or export", async () => {
    const admin = await actorFor("admin1");
    const before = await db.auditLog.count({ where: { action: "audit.exported" } });
    await exportAuditEntries(admin, { action: "user." });
    expect(await db.auditLog.count({ where: { action: "audit.exported" } })).toBe(before + 1);
    for (const u of ["agent1", "supervisor1", "manager1"]) {
      await expect(searchAuditEntries(await actorFor(u), {})).rejects.toBeInstanceOf(ForbiddenError);
      await expect(exportAuditEntries(await actorFor(u), {})).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.auditLog.count({ where: { action: "audit.exported" } })).toBe(before + 1);
  });
});

import { describe, test, expect } from "vitest";
import crypto from "node:crypto";
import pg from "pg";
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

describe("audit log cannot be rewritten", () => {
  test("an app role with only INSERT/SELECT on audit_log lacks UPDATE/DELETE/TRUNCATE privileges, and the trigger refuses them anyway", async () => {
    const role = `crm_app_${crypto.randomBytes(3).toString("hex")}`;
    const url = new URL(process.env.DATABASE_URL!);
    await db.$executeRawUnsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'app-pass'`);
    try {
      await db.$executeRawUnsafe(`GRANT USAGE ON SCHEMA public TO ${role}`);
      await db.$executeRawUnsafe(`GRANT SELECT, INSERT ON audit_log TO ${role}`);
      await db.$executeRawUnsafe(`GRANT USAGE ON SEQUENCE audit_log_id_seq TO ${role}`);
      url.username = role;
      url.password = "app-pass";
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      try {
        const { rows } = await c.query<{ id: string }>(`INSERT INTO audit_log (action, entity) VALUES ('probe.inserted', 'probe') RETURNING id`);
        const id = rows[0]!.id;
        await expect(c.query(`UPDATE audit_log SET action = 'x' WHERE id = $1`, [id])).rejects.toThrow(/permission denied/);
        await expect(c.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow(/permission denied/);
        await expect(c.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
        expect((await c.query(`SELECT action FROM audit_log WHERE id = $1`, [id])).rows[0]).toEqual({ action: "probe.inserted" });
      } finally {
        await c.end();
      }
    } finally {
      await db.$executeRawUnsafe(`REVOKE ALL ON audit_log FROM ${role}`);
      await db.$executeRawUnsafe(`REVOKE ALL ON SEQUENCE audit_log_id_seq FROM ${role}`);
      await db.$executeRawUnsafe(`REVOKE ALL ON SCHEMA public FROM ${role}`);
      await db.$executeRawUnsafe(`DROP ROLE ${role}`);
    }
  });
});

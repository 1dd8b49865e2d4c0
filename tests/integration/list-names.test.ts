// One rule for a subscriber's name in every list (lib/pii/mask.ts listCustomerName): the roles with
// customer:revealPii read the full name, every other role the surname only. Each list query is
// checked against the names stored for the rows it returned, for a role of each kind.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { maskName } from "@/lib/pii/mask";
import { enqueueValueJob } from "@/lib/scoring/jobs";
import { listRetentionWorkList } from "@/lib/scoring/queries";
import { listComplaintQueue } from "@/lib/complaints/queries";
import { listSegmentMembers } from "@/lib/segments/queries";
import { createSegment } from "@/lib/segments/commands";
import { listDashboardCustomers } from "@/lib/dashboards/customers";
import { listFollowUps } from "@/lib/surveys/follow-ups";
import { followUpFilters } from "@/lib/surveys/schemas";
import { createComplaint } from "@/tests/factories/complaints";
import { createCustomer } from "@/tests/factories/customers";
import { createSurveyFollowUp } from "@/tests/factories/surveys";
import { actorFor } from "./helpers";

let agent: Actor, supervisor: Actor, manager: Actor, admin: Actor;

/** Every row's shown name against the stored one: full for revealers, maskName otherwise. */
async function expectRule(actor: Actor, rows: Array<{ id: number; name: string }>) {
  expect(rows.length).toBeGreaterThan(0);
  const stored = await db.customer.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true, name: true, type: true } });
  const byId = new Map(stored.map((c) => [c.id, c]));
  let personal = 0;
  for (const r of rows) {
    const c = byId.get(r.id)!;
    const expected = can(actor, "customer:revealPii") ? c.name : maskName(c.name, c.type);
    expect(r.name, `${actor.username}: customer ${r.id}`).toBe(expected);
    if (c.type === "INDIVIDUAL" || c.type === "FAMILY") personal++;
  }
  // A list of organisations only would pass whatever the rule: at least one personal name is checked.
  expect(personal).toBeGreaterThan(0);
}

beforeAll(async () => {
  [agent, supervisor, manager, admin] = await Promise.all(["agent1", "supervisor1", "manager1", "admin1"].map(actorFor));
  await (
    await enqueueValueJob(admin, "CHURN_TRAIN")
  ).done;
  await (
    await enqueueValueJob(admin, "RESCORE")
  ).done;
}, 120_000);

describe("names in lists follow one rule", () => {
  test("complaint queues: agents masked, supervisors in full", async () => {
    const { customer } = await createCustomer({ name: "欧阳娜娜", type: "INDIVIDUAL" });
    await createComplaint({ actor: agent, customerId: customer.id });
    await createComplaint({ actor: supervisor, customerId: customer.id });
    for (const actor of [agent, supervisor]) {
      const rows = [];
      let cursor: string | undefined;
      do {
        const page = await listComplaintQueue(actor, { queue: "mine", limit: 100, cursor });
        rows.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(rows.some((r) => r.customerId === customer.id)).toBe(true);
      await expectRule(
        actor,
        rows.map((r) => ({ id: r.customerId, name: r.customerName })),
      );
      const shown = rows.find((r) => r.customerId === customer.id)!.customerName;
      expect(shown).toBe(actor === agent ? "欧***" : "欧阳娜娜");
    }
  });

  test("retention work list", async () => {
    for (const actor of [supervisor, manager, admin]) {
      const list = await listRetentionWorkList(actor, { limit: 100 });
      await expectRule(
        actor,
        list.items.map((i) => ({ id: i.customerId, name: i.name })),
      );
    }
  });

  test("segment members", async () => {
    const s = await createSegment(manager, {
      name: "名字规则",
      kind: "STATIC",
      rules: { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "customerType", op: "in", value: ["INDIVIDUAL"] }] } as never,
    });
    for (const actor of [manager, admin]) {
      const page = await listSegmentMembers(actor, s.id, { limit: 100 });
      await expectRule(
        actor,
        page.members.map((r) => ({ id: r.id, name: r.name })),
      );
    }
  });

  test("at-risk customers behind the dashboard tile", async () => {
    const month = new Date().toISOString().slice(0, 7);
    for (const actor of [manager, admin]) {
      const page = await listDashboardCustomers(actor, {}, "atRisk", month, null, 100);
      await expectRule(
        actor,
        page.rows.map((r) => ({ id: r.id, name: r.name })),
      );
    }
  });

  test("detractor follow-ups", async () => {
    const { customer } = await createCustomer({ name: "司马光", type: "INDIVIDUAL" });
    const { followUp } = await createSurveyFollowUp({ teamId: supervisor.teamId, comment: "太慢了", customerId: customer.id });
    for (const actor of [supervisor, manager]) {
      const page = await listFollowUps(actor, followUpFilters.parse({ status: "OPEN" }), 100);
      const rows = page.rows.filter((r) => r.id === followUp.id || r.customerId === followUp.customerId);
      expect(rows.length).toBeGreaterThan(0);
      await expectRule(
        actor,
        rows.map((r) => ({ id: r.customerId, name: r.customerName })),
      );
    }
  });
});

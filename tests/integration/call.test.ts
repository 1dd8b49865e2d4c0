// Issue #20 "the call in ten actions": contact → complaint (prefill, link both ways), the resolution
// note and root cause, the line the caller was found by, and the managers' root-cause view.
import { describe, test, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { openComplaint } from "@/lib/complaints/intake";
import { transitionComplaint } from "@/lib/complaints/transitions";
import { listRootCausesForCategory, rootCausesOfCategory } from "@/lib/complaints/root-cause-queries";
import { logInteraction } from "@/lib/interactions/commands";
import { getComplaintPrefill, getLineFoundBy } from "@/lib/interactions/queries";
import { searchCustomers } from "@/lib/customers/queries";
import { listRootCauseBreakdown } from "@/lib/dashboards/root-cause-queries";
import { dashboardFilters } from "@/lib/dashboards/filters";
import { ForbiddenError, ValidationError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";
import { createInteractionReason } from "@/tests/factories/reference";

let agent1: Actor, agent2: Actor, manager1: Actor, admin1: Actor;
let overchargeId: number, billingId: number, broadbandId: number;
let reasonCode: string;

beforeAll(async () => {
  [agent1, agent2, manager1, admin1] = await Promise.all(["agent1", "agent2", "manager1", "admin1"].map(actorFor));
  const cat = (code: string) => db.complaintCategory.findUniqueOrThrow({ where: { code } }).then((c) => c.id);
  [overchargeId, billingId, broadbandId] = await Promise.all([cat("BILLING_OVERCHARGE"), cat("BILLING"), cat("BROADBAND")]);
  reasonCode = (await createInteractionReason({ complaintCategoryId: overchargeId })).code;
});

async function contact(customerId: number, lineId: number | undefined, actor = agent1) {
  return logInteraction(actor, {
    customerId,
    lineId,
    channel: "ONLINE_CHAT",
    direction: "INBOUND",
    reasonCode,
    disposition: "COMPLAINT_OPENED",
    notes: "月费扣了两次",
  });
}

describe("contact → complaint", () => {
  test("the intake starts from the contact: its line, channel, the reason's category and the notes", async () => {
    const { customer, line } = await createCustomer();
    const { id } = await contact(customer.id, line.id);
    expect(await getComplaintPrefill(agent1, customer.id, id)).toEqual({
      interactionId: id,
      lineId: line.id,
      channel: "ONLINE_CHAT",
      categoryId: overchargeId,
      reasonZh: expect.any(String),
      reasonEn: expect.any(String),
      notes: "月费扣了两次",
    });
    // Another customer's contact prefills nothing.
    const other = await createCustomer();
    expect(await getComplaintPrefill(agent1, other.customer.id, id)).toBeNull();
  });

  test("the complaint and the contact point at each other; a second intake from the contact is refused", async () => {
    const { customer, line } = await createCustomer();
    const { id: interactionId } = await contact(customer.id, line.id);
    const input = {
      customerId: customer.id,
      lineId: line.id,
      channel: "ONLINE_CHAT" as const,
      categoryId: overchargeId,
      grade: "GENERAL" as const,
      summary: "月费扣了两次",
      sourceInteractionId: interactionId,
    };
    const opened = await openComplaint(agent1, { ...input, idempotencyKey: randomUUID() });
    const c = await db.complaint.findUniqueOrThrow({ where: { id: opened.id } });
    expect(c.sourceInteractionId).toBe(interactionId);
    expect((await db.interaction.findUniqueOrThrow({ where: { id: interactionId } })).complaintId).toBe(opened.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "complaint.opened", entityId: String(opened.id) } });
    expect(audit.data).toMatchObject({ sourceInteractionId: interactionId });
    // Linked already: no prefill, and a second complaint from it is a field error, nothing written.
    expect(await getComplaintPrefill(agent1, customer.id, interactionId)).toBeNull();
    const before = await db.complaint.count({ where: { customerId: customer.id } });
    const err = await openComplaint(agent1, { ...input, idempotencyKey: randomUUID() }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual({ sourceInteractionId: "interactionHasComplaint" });
    expect(await db.complaint.count({ where: { customerId: customer.id } })).toBe(before);
  });

  test("a contact of another customer cannot be the source", async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    const { id } = await contact(a.customer.id, a.line.id);
    const err = await openComplaint(agent1, {
      customerId: b.customer.id,
      channel: "HOTLINE",
      categoryId: overchargeId,
      grade: "GENERAL",
      summary: "x",
      idempotencyKey: randomUUID(),
      sourceInteractionId: id,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual({ sourceInteractionId: "invalid" });
    expect((await db.interaction.findUniqueOrThrow({ where: { id } })).complaintId).toBeNull();
  });

  test("the line the caller was found by: a search hit's sealed number opens to that line, nothing else does", async () => {
    const { customer, line } = await createCustomer();
    const found = await searchCustomers(agent1, { q: line.msisdn });
    const hit = found.hits.find((h) => h.id === customer.id);
    expect(hit?.via).toBeTruthy();
    expect(hit?.via).not.toContain(line.msisdn);
    expect(await getLineFoundBy(agent1, customer.id, hit!.via!)).toBe(line.id);
    // The same token on another customer, a forged one, none: no line.
    const other = await createCustomer();
    expect(await getLineFoundBy(agent1, other.customer.id, hit!.via!)).toBeNull();
    expect(await getLineFoundBy(agent1, customer.id, "not-a-token")).toBeNull();
    expect(await getLineFoundBy(agent1, customer.id, undefined)).toBeNull();
  });
});

describe("resolution: a note and a root cause", () => {
  async function inProgress(categoryId = overchargeId) {
    const { customer } = await createCustomer();
    const { id } = await openComplaint(agent1, {
      customerId: customer.id,
      channel: "HOTLINE",
      categoryId,
      grade: "GENERAL",
      summary: "多扣费",
      idempotencyKey: randomUUID(),
    });
    await transitionComplaint(agent1, { complaintId: id, version: 1, action: "start" });
    return id;
  }

  test("a sub-category without its own list uses its parent's; the parent's own list is the same", async () => {
    const sub = await rootCausesOfCategory(db, overchargeId);
    const parent = await rootCausesOfCategory(db, billingId);
    expect(sub.map((r) => r.code)).toEqual(["TARIFF_MISUNDERSTOOD", "BILLING_SYSTEM_ERROR", "UNCLEAR_NOTICE", "ROAMING_RATE"]);
    expect(sub).toEqual(parent);
    expect((await listRootCausesForCategory(agent1, broadbandId)).map((r) => r.code)).toEqual(["LINE_FAULT", "CUSTOMER_EQUIPMENT", "INSTALLATION_DELAY"]);
    // Admins read complaints but do not handle them: no resolve form, no list.
    await expect(listRootCausesForCategory(admin1, broadbandId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test.each([
    ["no note, no cause", {}, { reason: "resolutionNoteRequired", rootCauseId: "rootCauseRequired" }],
    ["a blank note", { reason: "   ", cause: "BILLING_SYSTEM_ERROR" }, { reason: "resolutionNoteRequired" }],
    ["no cause", { reason: "已退费" }, { rootCauseId: "rootCauseRequired" }],
    ["another category's cause", { reason: "已退费", cause: "LINE_FAULT" }, { rootCauseId: "invalidOption" }],
  ])("refused with field errors, nothing changed: %s", async (_, given: { reason?: string; cause?: string }, fields) => {
    const id = await inProgress();
    const rootCauseId = given.cause ? (await db.complaintRootCause.findFirstOrThrow({ where: { code: given.cause } })).id : undefined;
    const audits = await db.auditLog.count({ where: { entityId: String(id) } });
    const err = await transitionComplaint(agent1, { complaintId: id, version: 2, action: "resolve", reason: given.reason, rootCauseId }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual(fields);
    const c = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: "IN_PROGRESS", version: 2, rootCauseId: null, resolvedAt: null });
    expect(await db.auditLog.count({ where: { entityId: String(id) } })).toBe(audits);
  });

  test("resolved with both: the cause is on the complaint, the note on its history; a reopen clears the cause", async () => {
    const id = await inProgress();
    const cause = await db.complaintRootCause.findFirstOrThrow({ where: { code: "TARIFF_MISUNDERSTOOD" } });
    await transitionComplaint(agent1, { complaintId: id, version: 2, action: "resolve", reason: "解释了套餐资费", rootCauseId: cause.id });
    const c = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: "RESOLVED", rootCauseId: cause.id });
    const change = await db.complaintStatusChange.findFirstOrThrow({ where: { complaintId: id, action: "resolve" } });
    expect(change.reason).toBe("解释了套餐资费");
    // A cause on another step is refused.
    await expect(
      transitionComplaint(agent1, { complaintId: id, version: 3, action: "reopen", reason: "客户不认可", rootCauseId: cause.id }),
    ).rejects.toBeInstanceOf(ValidationError);
    await transitionComplaint(agent1, { complaintId: id, version: 3, action: "reopen", reason: "客户不认可" });
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).rootCauseId).toBeNull();
  });

  test("another team's agent cannot resolve it (not found), and nothing changes", async () => {
    const id = await inProgress();
    const cause = await db.complaintRootCause.findFirstOrThrow({ where: { code: "TARIFF_MISUNDERSTOOD" } });
    await expect(transitionComplaint(agent2, { complaintId: id, version: 2, action: "resolve", reason: "x", rootCauseId: cause.id })).rejects.toMatchObject({
      code: "notFound",
    });
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).status).toBe("IN_PROGRESS");
  });
});

describe("root causes for managers", () => {
  test("resolved complaints of the period by category and cause, with shares; agents may not read it", async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // the operator's day (Asia/Shanghai)
    const f = dashboardFilters().parse({ from: today, to: today, category: String(broadbandId) });
    const before = await listRootCauseBreakdown(manager1, f);
    const count = (rows: typeof before, code: string | null) =>
      rows.find((r) => (code === null ? r.rootCauseId === null : r.rootCauseZh !== null && r.rootCauseId === causes[code]))?.resolved ?? 0;
    const causes = Object.fromEntries(
      (await db.complaintRootCause.findMany({ where: { code: { in: ["LINE_FAULT", "CUSTOMER_EQUIPMENT"] } } })).map((r) => [r.code, r.id]),
    );
    for (const code of ["LINE_FAULT", "LINE_FAULT", "CUSTOMER_EQUIPMENT"]) {
      const { customer } = await createCustomer();
      const { id } = await openComplaint(agent1, {
        customerId: customer.id,
        channel: "HOTLINE",
        categoryId: broadbandId,
        grade: "GENERAL",
        summary: "断网",
        idempotencyKey: randomUUID(),
      });
      await transitionComplaint(agent1, { complaintId: id, version: 1, action: "resolve", reason: "已修复", rootCauseId: causes[code] });
    }
    const after = await listRootCauseBreakdown(manager1, f);
    expect(count(after, "LINE_FAULT") - count(before, "LINE_FAULT")).toBe(2);
    expect(count(after, "CUSTOMER_EQUIPMENT") - count(before, "CUSTOMER_EQUIPMENT")).toBe(1);
    expect(after.every((r) => r.categoryId === broadbandId)).toBe(true);
    expect(after.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 6);
    await expect(listRootCauseBreakdown(agent1, f)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

import { describe, test, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { assignComplaint, autoAssignComplaint } from "@/lib/complaints/assignment";
import { addComplaintComment, recordComplaintFeedback } from "@/lib/complaints/comments";
import { decideCompensation, requestCompensation } from "@/lib/complaints/compensation";
import { openComplaint } from "@/lib/complaints/intake";
import { markNotificationsRead } from "@/lib/complaints/notifications";
import { recordReturnVisit, transitionComplaint } from "@/lib/complaints/transitions";
import { bulkReplyIncident, bulkTransitionIncident, createIncident, linkComplaintsToIncident } from "@/lib/complaints/incidents";
import { countUnreadNotifications, getAppealReport, getComplaintDetail, listComplaintQueue, listCustomerComplaints } from "@/lib/complaints/queries";
import { runSlaScan } from "@/lib/complaints/sla-scan";
import { listCompensationLimits } from "@/lib/complaints/compensation-limits";
import { listSlaMatrix, saveSlaCell } from "@/lib/sla/matrix";
import { updateCalendarYear } from "@/lib/sla/calendars";
import { compactDates } from "@/lib/sla/calendar-dates";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";

let agent1: Actor, agent2: Actor, supervisor1: Actor, supervisor2: Actor, manager1: Actor, admin1: Actor;
let customerId: number;
let billingId: number;

beforeAll(async () => {
  [agent1, agent2, supervisor1, supervisor2, manager1, admin1] = await Promise.all(
    ["agent1", "agent2", "supervisor1", "supervisor2", "manager1", "admin1"].map(actorFor),
  );
  // This file's own customer: unscored, so a Standard-tier customer (the general SLA row).
  customerId = (await createCustomer()).customer.id;
  billingId = (await db.complaintCategory.findUniqueOrThrow({ where: { code: "BILLING" } })).id;
});

const open = (actor: Actor, extra: Record<string, unknown> = {}, now?: Date) =>
  openComplaint(
    actor,
    {
      customerId,
      channel: "HOTLINE",
      categoryId: billingId,
      grade: "GENERAL",
      summary: "多扣了20元",
      details: "10月账单",
      idempotencyKey: randomUUID(),
      ...extra,
    },
    null,
    now,
  );
const audits = (id: number) => db.auditLog.count({ where: { entity: "complaint", entityId: String(id) } });

describe("open", () => {
  test("the intake agent owns it; number, targets and a 15-minute first-response clock", async () => {
    const now = new Date("2026-11-23T02:00:00Z");
    const r = await open(agent1, {}, now);
    expect(r.complaintNo).toMatch(/^TS20261123\d{5}$/);
    const c = await db.complaint.findUniqueOrThrow({ where: { id: r.id } });
    expect(c).toMatchObject({
      ownerId: agent1.id,
      assigneeId: agent1.id,
      teamId: agent1.teamId,
      status: "ACKNOWLEDGED",
      firstResponseMin: 15,
      resolutionMin: 1440,
      cycleMin: 2880,
      valueTier: "STANDARD",
    });
    expect(c.firstResponseDueAt?.toISOString()).toBe("2026-11-23T02:15:00.000Z");
    expect(c.nextDueAt?.toISOString()).toBe("2026-11-23T02:15:00.000Z");
    expect(c.nextWarnAt?.toISOString()).toBe("2026-11-23T02:12:00.000Z");
    expect(await db.auditLog.count({ where: { action: "complaint.opened", entityId: String(r.id) } })).toBe(1);
  });

  test("the customer's value tier picks the SLA row: a Diamond customer gets the tighter targets", async () => {
    const { customer: diamond } = await createCustomer({ score: { score: 92, tier: "DIAMOND", percentile: 0.99, rfmCode: "555", clv: 9000, arpu: 300 } });
    const r = await open(agent1, { customerId: diamond.id });
    const c = await db.complaint.findUniqueOrThrow({ where: { id: r.id } });
    // Seeded matrix: GENERAL × DIAMOND resolves in 12 h (720 min) against 24 h for STANDARD.
    expect(c).toMatchObject({ valueTier: "DIAMOND", firstResponseMin: 10, resolutionMin: 720 });
  });

  test("a repeated submission (double click, retry) creates one complaint", async () => {
    const key = randomUUID();
    const input = { customerId, channel: "HOTLINE" as const, categoryId: billingId, grade: "GENERAL" as const, summary: "重复", idempotencyKey: key };
    const [a, b] = await Promise.all([openComplaint(agent1, input), openComplaint(agent1, input)]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await db.complaint.count({ where: { idempotencyKey: key } })).toBe(1);
    // Someone else replaying the key does not get to see that complaint.
    await expect(openComplaint(agent2, input)).rejects.toBeInstanceOf(ConflictError);
  });

  test("regulator appeals get tighter targets; major complaints alert supervisors and managers", async () => {
    const appeal = await open(agent1, { isAppeal: true });
    expect((await db.complaint.findUniqueOrThrow({ where: { id: appeal.id } })).resolutionMin).toBeLessThan(1440);
    const major = await open(agent1, { grade: "MAJOR" });
    const notified = await db.notification.findMany({ where: { complaintId: major.id, kind: "complaint.major" } });
    // The team's supervisor and every active manager (the demo has two).
    const managers = (await db.user.findMany({ where: { role: "MANAGER", isActive: true }, select: { id: true } })).map((u) => u.id);
    expect(managers).toContain(manager1.id);
    expect(notified.map((n) => n.userId).sort()).toEqual([supervisor1.id, ...managers].sort());
    // Intake routes a major complaint at once to another on-shift agent with the category's skill (lib/routing).
    const routedTo = (await db.complaint.findUniqueOrThrow({ where: { id: major.id } })).assigneeId;
    expect(routedTo).not.toBeNull();
    expect(routedTo).not.toBe(agent1.id);
  });

  test("admins (no complaint:create) may not open complaints; nothing is written", async () => {
    const before = await db.complaint.count({ where: { customerId } });
    const audits = await db.auditLog.count({ where: { actorId: admin1.id } });
    await expect(open(admin1)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.complaint.count({ where: { customerId } })).toBe(before);
    expect(await db.auditLog.count({ where: { actorId: admin1.id } })).toBe(audits);
  });
});

describe("transition", () => {
  test("start → pend pauses the clocks; resume counts again; the timeline keeps who/why", async () => {
    const t0 = new Date("2026-11-23T02:00:00Z");
    const { id } = await open(agent1, {}, t0);
    await transitionComplaint(agent1, { complaintId: id, version: 1, action: "start" }, new Date(t0.getTime() + 5 * 60_000));
    await transitionComplaint(agent1, { complaintId: id, version: 2, action: "pend", reason: "等客户提供账单截图" }, new Date(t0.getTime() + 10 * 60_000));
    const paused = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(paused.isSlaPaused).toBe(true);
    expect(paused.firstRespondedAt?.getTime()).toBe(t0.getTime() + 5 * 60_000);
    const d = await getComplaintDetail(agent1, id, new Date(t0.getTime() + 60 * 60_000));
    expect(d.clocks.find((k) => k.kind === "RESOLUTION")).toMatchObject({ status: "PAUSED", elapsedMinutes: 10 });
    expect(d.clocks.find((k) => k.kind === "FIRST_RESPONSE")?.status).toBe("MET");
    expect(d.timeline.filter((e) => e.kind === "STATUS").map((e) => e.toStatus)).toEqual(["ACKNOWLEDGED", "IN_PROGRESS", "PENDING"]);
    expect(d.timeline.at(-1)).toMatchObject({ text: "等客户提供账单截图" });
    await transitionComplaint(agent1, { complaintId: id, version: 3, action: "resume" }, new Date(t0.getTime() + 60 * 60_000));
    const resumed = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(resumed.isSlaPaused).toBe(false);
    // 10 minutes counted before the pause: resolution due 1430 minutes after the resume.
    expect(resumed.resolutionDueAt?.getTime()).toBe(t0.getTime() + (60 + 1430) * 60_000);
  });

  test("an illegal transition is refused with its own message and changes nothing", async () => {
    const { id } = await open(agent1);
    const before = await audits(id);
    const e = await transitionComplaint(agent1, { complaintId: id, version: 1, action: "close", confirmation: "CUSTOMER_CONFIRMED" }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.code).toBe("complaint.illegalTransition");
    const noReason = await transitionComplaint(agent1, { complaintId: id, version: 1, action: "cancel" }).catch((x) => x);
    expect(noReason.code).toBe("complaint.reasonRequired");
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).status).toBe("ACKNOWLEDGED");
    expect(await audits(id)).toBe(before);
  });

  test("a stale version is a conflict, never an overwrite", async () => {
    const { id } = await open(agent1);
    await transitionComplaint(agent1, { complaintId: id, version: 1, action: "start" });
    await expect(transitionComplaint(agent1, { complaintId: id, version: 1, action: "resolve" })).rejects.toBeInstanceOf(ConflictError);
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).status).toBe("IN_PROGRESS");
  });
});

describe("one-statement writes", () => {
  test("an intake writes complaint, first status change, attachment and audit row together", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.4 bill");
    const r = await openComplaint(
      agent1,
      { customerId, channel: "HOTLINE", categoryId: billingId, grade: "GENERAL", summary: "附件", idempotencyKey: randomUUID() },
      { fileName: "bill.pdf", mimeType: "application/pdf", data: bytes },
    );
    const changes = await db.complaintStatusChange.findMany({ where: { complaintId: r.id } });
    expect(changes.map((c) => [c.action, c.fromStatus, c.toStatus, c.actorId])).toEqual([["open", null, "ACKNOWLEDGED", agent1.id]]);
    const [file] = await db.complaintAttachment.findMany({ where: { complaintId: r.id } });
    expect(file).toMatchObject({ fileName: "bill.pdf", mimeType: "application/pdf", size: bytes.byteLength, uploadedBy: agent1.id });
    expect(Buffer.from(file.data).toString()).toBe("%PDF-1.4 bill");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "complaint.opened", entityId: String(r.id) } });
    expect(audit).toMatchObject({ actorId: agent1.id, actorName: agent1.username, entity: "complaint" });
    expect(audit.data).toMatchObject({ complaintNo: r.complaintNo, customerId, grade: "GENERAL", category: "BILLING", isAppeal: false });
  });

  test("an attachment is typed by its bytes, not the browser's MIME: HTML sent as image/png is refused, a real PNG is stored as image/png", async () => {
    const intake = () => ({
      customerId,
      channel: "HOTLINE" as const,
      categoryId: billingId,
      grade: "GENERAL" as const,
      summary: "截图",
      idempotencyKey: randomUUID(),
    });
    const before = await db.complaint.count({ where: { customerId } });
    const html = new TextEncoder().encode("<html><script>alert(document.cookie)</script></html>");
    const refused = await openComplaint(agent1, intake(), { fileName: "screenshot.png", mimeType: "image/png", data: html }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.code).toBe("complaint.attachmentContent");
    expect(refused.fields).toEqual({ attachment: "fileContent" });
    const junk = new Uint8Array([0x00, 0x01, 0x02, 0x03, 0xfe]);
    await expect(openComplaint(agent1, intake(), { fileName: "bill.pdf", mimeType: "application/pdf", data: junk })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.complaint.count({ where: { customerId } })).toBe(before);

    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
    const ok = await openComplaint(agent1, intake(), { fileName: "screenshot.png", mimeType: "image/png", data: new Uint8Array(png) });
    // A JPEG whose name says .png is stored as what it is.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    const renamed = await openComplaint(agent1, intake(), { fileName: "photo.png", mimeType: "image/png", data: jpeg });
    const stored = await db.complaintAttachment.findMany({ where: { complaintId: { in: [ok.id, renamed.id] } }, orderBy: { id: "asc" } });
    expect(stored.map((a) => [a.fileName, a.mimeType])).toEqual([
      ["screenshot.png", "image/png"],
      ["photo.png", "image/jpeg"],
    ]);
  });

  test("two handlers move the same version at once: one wins, the other gets a conflict; one change, one audit row", async () => {
    const { id } = await open(agent1);
    const results = await Promise.allSettled([
      transitionComplaint(agent1, { complaintId: id, version: 1, action: "start" }),
      transitionComplaint(supervisor1, { complaintId: id, version: 1, action: "start" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")?.reason).toBeInstanceOf(ConflictError);
    expect(await db.complaintStatusChange.count({ where: { complaintId: id, action: "start" } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "complaint.transitioned", entityId: String(id) } })).toBe(1);
    expect(await db.complaint.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "IN_PROGRESS", version: 2 });
  });

  test("resolved by someone else: the owner is told to report back (首问负责制); the audit row carries the step", async () => {
    const { id } = await open(agent1);
    await transitionComplaint(supervisor1, { complaintId: id, version: 1, action: "start" });
    await transitionComplaint(supervisor1, { complaintId: id, version: 2, action: "resolve", reason: "已退费", rootCauseId: await billingCause() });
    expect(await db.notification.count({ where: { userId: agent1.id, complaintId: id, kind: "complaint.resolvedReportBack" } })).toBe(1);
    const c = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(c.resolvedAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "complaint.transitioned", entityId: String(id) }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({
      actorId: supervisor1.id,
      data: { action: "resolve", from: "IN_PROGRESS", to: "RESOLVED", reason: "已退费", confirmation: null, rootCauseId: await billingCause() },
    });
    // The owner resolving their own complaint notifies nobody.
    const own = await open(agent1);
    await transitionComplaint(agent1, { complaintId: own.id, version: 1, action: "start" });
    await transitionComplaint(agent1, { complaintId: own.id, version: 2, action: "resolve", reason: "已退费", rootCauseId: await billingCause() });
    expect(await db.notification.count({ where: { complaintId: own.id, kind: "complaint.resolvedReportBack" } })).toBe(0);
  });
});

describe("who may not", () => {
  test("an agent of team 2 gets not-found on team 1's complaint for every command; nothing changes, no audit row", async () => {
    const { id } = await open(agent1);
    const before = await db.complaint.findUniqueOrThrow({ where: { id } });
    const auditBefore = await audits(id);
    const commentsBefore = await db.complaintComment.count({ where: { complaintId: id } });
    const attempts = [
      () => transitionComplaint(agent2, { complaintId: id, version: 1, action: "start" }),
      () => assignComplaint(agent2, { complaintId: id, version: 1, assigneeId: agent2.id }),
      () => addComplaintComment(agent2, { complaintId: id, kind: "INTERNAL", body: "x" }),
      () => recordComplaintFeedback(agent2, { complaintId: id, version: 1, body: "x" }),
      () => recordReturnVisit(agent2, { complaintId: id, version: 1, satisfied: true }),
      () => requestCompensation(agent2, { complaintId: id, kind: "CREDIT", amount: 5, reason: "x" }),
      () => getComplaintDetail(agent2, id),
      () => getComplaintDetail(supervisor2, id),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.complaint.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await audits(id)).toBe(auditBefore);
    expect(await db.complaintComment.count({ where: { complaintId: id } })).toBe(commentsBefore);
    expect((await listComplaintQueue(agent2, { queue: "team" })).rows.map((r) => r.id)).not.toContain(id);
    expect((await listCustomerComplaints(agent2, customerId)).map((r) => r.id)).not.toContain(id);
    // In scope for team 1's supervisor and for the manager.
    expect((await getComplaintDetail(supervisor1, id)).id).toBe(id);
    expect((await getComplaintDetail(manager1, id)).id).toBe(id);
  });

  test("an agent may not reassign a colleague's complaint; admins may not handle complaints", async () => {
    const { id } = await open(supervisor1);
    await expect(assignComplaint(agent1, { complaintId: id, version: 1, assigneeId: agent1.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(transitionComplaint(admin1, { complaintId: id, version: 1, action: "start" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await audits(id)).toBe(1);
  });
});

describe("assignment, feedback, return visit, compensation", () => {
  test("a supervisor reassigns: the owner stays; the new handler is notified", async () => {
    const { id } = await open(agent1);
    const other = await db.user.findFirstOrThrow({
      where: { role: "AGENT", isActive: true, teamId: agent1.teamId, id: { not: agent1.id } },
      orderBy: { id: "asc" },
    });
    await assignComplaint(supervisor1, { complaintId: id, version: 1, assigneeId: other.id, note: "技能匹配" });
    const c = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ ownerId: agent1.id, assigneeId: other.id, version: 2 });
    expect(await db.notification.count({ where: { userId: other.id, complaintId: id, kind: "complaint.assigned" } })).toBe(1);
    expect((await listComplaintQueue(agent1, { queue: "mine" })).rows.map((r) => r.id)).toContain(id);
  });

  test("feedback stops the owner-feedback clock; a dissatisfied return visit reopens, a satisfied one closes", async () => {
    const { id } = await open(agent1);
    await transitionComplaint(agent1, { complaintId: id, version: 1, action: "start" });
    await recordComplaintFeedback(agent1, { complaintId: id, version: 2, body: "已退还20元" });
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).feedbackDueAt).toBeNull();
    await transitionComplaint(agent1, { complaintId: id, version: 3, action: "resolve", reason: "已退费", rootCauseId: await billingCause() });
    await expect(recordReturnVisit(agent1, { complaintId: id, version: 4, satisfied: false })).rejects.toBeInstanceOf(ValidationError);
    expect(await recordReturnVisit(agent1, { complaintId: id, version: 4, satisfied: false, notes: "还没到账" })).toEqual({ status: "IN_PROGRESS" });
    await transitionComplaint(agent1, { complaintId: id, version: 5, action: "resolve", reason: "已到账", rootCauseId: await billingCause() });
    expect(await recordReturnVisit(agent1, { complaintId: id, version: 6, satisfied: true, notes: "满意" })).toEqual({ status: "CLOSED" });
    const changes = await db.complaintStatusChange.findMany({ where: { complaintId: id }, orderBy: { id: "asc" } });
    expect(changes.map((s) => s.action)).toEqual(["open", "start", "resolve", "reopen", "resolve", "close"]);
    expect(changes.at(-1)?.reason).toBe("RETURN_VISIT");
    const closed = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(closed.nextDueAt).toBeNull();
    expect(closed.closedAt).not.toBeNull();
  });

  test("compensation within the agent's limit is approved; above it waits for the supervisor, who approves", async () => {
    const { id } = await open(agent1);
    expect((await requestCompensation(agent1, { complaintId: id, kind: "CREDIT", amount: 20, reason: "多扣费" })).status).toBe("APPROVED");
    const big = await requestCompensation(agent1, { complaintId: id, kind: "CREDIT", amount: 120, reason: "多月多扣" });
    expect(big.status).toBe("PENDING_APPROVAL");
    expect(await db.notification.count({ where: { userId: supervisor1.id, complaintId: id, kind: "complaint.compensationPending" } })).toBe(1);
    await expect(decideCompensation(agent1, { compensationId: big.id, version: 1, approve: true })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(decideCompensation(supervisor2, { compensationId: big.id, version: 1, approve: true })).rejects.toBeInstanceOf(NotFoundError);
    await decideCompensation(supervisor1, { compensationId: big.id, version: 1, approve: true });
    expect((await db.complaintCompensation.findUniqueOrThrow({ where: { id: big.id } })).status).toBe("APPROVED");
    await expect(decideCompensation(supervisor1, { compensationId: big.id, version: 1, approve: false })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("SLA scan", () => {
  test("with a moved clock: warn, breach, escalate agent → supervisor → manager, each once", async () => {
    const t0 = new Date(Date.now() - 1000);
    const { id } = await open(agent1, {}, t0);
    const at = (min: number) => new Date(t0.getTime() + min * 60_000);
    const kinds = async (userId: number) => (await db.notification.findMany({ where: { userId, complaintId: id } })).map((n) => n.kind).sort();

    await runSlaScan(at(13)); // 80 % of 15 minutes
    expect(await kinds(agent1.id)).toEqual(["complaint.atRisk"]);
    await runSlaScan(at(16)); // breached: step 1 (agent) at once
    const c = await db.complaint.findUniqueOrThrow({ where: { id } });
    expect(c.breachedAt?.toISOString()).toBe(at(15).toISOString());
    expect(c.escalationLevel).toBe(1);
    expect(await kinds(supervisor1.id)).toEqual([]);
    await runSlaScan(at(31)); // 15 minutes after the breach: the supervisor
    expect(await kinds(supervisor1.id)).toEqual(["complaint.escalated"]);
    expect(await kinds(supervisor2.id)).toEqual([]);
    await Promise.all([runSlaScan(at(80)), runSlaScan(at(80))]); // two instances at once
    expect(await kinds(manager1.id)).toEqual(["complaint.escalated"]);
    expect(await kinds(agent1.id)).toEqual(["complaint.atRisk", "complaint.escalated"]);
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).escalationLevel).toBe(3);
    expect(await db.auditLog.count({ where: { action: "complaint.escalated", entityId: String(id) } })).toBe(3);
    // The seed and other tests leave breached complaints too: walk the keyset pages of the breached queue.
    const breachedIds: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listComplaintQueue(supervisor1, { queue: "breached", cursor });
      breachedIds.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && !breachedIds.includes(id));
    expect(breachedIds).toContain(id);
    expect(await countUnreadNotifications(supervisor1)).toBeGreaterThan(0);
    await markNotificationsRead(supervisor1, "all");
    expect(await countUnreadNotifications(supervisor1)).toBe(0);
  });

  test("a paused complaint is not breached", async () => {
    const t0 = new Date(Date.now() - 1000);
    const { id } = await open(agent1, {}, t0);
    await transitionComplaint(agent1, { complaintId: id, version: 1, action: "start" }, t0);
    await transitionComplaint(agent1, { complaintId: id, version: 2, action: "hold", reason: "等网络部门" }, t0);
    await runSlaScan(new Date(t0.getTime() + 3 * 86_400_000));
    expect((await db.complaint.findUniqueOrThrow({ where: { id } })).breachedAt).toBeNull();
  });
});

describe("queues", () => {
  test("sorted by the nearest deadline, keyset-paginated without repeats", async () => {
    for (let i = 0; i < 3; i++) await open(agent1);
    const seen: number[] = [];
    let cursor: string | undefined;
    let lastDue = 0;
    do {
      const page = await listComplaintQueue(agent1, { queue: "mine", limit: 2, cursor });
      for (const r of page.rows) {
        expect(r.nextDueAt!.getTime()).toBeGreaterThanOrEqual(lastDue);
        lastDue = r.nextDueAt!.getTime();
        seen.push(r.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  test('"mine" holds what I own and what I handle, each once', async () => {
    const handedOn = await open(agent1);
    await assignComplaint(supervisor1, { complaintId: handedOn.id, version: 1, assigneeId: agent2.id });
    const all = async (actor: Actor) => {
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await listComplaintQueue(actor, { queue: "mine", limit: 50, cursor });
        ids.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };
    const mine1 = await all(agent1);
    const mine2 = await all(agent2);
    expect(mine1.filter((id) => id === handedOn.id)).toHaveLength(1); // the owner (首问负责制)
    expect(mine2.filter((id) => id === handedOn.id)).toHaveLength(1); // the handler
    expect(new Set(mine1).size).toBe(mine1.length);
  });
});

describe("service standards", () => {
  test("an admin changes a target: new complaints follow it, earlier ones keep theirs; versioned and audited", async () => {
    const general = (await listSlaMatrix(admin1)).find((t) => t.categoryCode === "*" && t.grade === "GENERAL" && t.valueTier === "STANDARD" && !t.isAppeal)!;
    const cell = {
      categoryCode: "*",
      grade: "GENERAL",
      valueTier: "STANDARD",
      isAppeal: false,
      feedbackMin: 1440,
      resolutionMin: 1440,
      cycleMin: 2880,
      calendarId: general.calendarId,
      warnRatio: 0.8,
    };
    const before = await open(agent1);
    const { id: newId } = await saveSlaCell(admin1, { ...cell, baseId: general.id, firstResponseMin: 20 });
    try {
      await expect(saveSlaCell(admin1, { ...cell, baseId: general.id, firstResponseMin: 25 })).rejects.toBeInstanceOf(ConflictError);
      const after = await open(agent1);
      expect((await db.complaint.findUniqueOrThrow({ where: { id: after.id } })).firstResponseMin).toBe(20);
      expect((await db.complaint.findUniqueOrThrow({ where: { id: before.id } })).firstResponseMin).toBe(15);
      expect(await db.auditLog.count({ where: { action: "slaTarget.updated", entityId: String(newId) } })).toBe(1);
    } finally {
      // Back to the seeded value for the other tests of this file, which expect the 15-minute target.
      await saveSlaCell(admin1, { ...cell, baseId: newId, firstResponseMin: 15, effectiveFrom: new Date(Date.now() + 1) });
    }
    await expect(listCompensationLimits(agent1)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("a calendar edit is validated and keeps the previous version", async () => {
    const cal = await db.businessCalendarDef.findUniqueOrThrow({ where: { code: "OFFICE" } });
    const def = cal.definition as { holidays: string[]; makeupWorkdays: string[] };
    const year = { id: cal.id, version: cal.version, year: 2026 };
    await expect(updateCalendarYear(admin1, { ...year, holidays: "2026-12-31", makeupWorkdays: "2026-12-31" })).rejects.toBeInstanceOf(ValidationError);
    await updateCalendarYear(admin1, {
      ...year,
      holidays: [...compactDates(def.holidays), "2026-12-31"].join("\n"),
      makeupWorkdays: def.makeupWorkdays.join("\n"),
    });
    const next = await db.businessCalendarDef.findUniqueOrThrow({ where: { id: cal.id } });
    expect((next.definition as { holidays: string[] }).holidays).toContain("2026-12-31");
    expect(await db.serviceStandardRevision.count({ where: { entity: "calendar", entityKey: "OFFICE", version: cal.version } })).toBe(1);
    await expect(updateCalendarYear(admin1, { ...year, holidays: "", makeupWorkdays: "" })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("round-robin assignment", () => {
  test("picks a team agent with the category's skill and room, in turn; agents may not use it", async () => {
    const network = (await db.complaintCategory.findUniqueOrThrow({ where: { code: "NETWORK" } })).id;
    const a = await open(agent1, { grade: "COMPLEX", categoryId: network });
    await expect(autoAssignComplaint(agent1, { complaintId: a.id, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    const first = await autoAssignComplaint(supervisor1, { complaintId: a.id, version: 1 });
    const skilled = await db.agentProfile.findMany({ where: { skills: { has: "network" } }, select: { userId: true } });
    const team1Agents = await db.user.findMany({ where: { role: "AGENT", teamId: agent1.teamId }, select: { id: true } });
    expect(team1Agents.map((u) => u.id)).toContain(first.assigneeId);
    expect(skilled.map((s) => s.userId)).toContain(first.assigneeId);
    // Full capacity: nobody left (in any team, so intake routing leaves it in the queue too) → a clear refusal.
    const full = [...team1Agents.map((u) => u.id), ...skilled.map((s) => s.userId)];
    await db.agentProfile.updateMany({ where: { userId: { in: full } }, data: { capacity: 0 } });
    try {
      const b = await open(agent1, { grade: "COMPLEX", categoryId: network });
      const e = await autoAssignComplaint(supervisor1, { complaintId: b.id, version: 1 }).catch((x) => x);
      expect(e.code).toBe("complaint.noAgentAvailable");
    } finally {
      await db.agentProfile.updateMany({ where: { userId: { in: full } }, data: { capacity: 20 } });
    }
  });
});

describe("major incidents", () => {
  test("link, hold all (clocks pause), bulk reply, resolve all; supervisors of another team touch only their own", async () => {
    const c1 = await open(agent1);
    const c2 = await open(agent1);
    await transitionComplaint(agent1, { complaintId: c2.id, version: 1, action: "start" });
    await expect(createIncident(agent1, { title: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    const incidentId = await createIncident(supervisor1, { title: "城东基站断电", description: "3个小区无信号" });
    const link = await linkComplaintsToIncident(supervisor1, { incidentId, complaintNos: `${c1.complaintNo}\n${c2.complaintNo}\nTS0000000000000` });
    expect(link).toEqual({ linked: 2, unknown: ["TS0000000000000"] });
    // c1 is ACKNOWLEDGED: hold is not possible from there, so it is skipped, not failed.
    expect(await bulkTransitionIncident(supervisor1, { incidentId, action: "hold", reason: "基站断电" })).toEqual({ changed: 1, skipped: 1 });
    expect((await db.complaint.findUniqueOrThrow({ where: { id: c2.id } })).isSlaPaused).toBe(true);
    expect(await bulkTransitionIncident(supervisor2, { incidentId, action: "resume" })).toEqual({ changed: 0, skipped: 0 });
    expect(await bulkReplyIncident(supervisor1, { incidentId, body: "基站已恢复供电，预计30分钟内恢复信号" })).toEqual({ replied: 2 });
    expect(await db.complaintComment.count({ where: { complaintId: { in: [c1.id, c2.id] }, kind: "FEEDBACK" } })).toBe(2);
    expect(await bulkTransitionIncident(supervisor1, { incidentId, action: "resolve" })).toEqual({ changed: 2, skipped: 0 });
    expect((await db.majorIncident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe("RESOLVED");
    expect((await db.complaint.findMany({ where: { incidentId } })).map((c) => c.status)).toEqual(["RESOLVED", "RESOLVED"]);
    expect(await db.auditLog.count({ where: { entity: "incident", entityId: String(incidentId) } })).toBe(6);
  });
});

describe("appeal report", () => {
  test("counts the actor's appeals; agents may not read it", async () => {
    await open(agent1, { isAppeal: true });
    const r = await getAppealReport(supervisor1, 30);
    expect(r.totals.total).toBeGreaterThanOrEqual(1);
    expect(r.open.length).toBeGreaterThanOrEqual(1);
    expect((await getAppealReport(supervisor2, 30)).open.map((o) => o.id)).not.toContain(r.open[0].id);
    await expect(getAppealReport(agent1, 30)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

/** A root cause of the seeded Billing list (complaints opened by these tests are Billing ones). */
async function billingCause(): Promise<number> {
  return (await db.complaintRootCause.findFirstOrThrow({ where: { code: "BILLING_SYSTEM_ERROR" }, select: { id: true } })).id;
}

// The outbound call list (issue 22, docs/campaigns.md "The call list"): the claim's order, share
// (team, skills), running campaigns only, quiet hours, one held task per agent, no double claim with
// 16 agents at once; the outcome's effects (task, contact on the 360 timeline, touch, funnel);
// call-backs; who may not; the stale-claim job; the retention list's enrol and call-task actions.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { claimNextCall, recordCallOutcome, releaseStaleCallClaims } from "@/lib/campaigns/call-commands";
import { getCallListStats, getHeldCall } from "@/lib/campaigns/call-queries";
import { createRetentionCallTasks, enrolRetentionCustomers } from "@/lib/campaigns/retention-commands";
import { isQuietTime } from "@/lib/campaigns/call-rules";
import { enrolCustomers } from "@/lib/campaigns/audience";
import { listCustomerStory } from "@/lib/customers/timeline-queries";
import { DEFAULT_MARKETING_SETTINGS } from "@/lib/marketing/schemas";
import { recordTouches } from "@/lib/marketing/touches";
import { maskName } from "@/lib/pii/mask";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { createCampaign } from "@/tests/factories/campaigns";
import { createCustomer } from "@/tests/factories/customers";
import { createAgent, createTeam } from "@/tests/factories/staff";
import { actorFor } from "./helpers";
import { fingerprint, lastAuditId, auditRowsSince } from "./security/db-fingerprint";

const MIN = 60_000;
const HOUR = 3_600_000;

/** "Now" for the claims: the real time, moved to 10:00 Beijing time when the suite runs in the quiet hours. */
function dayTime(): Date {
  const now = new Date();
  if (!isQuietTime(now, DEFAULT_MARKETING_SETTINGS.quietHours)) return now;
  const local = new Date(now.getTime() + 8 * HOUR);
  const ten = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 10) - 8 * HOUR;
  return new Date(ten > now.getTime() ? ten : ten + 24 * HOUR);
}
const NOW = dayTime();

let manager: Actor, supervisor1: Actor, agent1: Actor, admin: Actor;
beforeAll(async () => {
  [manager, supervisor1, agent1, admin] = await Promise.all(["manager1", "supervisor1", "agent1", "admin1"].map(actorFor));
});

/** A team of its own with `n` agents (skills as given), so no other test's tasks are in its share. */
async function squad(n: number, skills: string[] = []) {
  const team = await createTeam();
  const agents: Actor[] = [];
  for (let i = 0; i < n; i++) agents.push((await createAgent({ teamId: team.id, profile: { skills } })).actor);
  return { team, agents };
}

async function task(data: Partial<Prisma.CallTaskUncheckedCreateInput> & { customerId?: number }) {
  const customerId = data.customerId ?? (await createCustomer()).customer.id;
  const t = await db.callTask.create({ data: { dueAt: new Date(NOW.getTime() - MIN), ...data, customerId } });
  return { ...t, id: Number(t.id) };
}

/** A running campaign with the customer enrolled (member row and its call task, for `teamId`). */
async function campaignCall(teamId: number, overrides: Parameters<typeof createCampaign>[0] = {}) {
  const campaign = await createCampaign({ status: "RUNNING", channels: ["OUTBOUND_CALL"], callTeamId: teamId, ...overrides });
  const { customer } = await createCustomer({ consentCall: true, score: { tier: "GOLD", churnBand: "HIGH", churnProbability: 0.7 } });
  await db.$transaction((tx) =>
    enrolCustomers(
      tx,
      { ...campaign, offerMode: "NONE" },
      Prisma.sql`SELECT ${customer.id}::int`,
      DEFAULT_MARKETING_SETTINGS,
      new Date(NOW.getTime() - 2 * MIN),
    ),
  );
  const t = await db.callTask.findFirstOrThrow({ where: { campaignId: campaign.id, customerId: customer.id } });
  await db.callTask.update({ where: { id: t.id }, data: { dueAt: new Date(NOW.getTime() - MIN) } });
  return { campaign, customer, taskId: Number(t.id) };
}

describe("claiming the next call", () => {
  test("priority first, then the earliest due, then the id; only due, queued tasks of the agent's share", async () => {
    const { team, agents } = await squad(1);
    const [a] = agents;
    const other = await createTeam();
    await task({ teamId: other.id, priority: 9 }); // another team's
    await task({ teamId: team.id, priority: 9, dueAt: new Date(NOW.getTime() + HOUR) }); // not due yet
    await task({ teamId: team.id, priority: 9, status: "DONE" });
    const low = await task({ teamId: team.id, priority: 1, dueAt: new Date(NOW.getTime() - 3 * HOUR) });
    const laterHigh = await task({ teamId: team.id, priority: 2, dueAt: new Date(NOW.getTime() - MIN) });
    const earlyHigh = await task({ teamId: team.id, priority: 2, dueAt: new Date(NOW.getTime() - 2 * HOUR) });
    const sameTime = await task({ teamId: team.id, priority: 2, dueAt: earlyHigh.dueAt });

    const order: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await claimNextCall(a, undefined, NOW);
      expect(r.state).toBe("claimed");
      order.push(r.taskId!);
      await recordCallOutcome(a, { taskId: r.taskId!, version: 2, outcome: "WRONG_NUMBER" }, NOW);
    }
    expect(order).toEqual([earlyHigh.id, sameTime.id, laterHigh.id, low.id]);
    expect(await claimNextCall(a, undefined, NOW)).toEqual({ taskId: null, state: "empty" });
  });

  test("claiming again returns the task held; the claim is audited and version-bumped", async () => {
    const { team, agents } = await squad(1);
    const t1 = await task({ teamId: team.id });
    await task({ teamId: team.id });
    const before = await lastAuditId();
    const first = await claimNextCall(agents[0], undefined, NOW);
    expect(first).toEqual({ taskId: t1.id, state: "claimed" });
    expect(await claimNextCall(agents[0], undefined, NOW)).toEqual({ taskId: t1.id, state: "held" });
    const row = await db.callTask.findUniqueOrThrow({ where: { id: t1.id } });
    expect(row).toMatchObject({ status: "CLAIMED", claimedById: agents[0].id, version: 2 });
    expect(row.claimedAt?.getTime()).toBe(NOW.getTime());
    expect(await auditRowsSince(before)).toEqual([{ action: "callTask.claimed", actorName: agents[0].username }]);
    expect(await db.callTask.count({ where: { claimedById: agents[0].id, status: "CLAIMED" } })).toBe(1);
  });

  test("a task with a skill goes only to an agent who has it; a task for no team to anyone", async () => {
    const { team, agents } = await squad(1, ["billing"]);
    const [plain] = agents;
    const vip = (await createAgent({ teamId: team.id, profile: { skills: ["vip", "billing"] } })).actor;
    const skilled = await task({ teamId: team.id, skill: "vip", priority: 5 });
    const ordinary = await task({ teamId: team.id, skill: "billing", priority: 4 });
    expect((await claimNextCall(plain, undefined, NOW)).taskId).toBe(ordinary.id);
    expect((await claimNextCall(vip, undefined, NOW)).taskId).toBe(skilled.id);
    // A task for no team, at a priority above everything else in the base: the next agent of any team takes it.
    const { agents: others } = await squad(1);
    const anyone = await task({ teamId: null, priority: 1000 });
    expect((await claimNextCall(others[0], undefined, NOW)).taskId).toBe(anyone.id);
  });

  test("a paused campaign's calls are not claimable; a running one's and rule tasks (no campaign) are", async () => {
    const { team, agents } = await squad(1);
    const paused = await campaignCall(team.id, { status: "PAUSED" });
    await db.callTask.update({ where: { id: paused.taskId }, data: { priority: 9 } });
    const running = await campaignCall(team.id);
    const rule = await task({ teamId: team.id, priority: 0, dueAt: new Date(NOW.getTime() - 5 * HOUR) });
    expect((await claimNextCall(agents[0], undefined, NOW)).taskId).toBe(running.taskId); // GOLD → priority 2
    await recordCallOutcome(agents[0], { taskId: running.taskId, version: 2, outcome: "REACHED" }, NOW);
    expect((await claimNextCall(agents[0], undefined, NOW)).taskId).toBe(rule.id);
    await recordCallOutcome(agents[0], { taskId: rule.id, version: 2, outcome: "REACHED" }, NOW);
    expect(await claimNextCall(agents[0], undefined, NOW)).toEqual({ taskId: null, state: "empty" });
    expect(await db.callTask.findUniqueOrThrow({ where: { id: paused.taskId } })).toMatchObject({ status: "QUEUED", claimedById: null });
  });

  test("nothing comes due in the quiet hours (Asia/Shanghai, wrapping midnight); a held task is still returned", async () => {
    const { team, agents } = await squad(1);
    await task({ teamId: team.id, dueAt: new Date("2026-01-01T00:00:00Z") });
    const late = new Date("2026-12-07T14:30:00Z"); // 22:30 in Beijing
    const r = await claimNextCall(agents[0], undefined, late);
    expect(r).toEqual({ taskId: null, state: "quietHours", resumesAt: new Date("2026-12-08T00:00:00Z") }); // 08:00 Beijing
    const claimed = await claimNextCall(agents[0], undefined, NOW);
    expect(claimed.state).toBe("claimed");
    expect(await claimNextCall(agents[0], undefined, late)).toEqual({ taskId: claimed.taskId, state: "held" });
  });

  test("16 agents claim at once: 16 different tasks, each claimed exactly once; a double press claims one", async () => {
    const { team, agents } = await squad(16);
    const ids = new Set<number>();
    for (let i = 0; i < 24; i++) ids.add((await task({ teamId: team.id, priority: i % 3 })).id);
    const results = await Promise.all(agents.map((a) => claimNextCall(a, undefined, NOW)));
    const got = results.map((r) => r.taskId);
    expect(got.every((id) => id !== null && ids.has(id))).toBe(true);
    expect(new Set(got).size).toBe(16);
    const claimed = await db.callTask.findMany({ where: { teamId: team.id, status: "CLAIMED" } });
    expect(claimed).toHaveLength(16);
    expect(new Set(claimed.map((c) => c.claimedById)).size).toBe(16);
    expect(claimed.every((c) => c.version === 2)).toBe(true);
    // The highest priorities went first: all eight priority-2 tasks are among the claimed.
    expect(claimed.filter((c) => c.priority === 2)).toHaveLength(8);

    // One agent pressing twice at the same moment holds one task.
    const {
      team: t2,
      agents: [solo],
    } = await squad(1);
    for (let i = 0; i < 4; i++) await task({ teamId: t2.id });
    const twice = await Promise.all([claimNextCall(solo, undefined, NOW), claimNextCall(solo, undefined, NOW), claimNextCall(solo, undefined, NOW)]);
    expect(new Set(twice.map((r) => r.taskId)).size).toBe(1);
    expect(await db.callTask.count({ where: { claimedById: solo.id, status: "CLAIMED" } })).toBe(1);
  });

  test("a customer being called is not handed to a second agent through another of their tasks", async () => {
    const { team, agents } = await squad(2);
    const { customer } = await createCustomer();
    const first = await task({ teamId: team.id, customerId: customer.id, priority: 5 });
    const second = await task({ teamId: team.id, customerId: customer.id, priority: 5 });
    const other = await task({ teamId: team.id, priority: 0 });
    expect((await claimNextCall(agents[0], undefined, NOW)).taskId).toBe(first.id);
    expect((await claimNextCall(agents[1], undefined, NOW)).taskId).toBe(other.id);
    expect(await db.callTask.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "QUEUED" });
  });

  test("who may not: managers and admins have no call list", async () => {
    for (const who of [manager, admin]) await expect(claimNextCall(who, undefined, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("claims older than 30 minutes go back to the queue (audited as the system)", async () => {
    const { team, agents } = await squad(2);
    const t = await task({ teamId: team.id });
    await claimNextCall(agents[0], undefined, NOW);
    await db.callTask.update({ where: { id: t.id }, data: { claimedAt: new Date(NOW.getTime() - 31 * MIN) } });
    const fresh = await task({ teamId: team.id });
    await claimNextCall(agents[1], undefined, NOW);
    const before = await lastAuditId();
    expect(await releaseStaleCallClaims(NOW)).toEqual({ released: 1 });
    expect(await db.callTask.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ status: "QUEUED", claimedById: null, claimedAt: null, version: 3 });
    expect(await db.callTask.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ status: "CLAIMED", claimedById: agents[1].id });
    expect(await auditRowsSince(before)).toEqual([{ action: "callTask.released", actorName: "system" }]);
    // The agent whose claim lapsed cannot record on it any more.
    await expect(recordCallOutcome(agents[0], { taskId: t.id, version: 2, outcome: "REACHED" }, NOW)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("recording the outcome", () => {
  test("ACCEPTED: the task is done; a contact on the 360 timeline, a touch, the member reached and accepted — in one transaction", async () => {
    const { team, agents } = await squad(1);
    const [a] = agents;
    const { campaign, customer, taskId } = await campaignCall(team.id);
    await claimNextCall(a, undefined, NOW);
    const before = await lastAuditId();
    const r = await recordCallOutcome(a, { taskId, version: 2, outcome: "ACCEPTED", note: "Takes the 10 GB pack" }, NOW);
    expect(r).toEqual({ status: "DONE", dueAt: null });
    expect(await db.callTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: "DONE",
      attempts: 1,
      lastOutcome: "ACCEPTED",
      claimedById: a.id,
      doneAt: NOW,
      version: 3,
    });
    const contact = await db.interaction.findFirstOrThrow({ where: { callTaskId: BigInt(taskId) } });
    expect(contact).toMatchObject({
      customerId: customer.id,
      channel: "OUTBOUND_CALL",
      direction: "OUTBOUND",
      disposition: "RESOLVED",
      notes: "Takes the 10 GB pack",
      agentId: a.id,
      campaignId: campaign.id,
      occurredAt: NOW,
    });
    const touches = await db.marketingTouch.findMany({ where: { customerId: customer.id } });
    expect(touches.map((x) => [x.channel, x.campaignId, x.at.getTime()])).toEqual([["OUTBOUND_CALL", campaign.id, NOW.getTime()]]);
    const m = await db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId: campaign.id, customerId: customer.id } } });
    expect([m.contactedAt, m.reachedAt, m.acceptedAt, m.declinedAt]).toEqual([NOW, NOW, NOW, null]);
    const audit = await db.auditLog.findMany({ where: { id: { gt: before } } });
    expect(audit.map((x) => x.action)).toEqual(["callTask.outcomeRecorded"]);
    expect(JSON.stringify(audit[0]!.data)).not.toContain("10 GB"); // the note stays out of the audit
    // The contact is on the customer's 360 story.
    const story = await listCustomerStory(a, { customerId: customer.id });
    expect(story.items.find((i) => i.kind === "contact")).toMatchObject({
      channel: "OUTBOUND_CALL",
      direction: "OUTBOUND",
      disposition: "RESOLVED",
      notes: "Takes the 10 GB pack",
    });
  });

  test("CALL_BACK re-queues at the chosen time (within the window, in the future, outside quiet hours); a refused time changes nothing", async () => {
    const { team, agents } = await squad(1);
    const [a] = agents;
    const { campaign, customer, taskId } = await campaignCall(team.id, { endsAt: new Date(NOW.getTime() + 3 * 86_400_000) });
    await claimNextCall(a, undefined, NOW);
    const local = new Date(NOW.getTime() + 8 * HOUR);
    const tomorrowAt = (hourUtc: number) => new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1, hourUtc));
    const refused: Array<[Date, string]> = [
      [new Date(NOW.getTime() - MIN), "callBackPast"],
      [new Date(NOW.getTime() + 4 * 86_400_000), "callBackAfterWindow"],
      [tomorrowAt(15), "callBackQuietHours"], // 23:00 Beijing tomorrow
    ];
    const before = await fingerprint();
    const audit = await lastAuditId();
    for (const [at, code] of refused) {
      const e = await recordCallOutcome(a, { taskId, version: 2, outcome: "CALL_BACK", callBackAt: at }, NOW).catch((x) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fields).toEqual({ callBackAt: code });
    }
    await expect(recordCallOutcome(a, { taskId, version: 2, outcome: "CALL_BACK" }, NOW)).rejects.toThrow();
    expect(await fingerprint()).toEqual(before);
    expect(await auditRowsSince(audit)).toEqual([]);

    // Tomorrow at 10:00 Beijing time (inside the 3-day window).
    const at = tomorrowAt(2);
    const r = await recordCallOutcome(a, { taskId, version: 2, outcome: "CALL_BACK", callBackAt: at, note: "Busy, call tomorrow" }, NOW);
    expect(r).toEqual({ status: "QUEUED", dueAt: at });
    expect(await db.callTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      status: "QUEUED",
      dueAt: at,
      claimedById: null,
      attempts: 1,
      lastOutcome: "CALL_BACK",
    });
    const m = await db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId: campaign.id, customerId: customer.id } } });
    expect([m.contactedAt, m.reachedAt, m.acceptedAt]).toEqual([NOW, NOW, null]);
    expect(await db.interaction.findFirstOrThrow({ where: { callTaskId: BigInt(taskId) } })).toMatchObject({ disposition: "FOLLOW_UP" });
    // Not before its time; at its time it is the next call again.
    expect(await claimNextCall(a, undefined, NOW)).toEqual({ taskId: null, state: "empty" });
    expect(await claimNextCall(a, undefined, at)).toEqual({ taskId, state: "claimed" });
  });

  test("NO_ANSWER comes back in two hours, and is done after the third attempt; DECLINED sets declined_at", async () => {
    const { team, agents } = await squad(1);
    const [a] = agents;
    const { campaign, customer, taskId } = await campaignCall(team.id);
    let now = NOW;
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await claimNextCall(a, undefined, now)).taskId).toBe(taskId);
      const version = (await db.callTask.findUniqueOrThrow({ where: { id: taskId } })).version;
      const r = await recordCallOutcome(a, { taskId, version, outcome: "NO_ANSWER" }, now);
      if (attempt < 3) expect(r).toEqual({ status: "QUEUED", dueAt: new Date(now.getTime() + 2 * HOUR) });
      else expect(r).toEqual({ status: "DONE", dueAt: null });
      now = new Date(now.getTime() + 2 * HOUR);
      if (isQuietTime(now, DEFAULT_MARKETING_SETTINGS.quietHours)) now = new Date(now.getTime() + 11 * HOUR);
    }
    const m = await db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId: campaign.id, customerId: customer.id } } });
    expect(m.contactedAt).toEqual(NOW); // the first attempt
    expect(m.reachedAt).toBeNull();
    expect(await db.marketingTouch.count({ where: { customerId: customer.id } })).toBe(3);

    const d = await campaignCall(team.id);
    await claimNextCall(a, undefined, NOW);
    await recordCallOutcome(a, { taskId: d.taskId, version: 2, outcome: "DECLINED" }, NOW);
    const dm = await db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId: d.campaign.id, customerId: d.customer.id } } });
    expect([dm.reachedAt, dm.declinedAt, dm.acceptedAt]).toEqual([NOW, NOW, null]);
  });

  test("who may not: a colleague, another team's agent and a manager; a stale version is a conflict — nothing changes", async () => {
    const { team, agents } = await squad(2);
    const [holder, colleague] = agents;
    const {
      agents: [stranger],
    } = await squad(1);
    const t = await task({ teamId: team.id });
    await claimNextCall(holder, undefined, NOW);
    const before = await fingerprint();
    const audit = await lastAuditId();
    for (const who of [colleague, stranger]) {
      await expect(recordCallOutcome(who, { taskId: t.id, version: 2, outcome: "REACHED" }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(recordCallOutcome(manager, { taskId: t.id, version: 2, outcome: "REACHED" }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordCallOutcome(holder, { taskId: t.id, version: 1, outcome: "REACHED" }, NOW)).rejects.toBeInstanceOf(ConflictError);
    await expect(recordCallOutcome(holder, { taskId: t.id, version: 2, outcome: "REACHED", note: "x".repeat(501) }, NOW)).rejects.toThrow();
    expect(await fingerprint()).toEqual(before);
    expect(await auditRowsSince(audit)).toEqual([]);
  });
});

describe("the call screen and the team's figures", () => {
  test("the held call: masked name and number for an agent, tier, churn, open complaints, last contacts; the supervisor's figures", async () => {
    const { team, agents } = await squad(1);
    const [a] = agents;
    const { customer, taskId } = await campaignCall(team.id);
    await db.interaction.create({
      data: { customerId: customer.id, channel: "HOTLINE", direction: "INBOUND", disposition: "INFO_PROVIDED", reasonCode: "BILL_QUERY" },
    });
    expect(await getHeldCall(a)).toBeNull();
    await claimNextCall(a, undefined, NOW);
    const held = (await getHeldCall(a))!;
    const line = await db.line.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(held).toMatchObject({ taskId, version: 2, attempts: 0 });
    expect(held.customer).toMatchObject({
      id: customer.id,
      name: maskName(customer.name, customer.type),
      numberMasked: `${line.msisdn.slice(0, 3)}****${line.msisdn.slice(-4)}`,
      tier: "GOLD",
      churnBand: "HIGH",
      openComplaints: 0,
      planZh: expect.any(String),
    });
    expect(held.customer.consent.call).toBe(true);
    expect(held.lastContacts[0]).toMatchObject({ channel: "HOTLINE", reasonEn: "Bill enquiry" });
    expect(held.campaign?.scriptEn).toContain("{name}");

    await recordCallOutcome(a, { taskId, version: 2, outcome: "ACCEPTED" }, NOW);
    // The team's supervisor (a supervisor of this team, made for the test) sees the day's figures.
    const lead = (await createAgent({ teamId: team.id, role: "SUPERVISOR" })).actor;
    const stats = await getCallListStats(lead, NOW);
    const row = stats.byCampaign.find((r) => r.campaignId === held.campaign!.id)!;
    expect(row).toMatchObject({ queued: 0, claimed: 0, callsToday: 1, doneToday: 1, status: "RUNNING" });
    expect(stats.agents).toEqual([{ id: a.id, name: expect.any(String), holdingSince: null, callsToday: 1, doneToday: 1 }]);
    await expect(getCallListStats(a, NOW)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the retention list's one-step actions", () => {
  async function customers() {
    const ok = (await createCustomer({ consentCall: true, consentSms: true, score: { tier: "DIAMOND", churnBand: "HIGH", churnProbability: 0.8 } })).customer;
    const noConsent = (await createCustomer({ consentCall: false, consentSms: false, consentEmail: false, consentPush: false })).customer;
    const dnd = (await createCustomer({ doNotDisturb: true })).customer;
    const churned = (await createCustomer({ status: "CHURNED", churnedAt: new Date() })).customer;
    const capped = (await createCustomer({ consentCall: true, consentSms: true })).customer;
    await db.$transaction((tx) =>
      recordTouches(
        tx,
        Array.from({ length: DEFAULT_MARKETING_SETTINGS.caps.overall }, () => ({ customerId: capped.id, channel: "PUSH" as const })),
      ),
    );
    return { ok, noConsent, dnd, churned, capped };
  }

  test("a manager enrols the ticked customers into a running campaign and hears who was left out and why", async () => {
    const c = await customers();
    const campaign = await createCampaign({ status: "RUNNING", channels: ["OUTBOUND_CALL", "SMS"], callTeamId: supervisor1.teamId });
    const member = (await createCustomer()).customer;
    await db.$transaction((tx) =>
      enrolCustomers(tx, { ...campaign, offerMode: "NONE" }, Prisma.sql`SELECT ${member.id}::int`, DEFAULT_MARKETING_SETTINGS, new Date()),
    );
    const ids = [c.ok.id, c.noConsent.id, c.dnd.id, c.churned.id, c.capped.id, member.id, 2_000_000_000];
    const before = await lastAuditId();
    const r = await enrolRetentionCustomers(manager, { campaignId: campaign.id, customerIds: ids });
    expect(r).toEqual({ done: 1, leftOut: { noConsent: 1, doNotDisturb: 1, churned: 1, frequencyCap: 1, alreadyMember: 1, notFound: 1 } });
    const m = await db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId: campaign.id, customerId: c.ok.id } } });
    expect(m).toMatchObject({ isControl: false, fromLaunch: false, valueTier: "DIAMOND" });
    expect(await db.callTask.findFirst({ where: { campaignId: campaign.id, customerId: c.ok.id } })).toMatchObject({ teamId: supervisor1.teamId, priority: 3 });
    const audit = await db.auditLog.findMany({ where: { id: { gt: before } } });
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([["campaignMember.enrolled", String(campaign.id)]]);
    // Again: everyone is left out now, nothing written twice.
    expect((await enrolRetentionCustomers(manager, { campaignId: campaign.id, customerIds: [c.ok.id] })).leftOut).toEqual({ alreadyMember: 1 });
  });

  test("enrolment: only running campaigns, only managers; refusals change nothing", async () => {
    const c = await customers();
    const paused = await createCampaign({ status: "PAUSED" });
    const running = await createCampaign({ status: "RUNNING" });
    const before = await fingerprint();
    const audit = await lastAuditId();
    const e = await enrolRetentionCustomers(manager, { campaignId: paused.id, customerIds: [c.ok.id] }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields).toEqual({ campaignId: "campaignNotRunning" });
    await expect(enrolRetentionCustomers(manager, { campaignId: 2_000_000_000, customerIds: [c.ok.id] })).rejects.toBeInstanceOf(NotFoundError);
    for (const who of [supervisor1, agent1, admin]) {
      await expect(enrolRetentionCustomers(who, { campaignId: running.id, customerIds: [c.ok.id] })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await fingerprint()).toEqual(before);
    expect(await auditRowsSince(audit)).toEqual([]);
  });

  test("a supervisor gives call tasks to their own team (priority by tier, never twice); another team's is not found", async () => {
    const c = await customers();
    const before = await lastAuditId();
    const r = await createRetentionCallTasks(supervisor1, {
      teamId: supervisor1.teamId!,
      note: "Contract ends next month: offer the renewal",
      customerIds: Object.values(c).map((x) => x.id),
    });
    expect(r).toEqual({ done: 1, leftOut: { noConsent: 1, doNotDisturb: 1, churned: 1, frequencyCap: 1 } });
    const t = await db.callTask.findFirstOrThrow({ where: { customerId: c.ok.id } });
    expect(t).toMatchObject({
      teamId: supervisor1.teamId,
      campaignId: null,
      priority: 3,
      status: "QUEUED",
      note: "Contract ends next month: offer the renewal",
    });
    expect((await db.auditLog.findMany({ where: { id: { gt: before } } })).map((a) => a.action)).toEqual(["callTask.created"]);
    expect(await createRetentionCallTasks(supervisor1, { teamId: supervisor1.teamId!, note: "Again", customerIds: [c.ok.id] })).toEqual({
      done: 0,
      leftOut: { alreadyQueued: 1 },
    });

    const other = await createTeam();
    const fp = await fingerprint();
    const audit = await lastAuditId();
    await expect(createRetentionCallTasks(supervisor1, { teamId: other.id, note: "x", customerIds: [c.ok.id] })).rejects.toBeInstanceOf(NotFoundError);
    for (const who of [agent1, admin])
      await expect(createRetentionCallTasks(who, { teamId: supervisor1.teamId!, note: "x", customerIds: [c.ok.id] })).rejects.toBeInstanceOf(ForbiddenError);
    const e = await createRetentionCallTasks(manager, { teamId: 2_000_000_000, note: "x", customerIds: [c.ok.id] }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect(await fingerprint()).toEqual(fp);
    expect(await auditRowsSince(audit)).toEqual([]);
    // A manager may task any team.
    const fresh = (await createCustomer({ consentCall: true })).customer;
    expect((await createRetentionCallTasks(manager, { teamId: other.id, note: "Retention call", customerIds: [fresh.id] })).done).toBe(1);
  });
});

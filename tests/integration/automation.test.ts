// Marketing automation rules (issue 22): triggers select the right customers on a fixed day, a
// firing is idempotent (two passes, two passes at once), conditions and consent/caps keep
// customers out with a reason, each action does its work, the simulation counts what a hand count
// finds, activation needs a simulation of the current version, and who may not, may not.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { DEFAULT_MARKETING_SETTINGS } from "@/lib/marketing/schemas";
import { recordTouches } from "@/lib/marketing/touches";
import { addDays, operatorDay } from "@/lib/automation/dates";
import { daysListSql, selectionSql } from "@/lib/automation/triggers";
import { runAutomation, runRule } from "@/lib/automation/run";
import { activateRule, archiveRule, createRule, pauseRule, runRuleNow, simulateRule, updateRule } from "@/lib/automation/rule-commands";
import { getRule, listRuleFirings, listRules } from "@/lib/automation/rule-queries";
import type { AutomationTriggerName, CreateRuleInput } from "@/lib/automation/schemas";
import { createCustomer, type CustomerOverrides } from "@/tests/factories/customers";
import { createCampaign } from "@/tests/factories/campaigns";
import { createSegment } from "@/tests/factories/segments";
import { createComplaint } from "@/tests/factories/complaints";
import { createSurveyInvitation, createSurveyResponse } from "@/tests/factories/surveys";
import { actorFor, auditCount } from "./helpers";

const SETTINGS = { ...DEFAULT_MARKETING_SETTINGS, quietHours: { start: "00:00", end: "00:00" } };
// 10:00 in Shanghai on 15 March 2027.
const NOW = new Date("2027-03-15T02:00:00Z");
const TODAY = "2027-03-15";
const date = (d: string) => new Date(`${d}T00:00:00Z`);

let manager: Actor;
let supervisor: Actor;
let agent: Actor;
let teamId: number;

beforeAll(async () => {
  manager = await actorFor("manager1");
  supervisor = await actorFor("supervisor1");
  agent = await actorFor("agent1");
  teamId = (await db.team.findUniqueOrThrow({ where: { code: "HOTLINE-1" } })).id;
});

/** A static segment of exactly these customers: conditions that keep the rest of the base out. */
async function segmentOf(ids: number[]): Promise<number> {
  const s = await createSegment({ kind: "STATIC", name: `auto ${ids[0]}` });
  await db.segmentMember.createMany({ data: ids.map((customerId) => ({ segmentId: s.id, customerId })) });
  return s.id;
}

async function customers(...specs: CustomerOverrides[]): Promise<number[]> {
  const out: number[] = [];
  for (const s of specs) out.push((await createCustomer(s)).customer.id);
  return out;
}

/** The trigger's (customer, key) rows for one day, among `ids`. */
async function selected(trigger: AutomationTriggerName, param: number, ids: number[], day = TODAY): Promise<string[]> {
  const segmentId = await segmentOf(ids);
  const rows = await db.$queryRaw<Array<{ customer_id: number; event_key: string }>>`
    SELECT customer_id, event_key FROM (${selectionSql(trigger, param, { segmentId, tiers: [] }, daysListSql([day]))}) x`;
  return rows.map((r) => `${ids.indexOf(r.customer_id)}:${r.event_key}`).sort();
}

function callRule(segmentId: number, overrides: Partial<CreateRuleInput> = {}): CreateRuleInput {
  return {
    name: `合约到期 ${segmentId}`,
    trigger: "CONTRACT_ENDING",
    triggerParam: 30,
    conditions: { segmentId, tiers: [] },
    action: "CALL_TASK",
    actionParams: { teamId, note: "合约30天后到期，请联系续约" },
    ...overrides,
  };
}

/** A rule made ACTIVE directly (the lifecycle is tested on its own below). */
async function activeRule(input: CreateRuleInput): Promise<number> {
  const { id } = await createRule(manager, input);
  await db.automationRule.update({ where: { id }, data: { status: "ACTIVE" } });
  return id;
}

describe("triggers on a fixed day", () => {
  test("CONTRACT_ENDING: active lines ending in exactly N days; key = the end date", async () => {
    const ids = await customers(
      { lines: [{ contractEndDate: date(addDays(TODAY, 30)) }] },
      { lines: [{ contractEndDate: date(addDays(TODAY, 31)) }] },
      { lines: [{ contractEndDate: date(addDays(TODAY, 30)), status: "TERMINATED", terminatedAt: date(TODAY) }] },
      { lines: [{ contractEndDate: null }] },
    );
    expect(await selected("CONTRACT_ENDING", 30, ids)).toEqual([`0:${addDays(TODAY, 30)}`]);
  });

  test("BIRTHDAY: month and day; 29 February on 28 February in common years only; key = the year", async () => {
    const ids = await customers({ birthDate: date("1990-02-28") }, { birthDate: date("1992-02-29") }, { birthDate: date("1990-03-01") }, { birthDate: null });
    expect(await selected("BIRTHDAY", 0, ids, "2027-02-28")).toEqual(["0:2027", "1:2027"]);
    expect(await selected("BIRTHDAY", 0, ids, "2028-02-28")).toEqual(["0:2028"]);
    expect(await selected("BIRTHDAY", 0, ids, "2028-02-29")).toEqual(["1:2028"]);
    expect(await selected("BIRTHDAY", 0, ids, "2027-03-01")).toEqual(["2:2027"]);
  });

  test("NEW_SUBSCRIBER: joined N days before; key = day-N", async () => {
    const ids = await customers({ joinedAt: date(addDays(TODAY, -7)) }, { joinedAt: date(addDays(TODAY, -6)) }, { joinedAt: date(TODAY) });
    expect(await selected("NEW_SUBSCRIBER", 7, ids)).toEqual(["0:day-7"]);
  });

  test("DETRACTOR_CLOSED: a closed complaint with a detractor answer, on the later day; key = the complaint id", async () => {
    const ids = await customers({}, {}, {});
    const make = async (customerId: number, score: number, closed: boolean) => {
      const c = await createComplaint({ customerId });
      if (closed) await db.complaint.update({ where: { id: c.id }, data: { status: "CLOSED", closedAt: new Date("2027-03-14T03:00:00Z") } });
      const { invitation } = await createSurveyInvitation({ customerId, complaintId: c.id });
      await createSurveyResponse(invitation, { score, answeredAt: NOW });
      return c.id;
    };
    const detractor = await make(ids[0], 1, true);
    await make(ids[1], 5, true); // satisfied
    await make(ids[2], 1, false); // detractor, but the complaint is still open
    expect(await selected("DETRACTOR_CLOSED", 0, ids)).toEqual([`0:${detractor}`]);
    expect(await selected("DETRACTOR_CLOSED", 0, ids, addDays(TODAY, -1))).toEqual([]);
  });

  test("CHURN_HIGH: high in the day's scoring run; key = the run id", async () => {
    const ids = await customers(
      { score: { churnBand: "HIGH", runId: 4711, computedAt: NOW } },
      { score: { churnBand: "MEDIUM", runId: 4711, computedAt: NOW } },
      { score: { churnBand: "HIGH", runId: 4700, computedAt: new Date("2027-03-01T02:00:00Z") } },
    );
    expect(await selected("CHURN_HIGH", 0, ids)).toEqual(["0:4711"]);
  });

  test("DATA_USAGE_HIGH: the latest bill's data at or above N % of the plan's quota; key = the bill month", async () => {
    const quota = (await db.plan.findUniqueOrThrow({ where: { code: "M5G-129" } })).dataQuotaMb;
    const feb = date("2027-02-01");
    const ids = await customers(
      { bills: [{ month: feb, total: 129, dataMb: Math.ceil(quota * 0.9) }] },
      { bills: [{ month: feb, total: 129, dataMb: Math.floor(quota * 0.5) }] },
      { bills: [{ month: date("2026-12-01"), total: 129, dataMb: quota * 2 }] },
    );
    expect(await selected("DATA_USAGE_HIGH", 90, ids)).toEqual(["0:2027-02"]);
  });
});

describe("a pass of the job", () => {
  test("fires once per customer and event: two passes, and two passes at once, make one task", async () => {
    const ids = await customers({ lines: [{ contractEndDate: date(addDays(TODAY, 30)) }] }, { lines: [{ contractEndDate: date(addDays(TODAY, 30)) }] });
    const id = await activeRule(callRule(await segmentOf(ids)));
    const first = await runRule(id, NOW, SETTINGS);
    expect(first).toMatchObject({ fired: 2, acted: 2, skipped: 0 });
    // Later the same day: the day was evaluated, nothing new.
    expect(await runRule(id, new Date(NOW.getTime() + 600_000), SETTINGS)).toMatchObject({ fired: 0, acted: 0 });

    // The next day, two passes at once: one of them fires for the contract ending then, the other finds it fired.
    const more = await customers({ lines: [{ contractEndDate: date(addDays(TODAY, 31)) }] });
    await db.segmentMember.create({ data: { segmentId: await segmentIdOf(id), customerId: more[0] } });
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    const both = await Promise.all([runRule(id, tomorrow, SETTINGS), runRule(id, tomorrow, SETTINGS)]);
    expect(both.map((p) => p!.fired).sort()).toEqual([0, 1]);
    const tasks = await db.callTask.findMany({ where: { ruleId: id } });
    expect(tasks.map((t) => t.customerId).sort()).toEqual([...ids, ...more].sort());
    expect(tasks.filter((t) => t.teamId === teamId && t.status === "QUEUED" && t.note.includes(addDays(TODAY, 30)))).toHaveLength(2);
    const rule = await db.automationRule.findUniqueOrThrow({ where: { id } });
    expect(rule.firedCount).toBe(3);
    expect(rule.lastRunAt).toEqual(tomorrow);
  });

  test("conditions: tiers keep only their customers; call priority follows the tier", async () => {
    const end = date(addDays(TODAY, 30));
    const ids = await customers(
      { lines: [{ contractEndDate: end }], score: { tier: "GOLD" } },
      { lines: [{ contractEndDate: end }], score: { tier: "DIAMOND" } },
      { lines: [{ contractEndDate: end }] },
    );
    const id = await activeRule(callRule(0, { conditions: { segmentId: await segmentOf(ids), tiers: ["GOLD", "DIAMOND"] } }));
    await runRule(id, NOW, SETTINGS);
    const tasks = await db.callTask.findMany({ where: { ruleId: id }, orderBy: { customerId: "asc" } });
    expect(tasks.map((t) => [t.customerId, t.priority])).toEqual([
      [ids[0], 2],
      [ids[1], 3],
    ]);
  });

  test("churned, do-not-disturb, no consent and over the cap are skipped with their reason", async () => {
    const end = date(addDays(TODAY, 30));
    const ids = await customers(
      { lines: [{ contractEndDate: end }] },
      { lines: [{ contractEndDate: end }], status: "CHURNED", churnedAt: date(TODAY) },
      { lines: [{ contractEndDate: end }], doNotDisturb: true },
      { lines: [{ contractEndDate: end }], consentCall: false },
      { lines: [{ contractEndDate: end }] },
    );
    await db.$transaction((tx) =>
      recordTouches(
        tx,
        Array.from({ length: SETTINGS.caps.perChannel.OUTBOUND_CALL }, () => ({
          customerId: ids[4],
          channel: "OUTBOUND_CALL" as const,
          at: new Date(NOW.getTime() - 86_400_000),
        })),
      ),
    );
    const id = await activeRule(callRule(await segmentOf(ids)));
    expect(await runRule(id, NOW, SETTINGS)).toMatchObject({ fired: 5, acted: 1, skipped: 4 });
    const firings = await db.automationFiring.findMany({ where: { ruleId: id } });
    const reason = (i: number) => firings.find((f) => f.customerId === ids[i])!.skipped;
    expect([0, 1, 2, 3, 4].map(reason)).toEqual([null, "churned", "doNotDisturb", "consent", "frequencyCap"]);
    expect((await db.callTask.findMany({ where: { ruleId: id } })).map((t) => t.customerId)).toEqual([ids[0]]);
    const detail = await getRule(manager, id);
    expect(Object.fromEntries(detail.outcomes.map((o) => [o.reason ?? "acted", o.n]))).toEqual({
      acted: 1,
      churned: 1,
      doNotDisturb: 1,
      consent: 1,
      frequencyCap: 1,
    });
    const firingsPage = await listRuleFirings(manager, id);
    expect(firingsPage.rows).toHaveLength(5);
    expect(firingsPage.rows.every((r) => r.name.includes("*"))).toBe(true);
  });

  test("SEND_MESSAGE queues one message per customer in the outbox, for the rule, after the quiet hours", async () => {
    const ids = await customers({ birthDate: date("1990-03-15"), consentSms: true }, { birthDate: date("1991-03-15"), consentSms: false });
    const id = await activeRule({
      name: "生日短信",
      trigger: "BIRTHDAY",
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "SEND_MESSAGE",
      actionParams: { channel: "SMS", messageZh: "{name}，生日快乐！", messageEn: "Happy birthday, {name}!" },
    });
    // 22:00 in Shanghai: inside the default quiet hours (21:00–08:00).
    const late = new Date("2027-03-15T14:00:00Z");
    expect(await runRule(id, late, DEFAULT_MARKETING_SETTINGS)).toMatchObject({ fired: 2, acted: 1 });
    const messages = await db.outboundMessage.findMany({ where: { ruleId: id } });
    expect(messages.map((m) => [m.customerId, m.channel, m.status, m.purpose])).toEqual([[ids[0], "SMS", "QUEUED", "automation"]]);
    expect(messages[0].nextAttemptAt).toEqual(new Date("2027-03-16T00:00:00Z")); // 08:00 the next morning
  });

  test("ENROL_CAMPAIGN enrols into a running campaign; a campaign no longer running pauses the rule", async () => {
    const campaign = await createCampaign({ status: "RUNNING", channels: ["SMS"] });
    const ids = await customers({ joinedAt: date(addDays(TODAY, -7)) }, { joinedAt: date(addDays(TODAY, -7)) });
    await db.campaignMember.create({ data: { campaignId: campaign.id, customerId: ids[1], isControl: true, valueTier: "STANDARD" } });
    const id = await activeRule({
      name: "新用户第7天",
      trigger: "NEW_SUBSCRIBER",
      triggerParam: 7,
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "ENROL_CAMPAIGN",
      actionParams: { campaignId: campaign.id },
    });
    expect(await runRule(id, NOW, SETTINGS)).toMatchObject({ fired: 2, acted: 1 });
    const member = await db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId: campaign.id, customerId: ids[0] } } });
    expect(member).toMatchObject({ fromLaunch: false, isControl: false });
    expect(await db.outboundMessage.count({ where: { campaignId: campaign.id, customerId: ids[0] } })).toBe(1);
    expect((await db.automationFiring.findFirstOrThrow({ where: { ruleId: id, customerId: ids[1] } })).skipped).toBe("notEnrolled");

    await db.campaign.update({ where: { id: campaign.id }, data: { status: "COMPLETED" } });
    const audits = await auditCount({ action: "automation.paused" });
    expect(await runRule(id, new Date(NOW.getTime() + 86_400_000), SETTINGS)).toMatchObject({ pausedReason: "campaignNotRunning", fired: 0 });
    expect((await db.automationRule.findUniqueOrThrow({ where: { id } })).status).toBe("PAUSED");
    expect(await auditCount({ action: "automation.paused" })).toBe(audits + 1);
  });

  test("runAutomation runs every active rule and leaves drafts alone", async () => {
    const ids = await customers({ lines: [{ contractEndDate: date(addDays(TODAY, 30)) }] });
    const segmentId = await segmentOf(ids);
    const active = await activeRule(callRule(segmentId));
    const { id: draft } = await createRule(manager, callRule(segmentId));
    const r = await runAutomation(NOW);
    expect(r.rules).toBeGreaterThanOrEqual(1);
    expect(await db.callTask.count({ where: { ruleId: active } })).toBe(1);
    expect(await db.callTask.count({ where: { ruleId: draft } })).toBe(0);
  });
});

async function segmentIdOf(ruleId: number): Promise<number> {
  const r = await db.automationRule.findUniqueOrThrow({ where: { id: ruleId } });
  return (r.conditions as { segmentId: number }).segmentId;
}

describe("simulation", () => {
  test("counts per day and distinct customers as a hand count does, after consent", async () => {
    const today = operatorDay(new Date());
    // Day 7 of a new subscriber falls on: today (2 customers), 3 days ago (1), 29 days ago (1), 30 days ago (outside).
    const joined = (back: number) => ({ joinedAt: date(addDays(today, -7 - back)) });
    const ids = await customers(
      joined(0),
      joined(0),
      joined(3),
      joined(29),
      joined(30),
      { ...joined(0), consentSms: false },
      { ...joined(3), doNotDisturb: true },
    );
    const { id } = await createRule(manager, {
      name: "新用户关怀",
      trigger: "NEW_SUBSCRIBER",
      triggerParam: 7,
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "SEND_MESSAGE",
      actionParams: { channel: "SMS", messageZh: "欢迎，{name}", messageEn: "Welcome, {name}" },
    });
    const sim = await simulateRule(manager, { id, version: 1 });
    expect(sim.customers).toBe(4);
    expect(sim.firings).toBe(4);
    expect(sim.byDay).toEqual([
      { day: addDays(today, -29), n: 1 },
      { day: addDays(today, -3), n: 1 },
      { day: today, n: 2 },
    ]);
    expect(sim.from).toBe(addDays(today, -29));
    const stored = await getRule(manager, id);
    expect(stored.simulation?.customers).toBe(4);
    expect(stored.simulationCurrent).toBe(true);
  });
});

describe("the rule's life", () => {
  test("activation needs a simulation of the current version; edits are version-checked and audited", async () => {
    const ids = await customers({ lines: [{ contractEndDate: date(addDays(operatorDay(new Date()), 30)) }] });
    const input = callRule(await segmentOf(ids));
    const { id } = await createRule(manager, input);
    await expect(activateRule(manager, { id, version: 1 })).rejects.toMatchObject({ code: "automation.simulateFirst" });
    await simulateRule(manager, { id, version: 1 });
    // An edit of what the rule does makes the simulation out of date.
    expect(await updateRule(manager, { ...input, id, version: 1, name: "合约到期（改）", actionParams: { teamId, note: "请联系续约" } })).toEqual({
      id,
      version: 2,
    });
    await expect(updateRule(manager, { ...input, id, version: 1, name: "stale" })).rejects.toMatchObject({ code: "conflict" });
    await expect(activateRule(manager, { id, version: 2 })).rejects.toMatchObject({ code: "automation.simulateFirst" });
    await simulateRule(manager, { id, version: 2 });
    expect(await activateRule(manager, { id, version: 2 })).toEqual({ id, version: 3 });
    // An active rule is not edited: it is paused first.
    await expect(updateRule(manager, { ...input, id, version: 3 })).rejects.toMatchObject({ code: "automation.notEditable" });
    const pass = await runRuleNow(manager, { id, version: 3 });
    expect(pass.acted).toBe(1);
    expect(await db.callTask.count({ where: { ruleId: id } })).toBe(1);
    await pauseRule(manager, { id, version: 3 });
    await expect(runRuleNow(manager, { id, version: 4 })).rejects.toMatchObject({ code: "automation.notActive" });
    // Paused and unchanged, its simulation still holds.
    expect((await getRule(manager, id)).simulationCurrent).toBe(true);
    await archiveRule(manager, { id, version: 4 });
    await expect(activateRule(manager, { id, version: 5 })).rejects.toMatchObject({ code: "automation.illegalTransition" });
    const actions = (await db.auditLog.findMany({ where: { entity: "automation_rule", entityId: String(id) }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual([
      "automation.created",
      "automation.simulated",
      "automation.updated",
      "automation.simulated",
      "automation.activated",
      "automation.ran",
      "automation.paused",
      "automation.archived",
    ]);
    expect((await listRules(manager, { archived: true })).rows.some((r) => r.id === id)).toBe(true);
    expect((await listRules(manager)).rows.some((r) => r.id === id)).toBe(false);
  });

  test("bad input is refused with a field and changes nothing", async () => {
    const before = await db.automationRule.count();
    const base = callRule(1);
    await expect(
      createRule(manager, {
        ...base,
        conditions: { tiers: [] },
        action: "SEND_MESSAGE",
        actionParams: { channel: "SMS", messageZh: "您好{nmae}", messageEn: "Hi {name}" },
      }),
    ).rejects.toMatchObject({ fields: { "actionParams.messageZh": "automationUnknownPlaceholder" } });
    await expect(createRule(manager, { ...base, conditions: { tiers: [] }, actionParams: { teamId: 999_999, note: "x" } })).rejects.toMatchObject({
      fields: { "actionParams.teamId": "unknownTeam" },
    });
    await expect(createRule(manager, { ...base, conditions: { tiers: [] }, triggerParam: 0 })).rejects.toBeDefined();
    await expect(createRule(manager, { ...base, conditions: { tiers: [] }, name: " " })).rejects.toBeDefined();
    expect(await db.automationRule.count()).toBe(before);
  });

  test("who may not: agents read nothing, supervisors read but change nothing", async () => {
    const { id } = await createRule(manager, { ...callRule(1), conditions: { tiers: [] } });
    const audits = await auditCount();
    await expect(listRules(agent)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getRule(agent, id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await getRule(supervisor, id)).id).toBe(id);
    for (const actor of [agent, supervisor]) {
      await expect(createRule(actor, { ...callRule(1), conditions: { tiers: [] } })).rejects.toMatchObject({ code: "forbidden" });
      await expect(simulateRule(actor, { id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
      await expect(activateRule(actor, { id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
      await expect(runRuleNow(actor, { id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    }
    const rule = await db.automationRule.findUniqueOrThrow({ where: { id } });
    expect([rule.status, rule.version, rule.lastSimulation]).toEqual(["DRAFT", 1, null]);
    expect(await auditCount()).toBe(audits);
  });
});

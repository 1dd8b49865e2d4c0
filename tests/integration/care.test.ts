// Care (issue 23): the care triggers select the right customers on a fixed day, the CARE_TASK action
// assigns round-robin and comes due on the team's next working day (quiet hours, holidays, 调休),
// GRANT_POINTS gifts through the points ledger once per event, care rules belong to admins, the
// agent's list, one-key outcomes on the timeline, reassignment and cancellation in scope, completion
// rates, the special-care flag and the festival calendar — and who may not, may not.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { DEFAULT_MARKETING_SETTINGS } from "@/lib/marketing/schemas";
import { addDays } from "@/lib/automation/dates";
import { daysListSql, selectionSql } from "@/lib/automation/triggers";
import { runRule } from "@/lib/automation/run";
import { activateCareRule, createCareRule, createRule, pauseRule, simulateCareRule } from "@/lib/automation/rule-commands";
import { getRule, listRules } from "@/lib/automation/rule-queries";
import type { AutomationTriggerName, CreateRuleInput } from "@/lib/automation/schemas";
import { cancelCareTask, reassignCareTask, recordCareOutcome, setSpecialCare } from "@/lib/care/commands";
import { getCareCompletion, listMyCareTasks, listTeamCareTasks } from "@/lib/care/queries";
import { addFestival, fillFestivalYears, listFestivals, removeFestival } from "@/lib/care/festival-commands";
import { createCustomer, type CustomerOverrides } from "@/tests/factories/customers";
import { createSegment } from "@/tests/factories/segments";
import { createAgent, createTeam, createUser } from "@/tests/factories/staff";
import { createBusinessCalendar } from "@/tests/factories/calendars";
import { createCareTask } from "@/tests/factories/care";
import { enqueueImport, processImportQueue } from "@/lib/imports/commands";
import { getImportJob } from "@/lib/imports/queries";
import { col, importRows, toImportCsv } from "@/tests/factories/import-file";
import { actorFor, auditCount } from "./helpers";

const NO_QUIET = { ...DEFAULT_MARKETING_SETTINGS, quietHours: { start: "00:00", end: "00:00" } };
// 10:00 in Shanghai on Monday 15 March 2027.
const NOW = new Date("2027-03-15T02:00:00Z");
const TODAY = "2027-03-15";
const date = (d: string) => new Date(`${d}T00:00:00Z`);

let admin: Actor;
let manager: Actor;
let supervisor: Actor;
let agent: Actor;

beforeAll(async () => {
  admin = await actorFor("admin1");
  manager = await actorFor("manager1");
  supervisor = await actorFor("supervisor1");
  agent = await actorFor("agent1");
});

async function segmentOf(ids: number[]): Promise<number> {
  const s = await createSegment({ kind: "STATIC", name: `care ${ids[0]}` });
  await db.segmentMember.createMany({ data: ids.map((customerId) => ({ segmentId: s.id, customerId })) });
  return s.id;
}

async function customers(...specs: CustomerOverrides[]): Promise<number[]> {
  const out: number[] = [];
  for (const s of specs) out.push((await createCustomer(s)).customer.id);
  return out;
}

async function selected(trigger: AutomationTriggerName, param: number, ids: number[], day = TODAY): Promise<string[]> {
  const segmentId = await segmentOf(ids);
  const rows = await db.$queryRaw<Array<{ customer_id: number; event_key: string }>>`
    SELECT DISTINCT customer_id, event_key FROM (${selectionSql(trigger, param, { segmentId, tiers: [] }, daysListSql([day]))}) x`;
  return rows.map((r) => `${ids.indexOf(r.customer_id)}:${r.event_key}`).sort();
}

async function activeCareRule(input: CreateRuleInput): Promise<number> {
  const { id } = await createCareRule(admin, input);
  await db.automationRule.update({ where: { id }, data: { status: "ACTIVE" } });
  return id;
}

describe("care triggers on a fixed day", () => {
  test("FESTIVAL: every customer N days before a care_festival day; key = code:day", async () => {
    const ids = await customers({}, {});
    await db.careFestival.upsert({
      where: { code_day: { code: "TEST_FEST", day: date("2027-03-20") } },
      create: { code: "TEST_FEST", day: date("2027-03-20"), nameZh: "测试节", nameEn: "Test day" },
      update: {},
    });
    expect(await selected("FESTIVAL", 5, ids)).toEqual(["0:TEST_FEST:2027-03-20", "1:TEST_FEST:2027-03-20"]);
    expect(await selected("FESTIVAL", 4, ids)).toEqual([]);
  });

  test("FESTIVAL: the seeded calendar has Mid-Autumn 2027 on 15 September (lunar-javascript)", async () => {
    const ids = await customers({});
    expect(await selected("FESTIVAL", 0, ids, "2027-09-15")).toEqual(["0:MID_AUTUMN:2027-09-15"]);
  });

  test("PAYMENT_DUE: February's bill is due on 20 March; N days before, the unpaid bills only; key = the bill month", async () => {
    const ids = await customers(
      { bills: [{ month: date("2027-02-01"), total: 99, paid: false }] },
      { bills: [{ month: date("2027-02-01"), total: 99, paid: true }] },
      { bills: [{ month: date("2027-01-01"), total: 99, paid: false }] },
    );
    expect(await selected("PAYMENT_DUE", 5, ids)).toEqual(["0:2027-02"]);
    expect(await selected("PAYMENT_DUE", 4, ids)).toEqual([]);
  });

  test("ARREARS: an account in arrears, once a month; key = the month", async () => {
    const ids = await customers({ account: { arrears: 35.5 } }, { account: { arrears: 0 } });
    expect(await selected("ARREARS", 0, ids)).toEqual(["0:2027-03"]);
  });

  test("PLAN_CHANGED: a plan change N days before (Asia/Shanghai); key = the change", async () => {
    const made = await createCustomer({});
    const other = await createCustomer({});
    const plan = made.line.planId;
    // 23:30 in Shanghai on 8 March (15:30 UTC): still 8 March there.
    const pc = await db.planChange.create({
      data: { lineId: made.line.id, customerId: made.customer.id, fromPlanId: plan, toPlanId: plan, at: new Date("2027-03-08T15:30:00Z") },
    });
    await db.planChange.create({
      data: { lineId: other.line.id, customerId: other.customer.id, fromPlanId: plan, toPlanId: plan, at: new Date("2027-03-08T16:30:00Z") },
    });
    expect(await selected("PLAN_CHANGED", 7, [made.customer.id, other.customer.id])).toEqual([`0:${pc.id}`]);
  });

  test("SPECIAL_CARE_VISIT: special-care customers every N days, staggered by id; key = the period", async () => {
    const ids = await customers({ specialCare: "ELDERLY" }, { specialCare: "DISABLED" }, { specialCare: "NONE" });
    const seen = new Map<number, string[]>();
    for (let i = 0; i < 30; i++) {
      for (const k of await selected("SPECIAL_CARE_VISIT", 10, ids, addDays(TODAY, i))) {
        const [idx, key] = k.split(":");
        seen.set(Number(idx), [...(seen.get(Number(idx)) ?? []), key]);
      }
    }
    // Each special-care customer three times in 30 days, each time a new period; never the third.
    expect(seen.get(0)).toHaveLength(3);
    expect(seen.get(1)).toHaveLength(3);
    expect(new Set(seen.get(0)).size).toBe(3);
    expect(seen.has(2)).toBe(false);
  });
});

describe("CARE_TASK", () => {
  test("round-robin over the team's active agents, the least loaded first; one task per event whatever the passes", async () => {
    const team = await createTeam({});
    const a = await createAgent({ teamId: team.id });
    const b = await createAgent({ teamId: team.id });
    await createAgent({ teamId: team.id, isActive: false });
    const ids = await customers(...Array.from({ length: 5 }, () => ({ birthDate: date("1960-03-15") })));
    // b already has an open task: a gets the first of the new ones.
    await createCareTask({ customerId: ids[0], teamId: team.id, assigneeId: b.user.id, dueOn: TODAY });
    const ruleId = await activeCareRule({
      name: "生日关怀",
      trigger: "BIRTHDAY",
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "CARE_TASK",
      actionParams: { teamId: team.id, kind: "BIRTHDAY", note: "生日问候" },
    });
    const pass = await runRule(ruleId, NOW, NO_QUIET);
    expect(pass?.acted).toBe(5);
    const tasks = await db.careTask.findMany({ where: { ruleId }, orderBy: { customerId: "asc" } });
    expect(tasks.map((t) => t.assigneeId)).toEqual([a.user.id, b.user.id, a.user.id, b.user.id, a.user.id]);
    expect(tasks.every((t) => t.kind === "BIRTHDAY" && t.eventKey === "2027" && t.dueOn.toISOString().startsWith(TODAY))).toBe(true);
    await db.automationRule.update({ where: { id: ruleId }, data: { lastRunAt: null } });
    expect((await runRule(ruleId, NOW, NO_QUIET))?.acted).toBe(0);
    expect(await db.careTask.count({ where: { ruleId } })).toBe(5);
  });

  test("a team without active agents gets the tasks unassigned", async () => {
    const team = await createTeam({});
    const ids = await customers({ birthDate: date("1970-03-15") });
    const ruleId = await activeCareRule({
      name: "无坐席",
      trigger: "BIRTHDAY",
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "CARE_TASK",
      actionParams: { teamId: team.id, kind: "BIRTHDAY", note: "生日问候" },
    });
    await runRule(ruleId, NOW, NO_QUIET);
    const [t] = await db.careTask.findMany({ where: { ruleId } });
    expect(t.teamId).toBe(team.id);
    expect(t.assigneeId).toBeNull();
  });

  test("due on the next working day: a pass in the quiet hours, a holiday and a 调休 make-up Saturday", async () => {
    // Friday 1 October 2027 (National Day) to Thursday 7 October are holidays; Saturday 9 October is worked.
    const holidays = ["2027-10-01", "2027-10-02", "2027-10-03", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07", "2027-10-08"];
    const cal = await createBusinessCalendar({ holidays, makeupWorkdays: ["2027-10-09"] });
    const team = await createTeam({ calendarId: cal.id });
    await createAgent({ teamId: team.id });
    const ids = await customers({ birthDate: date("1980-09-30") }, { birthDate: date("1980-10-01") });
    const ruleId = await activeCareRule({
      name: "国庆生日",
      trigger: "BIRTHDAY",
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "CARE_TASK",
      actionParams: { teamId: team.id, kind: "BIRTHDAY", note: "生日问候" },
    });
    const quiet = { ...DEFAULT_MARKETING_SETTINGS, quietHours: { start: "21:00", end: "08:00" } };
    // 22:00 on Thursday 30 September (Shanghai): quiet until 08:00 on 1 October, a holiday → Saturday 9 October.
    await runRule(ruleId, new Date("2027-09-30T14:00:00Z"), quiet);
    const [t] = await db.careTask.findMany({ where: { ruleId } });
    expect(t.customerId).toBe(ids[0]);
    expect(t.dueOn.toISOString().slice(0, 10)).toBe("2027-10-09");
  });

  test("CARE_TASK respects consent to calls and do-not-disturb (skipped with the reason)", async () => {
    const team = await createTeam({});
    await createAgent({ teamId: team.id });
    const ids = await customers(
      { birthDate: date("1990-03-15"), consentCall: false },
      { birthDate: date("1990-03-15"), doNotDisturb: true },
      { birthDate: date("1990-03-15") },
    );
    const ruleId = await activeCareRule({
      name: "同意",
      trigger: "BIRTHDAY",
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "CARE_TASK",
      actionParams: { teamId: team.id, kind: "BIRTHDAY", note: "生日问候" },
    });
    const pass = await runRule(ruleId, NOW, NO_QUIET);
    expect(pass).toMatchObject({ fired: 3, acted: 1 });
    const skipped = await db.automationFiring.findMany({ where: { ruleId }, orderBy: { customerId: "asc" }, select: { skipped: true } });
    expect(skipped.map((s) => s.skipped)).toEqual(["consent", "doNotDisturb", null]);
  });
});

describe("GRANT_POINTS", () => {
  test("the grade's birthday points (no membership = STANDARD), once per event, through the ledger", async () => {
    const ids = await customers({ birthDate: date("1985-03-15") }, { birthDate: date("1985-03-15") }, { birthDate: date("1985-03-15"), status: "CHURNED" });
    await db.customerMembership.create({
      data: { customerId: ids[0], grade: "GOLD", since: date("2026-01-01"), computedGrade: "GOLD", gradedMonth: date("2027-03-01") },
    });
    const gold = await db.memberGradeDef.findUniqueOrThrow({ where: { grade: "GOLD" } });
    const standard = await db.memberGradeDef.findUniqueOrThrow({ where: { grade: "STANDARD" } });
    const ruleId = await activeCareRule({
      name: "生日积分",
      trigger: "BIRTHDAY",
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "GRANT_POINTS",
      actionParams: { source: "GRADE_BIRTHDAY" },
    });
    await runRule(ruleId, NOW, NO_QUIET);
    const entries = await db.pointsEntry.findMany({ where: { customerId: { in: ids }, kind: "GIFT" }, orderBy: { customerId: "asc" } });
    const expected = [
      { customerId: ids[0], points: gold.birthdayPoints },
      ...(standard.birthdayPoints > 0 ? [{ customerId: ids[1], points: standard.birthdayPoints }] : []),
    ];
    expect(entries.map((e) => ({ customerId: e.customerId, points: e.points }))).toEqual(expected);
    expect(entries[0].ref).toBe(`gift:${ruleId}:2027`);
    expect(entries[0].expiresOn?.toISOString().slice(0, 10)).toBe("2029-12-31");
    const acct = await db.pointsAccount.findUniqueOrThrow({ where: { customerId: ids[0] } });
    expect(acct.balance).toBe(gold.birthdayPoints);
    // The churned customer is skipped; a second pass posts nothing.
    const churned = await db.automationFiring.findFirstOrThrow({ where: { ruleId, customerId: ids[2] } });
    expect(churned.skipped).toBe("churned");
    await db.automationRule.update({ where: { id: ruleId }, data: { lastRunAt: null } });
    await runRule(ruleId, NOW, NO_QUIET);
    expect(await db.pointsEntry.count({ where: { customerId: { in: ids }, kind: "GIFT" } })).toBe(expected.length);
  });

  test("a fixed number of points", async () => {
    const ids = await customers({ specialCare: "ELDERLY" });
    const ruleId = await activeCareRule({
      name: "敬老积分",
      trigger: "FESTIVAL",
      triggerParam: 0,
      conditions: { segmentId: await segmentOf(ids), tiers: [] },
      action: "GRANT_POINTS",
      actionParams: { source: "FIXED", points: 200 },
    });
    await runRule(ruleId, new Date("2027-10-08T02:00:00Z"), NO_QUIET); // 重阳 2027-10-08
    const e = await db.pointsEntry.findFirstOrThrow({ where: { customerId: ids[0], kind: "GIFT" } });
    expect(e.points).toBe(200);
    expect(e.ref).toBe(`gift:${ruleId}:DOUBLE_NINTH:2027-10-08`);
  });
});

describe("care rules belong to admins", () => {
  const def = (teamId: number): CreateRuleInput => ({
    name: "合约到期关怀",
    trigger: "CONTRACT_ENDING",
    triggerParam: 30,
    conditions: { tiers: [] },
    action: "CARE_TASK",
    actionParams: { teamId, kind: "CONTRACT_EXPIRY", note: "合约将到期" },
  });

  test("an admin creates, simulates and activates a care rule; the marketing list and a manager do not see it", async () => {
    const team = await createTeam({});
    const { id } = await createCareRule(admin, def(team.id));
    const sim = await simulateCareRule(admin, { id, version: 1 });
    expect(sim.days).toBe(30);
    await activateCareRule(admin, { id, version: 1 });
    expect((await getRule(admin, id, "CARE")).status).toBe("ACTIVE");
    expect((await listRules(manager)).rows.some((r) => r.id === id)).toBe(false);
    expect((await listRules(admin, { purpose: "CARE" })).rows.some((r) => r.id === id)).toBe(true);
    const before = await auditCount({ actorId: manager.id });
    await expect(getRule(manager, id)).rejects.toMatchObject({ code: "notFound" });
    await expect(pauseRule(manager, { id, version: 2 })).rejects.toMatchObject({ code: "notFound" });
    expect(await auditCount({ actorId: manager.id })).toBe(before);
  });

  test("a manager may not create a care rule, an admin may not create a marketing one; actions by purpose", async () => {
    const team = await createTeam({});
    await expect(createCareRule(manager, def(team.id))).rejects.toMatchObject({ code: "forbidden" });
    await expect(createRule(admin, { ...def(team.id), action: "CALL_TASK", actionParams: { teamId: team.id, note: "x" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createRule(manager, def(team.id))).rejects.toMatchObject({ code: "validation", fields: { action: "invalidOption" } });
    await expect(createCareRule(admin, { ...def(team.id), actionParams: { teamId: team.id, kind: "WIN_BACK", note: "x" } })).rejects.toMatchObject({
      code: "validation",
    });
    await expect(createCareRule(admin, { ...def(team.id), action: "GRANT_POINTS", actionParams: { source: "FIXED", points: 0 } })).rejects.toMatchObject({
      code: "validation",
      fields: { "actionParams.points": "required" },
    });
  });
});

describe("care tasks", () => {
  async function task(overrides: Partial<Parameters<typeof createCareTask>[0]> = {}) {
    const { customer } = await createCustomer({ lines: [{ msisdn: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}` }] });
    return createCareTask({
      customerId: customer.id,
      teamId: agent.teamId,
      assigneeId: agent.id,
      kind: "CONTRACT_EXPIRY",
      dueOn: TODAY,
      note: "合约将到期",
      ...overrides,
    });
  }

  test("the agent's list: today's and overdue open tasks, oldest first, masked numbers, keyset pages", async () => {
    const overdue = await task({ dueOn: addDays(TODAY, -3) });
    const today = await task({ kind: "BIRTHDAY" });
    await task({ dueOn: addDays(TODAY, 1) });
    await task({ status: "DONE" });
    const mine = await listMyCareTasks(agent, {}, NOW);
    const ids = mine.rows.map((r) => r.id);
    expect(ids.indexOf(String(overdue.id))).toBeLessThan(ids.indexOf(String(today.id)));
    const row = mine.rows.find((r) => r.id === String(overdue.id))!;
    expect(row.overdue).toBe(true);
    expect(row.msisdn).toMatch(/^139\*{4}\d{4}$/);
    expect(mine.rows.every((r) => r.status === "OPEN" && r.dueOn <= TODAY)).toBe(true);
    const first = await listMyCareTasks(agent, { limit: 1 }, NOW);
    expect(first.rows).toHaveLength(1);
    const second = await listMyCareTasks(agent, { limit: 1, after: first.next! }, NOW);
    expect(second.rows[0].id).not.toBe(first.rows[0].id);
    await expect(listMyCareTasks(admin)).rejects.toMatchObject({ code: "forbidden" });
  });

  test("an outcome with one key: the contact on the timeline, the task done, audited", async () => {
    const t = await task();
    const r = await recordCareOutcome(agent, { taskId: t.id, version: 1, outcome: "COMPLETED", note: "已续约意向" }, NOW);
    expect(r.status).toBe("DONE");
    const after = await db.careTask.findUniqueOrThrow({ where: { id: t.id } });
    expect(after).toMatchObject({ status: "DONE", outcome: "COMPLETED", doneById: agent.id, version: 2 });
    const contact = await db.interaction.findUniqueOrThrow({ where: { id: after.interactionId! } });
    expect(contact).toMatchObject({ customerId: t.customerId, channel: "OUTBOUND_CALL", disposition: "RESOLVED", agentId: agent.id });
    expect(await auditCount({ action: "careTask.outcomeRecorded", actorId: agent.id })).toBeGreaterThan(0);
    // Again with the old version: a conflict; a done task is not open.
    await expect(recordCareOutcome(agent, { taskId: t.id, version: 1, outcome: "COMPLETED" }, NOW)).rejects.toMatchObject({ code: "conflict" });
  });

  test("CALL_BACK moves the due day (a day after today, within 60 days); the task stays open", async () => {
    const t = await task();
    await expect(recordCareOutcome(agent, { taskId: t.id, version: 1, outcome: "CALL_BACK", callBackOn: TODAY }, NOW)).rejects.toMatchObject({
      code: "validation",
    });
    const r = await recordCareOutcome(agent, { taskId: t.id, version: 1, outcome: "CALL_BACK", callBackOn: addDays(TODAY, 2) }, NOW);
    expect(r).toEqual({ status: "OPEN", dueOn: addDays(TODAY, 2) });
    expect((await db.careTask.findUniqueOrThrow({ where: { id: t.id } })).attempts).toBe(1);
  });

  test("a win-back: RETAINED with an offer, LOST; care outcomes refused", async () => {
    const offer = await db.offerRule.findFirstOrThrow();
    const a = await task({ kind: "WIN_BACK" });
    await expect(recordCareOutcome(agent, { taskId: a.id, version: 1, outcome: "COMPLETED" }, NOW)).rejects.toMatchObject({
      code: "validation",
      fields: { outcome: "invalidOption" },
    });
    await expect(recordCareOutcome(agent, { taskId: a.id, version: 1, outcome: "RETAINED" }, NOW)).rejects.toMatchObject({
      fields: { offerRuleId: "required" },
    });
    await recordCareOutcome(agent, { taskId: a.id, version: 1, outcome: "RETAINED", offerRuleId: offer.id }, NOW);
    expect(await db.careTask.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ outcome: "RETAINED", offerRuleId: offer.id });
    const b = await task({ kind: "WIN_BACK" });
    await recordCareOutcome(agent, { taskId: b.id, version: 1, outcome: "LOST" }, NOW);
    expect((await db.careTask.findUniqueOrThrow({ where: { id: b.id } })).outcome).toBe("LOST");
  });

  test("another agent, or another team's supervisor: not found, nothing changed, no audit row", async () => {
    const t = await task();
    const otherTeam = await createTeam({});
    const other = await createAgent({ teamId: agent.teamId });
    const otherSup = await createUser({ role: "SUPERVISOR", teamId: otherTeam.id });
    const before = await auditCount({ action: "careTask.outcomeRecorded" });
    await expect(recordCareOutcome(other.actor, { taskId: t.id, version: 1, outcome: "COMPLETED" }, NOW)).rejects.toMatchObject({ code: "notFound" });
    await expect(reassignCareTask(otherSup.actor, { taskId: t.id, version: 1, assigneeId: otherSup.user.id })).rejects.toMatchObject({ code: "notFound" });
    await expect(cancelCareTask(otherSup.actor, { taskId: t.id, version: 1, reason: "x" })).rejects.toMatchObject({ code: "notFound" });
    await expect(reassignCareTask(agent, { taskId: t.id, version: 1, assigneeId: other.user.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditCount({ action: "careTask.outcomeRecorded" })).toBe(before);
    expect(await db.careTask.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ status: "OPEN", version: 1, assigneeId: agent.id });
  });

  test("reassign: a supervisor within the team (version-checked), a manager to another team; cancel with a reason", async () => {
    const t = await task();
    const mate = await createAgent({ teamId: agent.teamId });
    const elsewhere = await createAgent({ teamId: (await createTeam({})).id });
    await expect(reassignCareTask(supervisor, { taskId: t.id, version: 1, assigneeId: elsewhere.user.id })).rejects.toMatchObject({
      fields: { assigneeId: "invalidOption" },
    });
    expect(await reassignCareTask(supervisor, { taskId: t.id, version: 1, assigneeId: mate.user.id })).toEqual({ version: 2 });
    await expect(reassignCareTask(supervisor, { taskId: t.id, version: 1, assigneeId: null })).rejects.toMatchObject({ code: "conflict" });
    await reassignCareTask(manager, { taskId: t.id, version: 2, assigneeId: elsewhere.user.id });
    expect(await db.careTask.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({ assigneeId: elsewhere.user.id, teamId: elsewhere.user.teamId });
    await cancelCareTask(manager, { taskId: t.id, version: 3, reason: "重复任务" });
    expect((await db.careTask.findUniqueOrThrow({ where: { id: t.id } })).status).toBe("CANCELLED");
  });

  test("the team view: unassigned and by agent, by kind; another team's is not found", async () => {
    const un = await task({ assigneeId: null, kind: "SPECIAL_CARE_VISIT" });
    const view = await listTeamCareTasks(supervisor, agent.teamId!, { assignee: "unassigned", kind: "SPECIAL_CARE_VISIT" }, NOW);
    expect(view.rows.some((r) => r.id === String(un.id))).toBe(true);
    expect(view.rows.every((r) => r.assigneeId === null && r.kind === "SPECIAL_CARE_VISIT")).toBe(true);
    const otherTeam = await createTeam({});
    await expect(listTeamCareTasks(supervisor, otherTeam.id, {}, NOW)).rejects.toMatchObject({ code: "notFound" });
    await expect(listTeamCareTasks(agent, agent.teamId!, {}, NOW)).rejects.toMatchObject({ code: "forbidden" });
  });

  test("completion rates: done on time, done late, open overdue over the last 7 days", async () => {
    const team = await createTeam({});
    const a = await createAgent({ teamId: team.id });
    const sup = await createUser({ role: "SUPERVISOR", teamId: team.id });
    const c = (await createCustomer({})).customer.id;
    const due = addDays(TODAY, -2);
    await createCareTask({ customerId: c, teamId: team.id, assigneeId: a.user.id, dueOn: due, status: "DONE", doneAt: new Date(`${due}T10:00:00+08:00`) });
    await createCareTask({
      customerId: c,
      teamId: team.id,
      assigneeId: a.user.id,
      dueOn: due,
      status: "DONE",
      doneAt: new Date(`${addDays(due, 1)}T10:00:00+08:00`),
    });
    await createCareTask({ customerId: c, teamId: team.id, assigneeId: a.user.id, dueOn: due });
    await createCareTask({ customerId: c, teamId: team.id, assigneeId: a.user.id, dueOn: due, status: "CANCELLED" });
    await createCareTask({ customerId: c, teamId: team.id, assigneeId: a.user.id, dueOn: addDays(TODAY, -20), status: "DONE", doneAt: NOW });
    const week = await getCareCompletion(sup.actor, team.id, 7, NOW);
    expect(week.find((r) => r.agentId === a.user.id)).toMatchObject({ due: 3, onTime: 1, late: 1, openOverdue: 1 });
    const month = await getCareCompletion(sup.actor, team.id, 30, NOW);
    expect(month.find((r) => r.agentId === a.user.id)).toMatchObject({ due: 4, late: 2 });
    await expect(getCareCompletion(supervisor, team.id, 7, NOW)).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("special care and festivals", () => {
  test("supervisors and admins set special care (version-checked, audited); agents may not", async () => {
    const { customer } = await createCustomer({});
    await expect(setSpecialCare(agent, { customerId: customer.id, version: customer.version, specialCare: "ELDERLY" })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await setSpecialCare(supervisor, { customerId: customer.id, version: customer.version, specialCare: "ELDERLY" })).toEqual({
      version: customer.version + 1,
    });
    await expect(setSpecialCare(admin, { customerId: customer.id, version: customer.version, specialCare: "DISABLED" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).specialCare).toBe("ELDERLY");
    expect(await auditCount({ action: "customer.specialCareSet", actorId: supervisor.id })).toBeGreaterThan(0);
  });

  test("admins add, remove and fill festival days; others may not", async () => {
    const { id } = await addFestival(admin, { code: "company_day", day: "2031-05-20", nameZh: "公司日", nameEn: "Company day" });
    await expect(addFestival(admin, { code: "COMPANY_DAY", day: "2031-05-20", nameZh: "公司日", nameEn: "Company day" })).rejects.toMatchObject({
      code: "care.festivalExists",
    });
    await expect(addFestival(admin, { code: "BAD", day: "2031-02-30", nameZh: "x", nameEn: "x" })).rejects.toMatchObject({ code: "validation" });
    expect((await listFestivals(admin, { from: "2031-05-20" }))[0]).toMatchObject({ id, code: "COMPANY_DAY", day: "2031-05-20" });
    await removeFestival(admin, { id });
    await expect(removeFestival(admin, { id })).rejects.toMatchObject({ code: "notFound" });
    const filled = await fillFestivalYears(admin, { from: 2031, to: 2031 });
    expect(filled.added).toBe(8);
    expect((await fillFestivalYears(admin, { from: 2031, to: 2031 })).added).toBe(0);
    expect(await db.careFestival.findFirst({ where: { code: "SPRING_FESTIVAL", day: date("2031-01-23") } })).not.toBeNull();
    await expect(addFestival(manager, { code: "X_DAY", day: "2031-06-01", nameZh: "x", nameEn: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(fillFestivalYears(supervisor, { from: 2032, to: 2032 })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("special care in the subscriber import", () => {
  async function runFile(csv: string) {
    const { id } = await enqueueImport(admin, { fileName: "care.csv", content: Buffer.from(csv) });
    await processImportQueue();
    for (let i = 0; i < 600; i++) {
      const job = await getImportJob(admin, id);
      if (job.status === "SUCCEEDED" || job.status === "FAILED") return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("import did not finish");
  }

  test("the special_care column sets the flag; an empty cell keeps it; a bad value is an error", async () => {
    const rows = importRows({ rows: 2, offset: 77_000, linesPerCustomer: 1 });
    rows[0][col("special_care")] = "DISABLED";
    rows[1][col("special_care")] = "";
    expect((await runFile(toImportCsv(rows))).status).toBe("SUCCEEDED");
    const no = (i: number) => rows[i][col("customer_no")];
    expect((await db.customer.findUniqueOrThrow({ where: { customerNo: no(0) } })).specialCare).toBe("DISABLED");
    expect((await db.customer.findUniqueOrThrow({ where: { customerNo: no(1) } })).specialCare).toBe("NONE");
    await db.customer.update({ where: { customerNo: no(1) }, data: { specialCare: "ELDERLY" } });
    rows[0][col("special_care")] = "";
    expect((await runFile(toImportCsv(rows))).status).toBe("SUCCEEDED");
    expect((await db.customer.findUniqueOrThrow({ where: { customerNo: no(0) } })).specialCare).toBe("DISABLED");
    expect((await db.customer.findUniqueOrThrow({ where: { customerNo: no(1) } })).specialCare).toBe("ELDERLY");
    rows[0][col("special_care")] = "VIP";
    expect((await runFile(toImportCsv(rows))).status).toBe("FAILED");
  });
});

describe("the care demo (scripts/seed.ts → tests/factories/care-demo.ts)", () => {
  test("admin1's care rules; agent1's list has today's contract expiry, birthday and special-care visit, and an overdue task; supervisor1 sees completion", async () => {
    const rules = await listRules(admin, { purpose: "CARE" });
    expect(rules.rows.filter((r) => r.status === "ACTIVE").map((r) => r.trigger)).toEqual(
      expect.arrayContaining(["CONTRACT_ENDING", "BIRTHDAY", "SPECIAL_CARE_VISIT", "FESTIVAL"]),
    );
    const now = new Date();
    const mine = await listMyCareTasks(agent, {}, now);
    expect(mine.rows.some((r) => r.overdue)).toBe(true);
    const { isWorkingDay } = await import("@/lib/care/due");
    const { loadTeamCalendar } = await import("@/lib/care/calendar");
    const cal = await db.$transaction((tx) => loadTeamCalendar(tx, agent.teamId));
    if (isWorkingDay(cal, mine.today)) {
      const todays = mine.rows.filter((r) => r.dueOn === mine.today).map((r) => r.kind);
      expect(todays).toEqual(expect.arrayContaining(["CONTRACT_EXPIRY", "BIRTHDAY", "SPECIAL_CARE_VISIT"]));
    }
    // The birthday customer's grade gift, posted by the GRANT_POINTS rule.
    const gift = await db.pointsEntry.findFirst({
      where: { kind: "GIFT", ref: { startsWith: "gift:" }, createdAt: { gte: new Date(now.getTime() - 86_400_000) } },
    });
    expect(gift?.points).toBeGreaterThan(0);
    const month = await getCareCompletion(supervisor, agent.teamId!, 30, now);
    const a1 = month.find((r) => r.agentId === agent.id)!;
    expect(a1.due).toBeGreaterThan(5);
    expect(a1.onTime).toBeGreaterThan(0);
    expect(a1.late + a1.openOverdue).toBeGreaterThan(0);
  });
});

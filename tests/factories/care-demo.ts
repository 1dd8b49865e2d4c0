// The care demo (issue 23): admin1's care rules on the automation engine, run for today on demo
// customers shaped so they fire (deterministic for a given day), so agent1 opens /care to today's
// tasks — a contract expiry, a birthday, a special-care visit — and an overdue one; and a month of
// care tasks worked by Hotline Team 1 (on time, late, still open) for supervisor1's completion rates.
// Runs after the seed's transaction has committed (the engine and the commands write through the
// app's client, in their own transactions); a marker makes it run once.
import { db } from "@/lib/db";
import { actorOf } from "@/tests/factories/staff";
import { activateCareRule, createCareRule, simulateCareRule } from "@/lib/automation/rule-commands";
import { runRule } from "@/lib/automation/run";
import { addDays, nextContactTime, operatorDay } from "@/lib/automation/dates";
import { loadMarketingSettings } from "@/lib/marketing/settings";
import type { CreateRuleInput } from "@/lib/automation/schemas";
import { reassignCareTask, recordCareOutcome } from "@/lib/care/commands";
import { createCareTask } from "@/tests/factories/care";

const MARKER = "demo.careSeededAt";

/** The instant of `day` at hh:mm in Shanghai. */
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

export async function seedDemoCare(now = new Date()): Promise<{ rules: number; tasks: number } | null> {
  if (await db.appSetting.findUnique({ where: { key: MARKER } })) return null;
  const user = (username: string) => db.user.findUniqueOrThrow({ where: { username } });
  const admin = actorOf(await user("admin1"));
  const supervisor = actorOf(await user("supervisor1"));
  const agent = actorOf(await user("agent1"));
  const team = await db.team.findUniqueOrThrow({ where: { code: "HOTLINE-1" } });
  const settings = await loadMarketingSettings();
  const today = operatorDay(now);
  // The pass runs at a contact time of today (a seed at 23:00 would otherwise make tomorrow's tasks).
  const contact = nextContactTime(now, settings.quietHours);
  const passAt = operatorDay(contact) === today ? contact : at(today, "20:00");

  // Customers shaped to fire today: the first reachable active customers (by id) get a contract
  // ending in 30 days and a birthday today; special care on those whose 30-day visit falls today.
  const reachable = await db.$queryRaw<Array<{ id: number }>>`
    SELECT c.id FROM customer c
    WHERE c.status = 'ACTIVE' AND c.consent_call AND c.consent_sms AND NOT c.do_not_disturb AND c.type = 'INDIVIDUAL'
      AND EXISTS (SELECT 1 FROM line l WHERE l.customer_id = c.id AND l.status = 'ACTIVE')
    ORDER BY c.id LIMIT 12`;
  if (reachable.length < 6) return null;
  const ids = reachable.map((r) => r.id);
  await db.$executeRaw`
    UPDATE line SET contract_end_date = ${addDays(today, 30)}::date
    WHERE id = (SELECT min(id) FROM line WHERE customer_id = ${ids[0]}::int AND status = 'ACTIVE')`;
  // The birthday customer is a member whose grade gifts birthday points (the birthday points rule
  // then posts them): one with such a grade already, else ids[1] made a Gold member.
  const [member] = await db.$queryRaw<Array<{ id: number }>>`
    SELECT cm.customer_id AS id FROM customer_membership cm JOIN member_grade_def g ON g.grade = cm.grade AND g.birthday_points > 0
    WHERE cm.customer_id = ANY(${ids.slice(1, -1)}::int[]) ORDER BY cm.customer_id LIMIT 1`;
  const birthday = member?.id ?? ids[1];
  if (!member)
    await db.$executeRaw`
      INSERT INTO customer_membership (customer_id, grade, since, computed_grade, graded_month)
      VALUES (${birthday}::int, 'GOLD', date_trunc('year', ${today}::date)::date, 'GOLD', date_trunc('month', ${today}::date)::date)
      ON CONFLICT (customer_id) DO NOTHING`;
  await db.$executeRaw`UPDATE customer SET birth_date = make_date(1958, ${Number(today.slice(5, 7))}::int, ${Number(today.slice(8, 10))}::int) WHERE id = ${birthday}::int`;
  await db.$executeRaw`
    UPDATE customer SET special_care = 'ELDERLY'
    WHERE id IN (SELECT id FROM customer WHERE status = 'ACTIVE' AND type = 'INDIVIDUAL' AND consent_call AND NOT do_not_disturb
                 AND ((${today}::date - DATE '2000-01-01') + id) % 30 = 0 ORDER BY id LIMIT 3)`;
  // More special-care customers, visited on other days of the period.
  await db.$executeRaw`
    UPDATE customer SET special_care = CASE WHEN id % 2 = 0 THEN 'DISABLED'::"SpecialCare" ELSE 'ELDERLY'::"SpecialCare" END
    WHERE id IN (SELECT id FROM customer WHERE status = 'ACTIVE' AND type = 'INDIVIDUAL' AND special_care = 'NONE'
                 AND ((${today}::date - DATE '2000-01-01') + id) % 30 = 11 ORDER BY id LIMIT 6)`;

  const sms = (zh: string, en: string) => ({ channel: "SMS", messageZh: zh, messageEn: en, subjectZh: "", subjectEn: "" });
  const careTask = (kind: string, note: string) => ({ teamId: team.id, kind, note });
  const rules: Array<CreateRuleInput & { activate: boolean }> = [
    {
      name: "合约30天后到期 → 热线一组关怀回访",
      trigger: "CONTRACT_ENDING",
      triggerParam: 30,
      conditions: { segmentId: null, tiers: [] },
      action: "CARE_TASK",
      actionParams: careTask("CONTRACT_EXPIRY", "合约将于30天后到期：致电提醒，了解续约意向"),
      activate: true,
    },
    {
      name: "生日关怀回访",
      trigger: "BIRTHDAY",
      conditions: { segmentId: null, tiers: [] },
      action: "CARE_TASK",
      actionParams: careTask("BIRTHDAY", "客户今天生日：致电送上祝福，告知生日积分已到账"),
      activate: true,
    },
    {
      name: "生日祝福短信",
      trigger: "BIRTHDAY",
      conditions: { segmentId: null, tiers: [] },
      action: "SEND_MESSAGE",
      actionParams: sms(
        "尊敬的{name}，祝您生日快乐！生日积分已存入您的账户。退订：{optOutUrl}",
        "Happy birthday, {name}! Your birthday points are in your account. Opt out: {optOutUrl}",
      ),
      activate: true,
    },
    {
      name: "生日赠送会员等级生日积分",
      trigger: "BIRTHDAY",
      conditions: { segmentId: null, tiers: [] },
      action: "GRANT_POINTS",
      actionParams: { source: "GRADE_BIRTHDAY" },
      activate: true,
    },
    {
      name: "特殊关怀客户每30天回访",
      trigger: "SPECIAL_CARE_VISIT",
      triggerParam: 30,
      conditions: { segmentId: null, tiers: [] },
      action: "CARE_TASK",
      actionParams: careTask("SPECIAL_CARE_VISIT", "特殊关怀客户定期回访：询问使用情况，耐心讲解，必要时预约上门"),
      activate: true,
    },
    {
      name: "节日问候短信",
      trigger: "FESTIVAL",
      triggerParam: 0,
      conditions: { segmentId: null, tiers: [] },
      action: "SEND_MESSAGE",
      actionParams: sms(
        "尊敬的{name}，节日快乐！感谢您一路相伴。退订：{optOutUrl}",
        "Happy holidays, {name}! Thank you for staying with us. Opt out: {optOutUrl}",
      ),
      activate: true,
    },
    {
      name: "账单到期前3天缴费提醒",
      trigger: "PAYMENT_DUE",
      triggerParam: 3,
      conditions: { segmentId: null, tiers: [] },
      action: "SEND_MESSAGE",
      actionParams: sms(
        "尊敬的{name}，您本月账单将于3天后到期，请及时缴费。退订：{optOutUrl}",
        "Dear {name}, your bill is due in 3 days. Opt out: {optOutUrl}",
      ),
      activate: false,
    },
    {
      name: "套餐变更后7天售后回访",
      trigger: "PLAN_CHANGED",
      triggerParam: 7,
      conditions: { segmentId: null, tiers: [] },
      action: "CARE_TASK",
      actionParams: careTask("AFTER_SALES", "套餐变更一周：了解新套餐使用是否满意"),
      activate: false,
    },
  ];
  for (const { activate, ...r } of rules) {
    const { id } = await createCareRule(admin, r);
    await simulateCareRule(admin, { id, version: 1 });
    if (!activate) continue;
    await activateCareRule(admin, { id, version: 1 });
    await runRule(id, passAt, settings);
  }

  // agent1 gets one of each of today's kinds (the round-robin may have given them to others):
  // the supervisor reassigns the first of the team's.
  const dueToday = new Date(`${today}T00:00:00Z`);
  for (const kind of ["CONTRACT_EXPIRY", "BIRTHDAY", "SPECIAL_CARE_VISIT"] as const) {
    const mine = await db.careTask.findFirst({ where: { assigneeId: agent.id, kind, status: "OPEN" } });
    if (mine) continue;
    const t = await db.careTask.findFirst({ where: { teamId: team.id, kind, status: "OPEN", dueOn: { lte: dueToday } }, orderBy: { id: "asc" } });
    if (t) await reassignCareTask(supervisor, { taskId: t.id, version: t.version, assigneeId: agent.id });
  }

  // A month of the team's care work: tasks due on past working days, done on time, done late or still open.
  const members = await db.user.findMany({ where: { teamId: team.id, role: "AGENT", isActive: true }, orderBy: { id: "asc" } });
  const kinds = ["CONTRACT_EXPIRY", "BIRTHDAY", "SPECIAL_CARE_VISIT", "AFTER_SALES", "PAYMENT_DUE"] as const;
  let made = 0;
  for (let d = 1; d <= 28; d++) {
    const day = addDays(today, -d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const [i, m] of members.entries()) {
      const n = d * 7 + i * 3;
      const customerId = ids[(n % (ids.length - 2)) + 2];
      const task = await createCareTask({
        customerId,
        teamId: team.id,
        assigneeId: m.id,
        kind: kinds[n % kinds.length],
        dueOn: day,
        note: "关怀回访",
        createdAt: at(day, "08:00"),
      });
      made++;
      // Most are done on the day, some a day late, one in six left open (overdue).
      const mode = n % 6;
      if (mode === 5) continue;
      const doneAt = mode === 4 ? at(addDays(day, 1), "10:30") : at(day, "15:00");
      await recordCareOutcome(actorOf(m), { taskId: task.id, version: 1, outcome: n % 5 === 0 ? "NOT_REACHABLE" : "COMPLETED", note: "" }, doneAt);
    }
  }
  // agent1's overdue task: an after-sales return visit due two working days ago.
  const overdueCustomer = ids[ids.length - 1];
  await createCareTask({
    customerId: overdueCustomer,
    teamId: team.id,
    assigneeId: agent.id,
    kind: "AFTER_SALES",
    dueOn: addDays(today, -2),
    note: "套餐变更后的售后回访：客户上次未接通，请再次联系",
    attempts: 1,
    createdAt: at(addDays(today, -2), "08:00"),
  });
  await db.appSetting.create({ data: { key: MARKER, value: { at: now.toISOString() } } });
  return { rules: rules.length, tasks: made + 1 };
}

// Automation rules for tests and the demo (issue 22). createAutomationRule makes a row in the state
// you ask for (the lifecycle is lib/automation/rule-commands.ts, which tests call themselves);
// seedDemoAutomationRules gives the demo three rules with their simulations stored: an active
// "contract ends in 30 days → call task", a draft birthday SMS and a paused detractor call-back.
import type pg from "pg";
import type { AutomationRule, Prisma } from "@/lib/generated/prisma/client";
import { clientOr, given, uniqueNumber, type FactoryDb } from "@/tests/factories/db";

export type AutomationRuleOverrides = Partial<Prisma.AutomationRuleUncheckedCreateInput>;

/** A CONTRACT_ENDING (30 days) → call task for Hotline Team 1 rule, a draft by manager1, unless told otherwise. */
export async function createAutomationRule(overrides: AutomationRuleOverrides = {}, db?: FactoryDb): Promise<AutomationRule> {
  const client = await clientOr(db);
  const createdById = overrides.createdById ?? (await client.user.findFirstOrThrow({ where: { username: "manager1" } })).id;
  const teamId = (await client.team.findFirstOrThrow({ where: { code: "HOTLINE-1" } })).id;
  return client.automationRule.create({
    data: {
      name: `合约到期提醒 ${uniqueNumber()}`,
      trigger: "CONTRACT_ENDING",
      triggerParam: 30,
      conditions: { segmentId: null, tiers: [], consent: true },
      action: "CALL_TASK",
      actionParams: { teamId, note: "合约即将到期，请致电了解续约意向" },
      ...given(overrides),
      createdById,
    },
  });
}

interface DemoRule {
  name: string;
  trigger: string;
  triggerParam: number;
  conditions: { segmentId: number | null; tiers: string[] };
  action: string;
  actionParams: Record<string, unknown>;
  status: "ACTIVE" | "DRAFT" | "PAUSED";
}

/**
 * The demo's rules, each with a simulation of the last 30 days stored (the same statement as the
 * Simulate button: lib/automation/simulation.ts). Runs inside the seed's transaction.
 */
export async function seedDemoAutomationRules(client: pg.ClientBase, now = new Date()): Promise<number> {
  const { parseStoredRule } = await import("@/lib/automation/definition");
  const { simulationSql, toSimulation } = await import("@/lib/automation/simulation");
  const one = async <T>(q: string, params: unknown[] = []) => (await client.query(q, params)).rows[0] as T;
  const manager = await one<{ id: number }>(`SELECT id FROM app_user WHERE username = 'manager1'`);
  const team1 = await one<{ id: number }>(`SELECT id FROM team WHERE code = 'HOTLINE-1'`);
  const team2 = await one<{ id: number }>(`SELECT id FROM team WHERE code = 'HOTLINE-2'`);
  const rules: DemoRule[] = [
    {
      name: "合约30天后到期 → 热线一组外呼",
      trigger: "CONTRACT_ENDING",
      triggerParam: 30,
      conditions: { segmentId: null, tiers: [] },
      action: "CALL_TASK",
      actionParams: { teamId: team1.id, note: "合约将于30天后到期，请致电了解续约意向并介绍续约优惠" },
      status: "ACTIVE",
    },
    {
      name: "生日祝福短信",
      trigger: "BIRTHDAY",
      triggerParam: 0,
      conditions: { segmentId: null, tiers: ["GOLD", "DIAMOND"] },
      action: "SEND_MESSAGE",
      actionParams: {
        channel: "SMS",
        messageZh: "尊敬的{name}，祝您生日快乐！感谢您一直以来的支持。退订：{optOutUrl}",
        messageEn: "Happy birthday, {name}! Thank you for staying with us. Opt out: {optOutUrl}",
        subjectZh: "",
        subjectEn: "",
      },
      status: "DRAFT",
    },
    {
      name: "投诉关闭但客户不满意 → 热线二组回访",
      trigger: "DETRACTOR_CLOSED",
      triggerParam: 0,
      conditions: { segmentId: null, tiers: [] },
      action: "CALL_TASK",
      actionParams: { teamId: team2.id, note: "客户对投诉处理不满意，请回访了解原因" },
      status: "PAUSED",
    },
  ];
  for (const r of rules) {
    const def = parseStoredRule(r);
    if (!def) throw new Error(`demo rule ${r.name} does not parse`);
    const t0 = performance.now();
    const sql = simulationSql(def, [], now);
    const rows = (await client.query(sql.text, sql.values)).rows;
    const simulation = toSimulation(rows, def, 1, now, Math.round(performance.now() - t0));
    await client.query(
      `INSERT INTO automation_rule (name, trigger, trigger_param, conditions, action, action_params, status, last_simulation, created_by_id, updated_at)
       VALUES ($1, $2::"AutomationTrigger", $3, $4, $5::"AutomationAction", $6, $7::"AutomationStatus", $8, $9, now())`,
      [
        r.name,
        r.trigger,
        r.triggerParam,
        JSON.stringify({ ...r.conditions, consent: true }),
        r.action,
        JSON.stringify(r.actionParams),
        r.status,
        JSON.stringify(simulation),
        manager.id,
      ],
    );
  }
  return rules.length;
}

import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { contactableSql } from "@/lib/marketing/eligibility";
import type { CampaignChannelName } from "@/lib/marketing/schemas";
import { SIMULATION_DAYS, simulationDays } from "@/lib/automation/dates";
import type { RuleDefinition, RuleSimulation } from "@/lib/automation/schemas";
import { daysRangeSql, selectionSql } from "@/lib/automation/triggers";
import { anyConsentSql } from "@/lib/automation/eligibility";
import { actionChannels, definitionKey } from "@/lib/automation/definition";

// The simulation of a rule over the last 30 days (issue 22), as one statement: the trigger for each
// day (generate_series), kept by the conditions and by who may be contacted (not churned, not on
// do-not-disturb, consent for the action's channel); each (customer, event) counted on the first
// day it would have fired, as the job would have. The frequency caps are left out: they depend on
// the contacts of those 30 days, which the rule itself would have changed.

export type SimulationRow = { day: string; n: number; customers: number };

export function simulationSql(def: RuleDefinition, campaignChannels: readonly CampaignChannelName[], now: Date): Prisma.Sql {
  const { from, to } = simulationDays(now);
  const reachable =
    def.action === "GRANT_POINTS"
      ? Prisma.sql`c.status <> 'CHURNED'`
      : Prisma.sql`${contactableSql} AND ${anyConsentSql(actionChannels(def, campaignChannels))}`;
  return Prisma.sql`
    WITH sel AS (${selectionSql(def.trigger, def.triggerParam, def.conditions, daysRangeSql(from, to), reachable)}),
         firsts AS (SELECT customer_id, event_key, min(day) AS day FROM sel GROUP BY customer_id, event_key)
    SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS n, (SELECT count(DISTINCT customer_id) FROM firsts)::int AS customers
    FROM firsts GROUP BY day ORDER BY day`;
}

/** The stored form of a simulation's rows. */
export function toSimulation(rows: SimulationRow[], def: RuleDefinition, ruleVersion: number, now: Date, ms: number): RuleSimulation {
  const { from, to } = simulationDays(now);
  const byDay = rows.map((r) => ({ day: r.day, n: r.n }));
  return {
    at: now.toISOString(),
    ruleVersion,
    definitionKey: definitionKey(def),
    days: SIMULATION_DAYS,
    from,
    to,
    customers: rows[0]?.customers ?? 0,
    firings: byDay.reduce((a, r) => a + r.n, 0),
    byDay,
    ms,
  };
}

// Seeds the demo data once: reference data, demo users, ~5,000 subscribers with a year of bills and
// contacts. A marker row written in the same transaction makes a second run a no-op.
// Rows made one by one (plans, reasons, teams, staff) come from the tests' factories
// (tests/factories/reference.ts, staff.ts); the subscriber base, complaints and surveys are bulk
// (COPY, INSERT … SELECT).
import pg from "pg";
import { copyBatch, resetSequences } from "@/tests/factories/load";
import { generateSubscriberBatches, currentAnchor } from "@/tests/factories/dataset";
import { seedReferenceAndStaff } from "@/tests/factories/reference";
import { seedDemoComplaints } from "@/tests/factories/complaints";
import { seedDemoSurveys } from "@/tests/factories/surveys";
import { seedDemoStory } from "@/tests/factories/story";
import { seedDemoCampaignHistory } from "@/tests/factories/campaign-history";
import { seedDemoCampaignPlans } from "@/tests/factories/campaign-demo";
import { seedDemoAutomationRules } from "@/tests/factories/automation-demo";
import { seedDemoWinBack } from "@/tests/factories/winback";
import { seedDemoMembership } from "@/tests/factories/membership-demo";
import { seedDemoLoyalty } from "@/tests/factories/loyalty-demo";
import { seedDemoScripts } from "@/tests/factories/scripts-demo";
import { seedDemoApiClients } from "@/tests/factories/api-demo";

const MARKER = "demo.seededAt";

export async function seedDemo(connectionString: string, opts: { customers?: number; seed?: number; quiet?: boolean } = {}): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const done = await client.query(`SELECT 1 FROM app_setting WHERE key = $1`, [MARKER]);
    if (done.rowCount) return false;
    const t0 = Date.now();
    await client.query("BEGIN");
    await client.query(`SELECT pg_advisory_xact_lock(4242)`);
    const again = await client.query(`SELECT 1 FROM app_setting WHERE key = $1`, [MARKER]);
    if (again.rowCount) {
      await client.query("ROLLBACK");
      return false;
    }
    // Committed on their own (a factory writes through Prisma), under this transaction's lock; a
    // rerun after a failure finds them and makes only what is missing.
    const { planIds, agentIds } = await seedReferenceAndStaff(connectionString);
    const customers = opts.customers ?? 5000;
    let n = 0;
    for (const batch of generateSubscriberBatches({ customers, seed: opts.seed ?? 20261123, anchor: currentAnchor(), planIds, agentIds }, 2500)) {
      await copyBatch(client, batch);
      n += batch.customers.length;
    }
    await resetSequences(client);
    await seedDemoComplaints(client);
    await seedDemoSurveys(client);
    await seedDemoStory(client);
    await seedDemoCampaignHistory(client);
    await seedDemoCampaignPlans(client);
    await seedDemoAutomationRules(client);
    await seedDemoWinBack(client); // issue 23: win-back tasks (agent1's among them) and their outcomes
    // Member grades (issue 23): GOLD SLA cells, Diamond's hotline team, two re-gradings, a credit to reverse.
    await seedDemoMembership(client);
    // Loyalty (issue 23): after the bills and complaints: earning for the last bill months, compensations, a pending adjustment.
    await seedDemoLoyalty(client);
    // Standard scripts (issue 24): every call stage in both languages, the broadband fault's apology.
    await seedDemoScripts(client);
    // Open API (issue 25): the self-service app as an API client of admin1 (no token, no secret printed).
    await seedDemoApiClients(client);
    await client.query(`INSERT INTO app_setting (key, value, updated_at) VALUES ($1, $2, now())`, [
      MARKER,
      JSON.stringify({ at: new Date().toISOString(), customers: n }),
    ]);
    await client.query("COMMIT");
    await client.query("ANALYZE");
    // Care (issue 23): admin1's care rules run for today through the engine and the care commands,
    // which write in their own transactions (after the base is committed); once, by its own marker.
    const { seedDemoCare } = await import("@/tests/factories/care-demo");
    await seedDemoCare();
    // Knowledge base (issue 24): categories, ~40 bilingual articles, synonyms, votes, searches for the gap report.
    const { seedDemoKnowledge } = await import("@/tests/factories/knowledge-demo");
    await seedDemoKnowledge();
    // Quality inspection (issue 24): norms, forms, rules and a quarter of Hotline Team 1's evaluations, through the quality commands.
    const { seedDemoQuality } = await import("@/tests/factories/quality-demo");
    await seedDemoQuality();
    // Training and the monthly assessment (issue 24): sessions, assignments, the rollups and the last months' assessment.
    const { seedDemoTraining } = await import("@/tests/factories/training-demo");
    await seedDemoTraining();
    if (!opts.quiet) console.log(`Seeded ${n} demo customers in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    return true;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is required (npm start sets it up for you).");
    process.exit(2);
  }
  seedDemo(url).then(
    async (seeded) => {
      if (!seeded) {
        console.log("Demo data already present: nothing to do.");
        return;
      }
      // The dashboards read rollups that a background job refreshes every minute: build them now,
      // so that a manager's first look at a fresh install is not empty.
      const { refreshRollups } = await import("@/lib/dashboards/rollups");
      const t0 = Date.now();
      await refreshRollups(new Date());
      console.log(`Built the dashboards' rollups in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

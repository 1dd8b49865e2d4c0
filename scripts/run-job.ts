// Runs one background job once, outside the app (ops, and the e2e tests that cannot wait a minute):
//   node --conditions=react-server --import tsx scripts/run-job.ts <survey-invitations|rollups> [ISO time]
import { scanCsatInvitations } from "@/lib/surveys/commands";
import { refreshRollups } from "@/lib/dashboards/rollups";
import { db } from "@/lib/db";

const [job, at] = process.argv.slice(2);
const now = at ? new Date(at) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error(`invalid time: ${at}`);
  process.exit(2);
}
const base = process.env.APP_BASE_URL ?? process.env.NEXTAUTH_URL ?? "";
try {
  if (job === "survey-invitations") console.log(JSON.stringify(await scanCsatInvitations(now, base)));
  else if (job === "rollups") console.log(JSON.stringify(await refreshRollups(now)));
  else {
    console.error("usage: run-job.ts <survey-invitations|rollups> [ISO time]");
    process.exitCode = 2;
  }
} finally {
  await db.$disconnect();
}

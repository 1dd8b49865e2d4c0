// Runs one background job once, outside the app (ops, and the e2e tests that cannot wait a minute):
//   node --conditions=react-server --import tsx scripts/run-job.ts <survey-invitations|rollups> [ISO time] [--print-links]
// --print-links (demo mode only): also prints the invitations' real links, which are never stored
// (lib/surveys/delivery.ts); the e2e tests open a customer's survey with it.
import { scanCsatInvitations } from "@/lib/surveys/commands";
import type { SurveyDelivery } from "@/lib/surveys/delivery";
import { isProductionMode } from "@/lib/env";
import { refreshRollups } from "@/lib/dashboards/rollups";
import { db } from "@/lib/db";

const printLinks = process.argv.includes("--print-links");
const [job, at] = process.argv.slice(2).filter((a) => a !== "--print-links");
const now = at ? new Date(at) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error(`invalid time: ${at}`);
  process.exit(2);
}
const base = process.env.APP_BASE_URL ?? process.env.NEXTAUTH_URL ?? "";
if (printLinks && isProductionMode()) {
  console.error("--print-links is for demo mode only: in production survey links reach the customer alone.");
  process.exit(2);
}
try {
  if (job === "survey-invitations") {
    const links: Array<Pick<SurveyDelivery, "customerId" | "invitationId" | "text">> = [];
    const send = printLinks
      ? async (d: SurveyDelivery[]) => void links.push(...d.map(({ customerId, invitationId, text }) => ({ customerId, invitationId, text })))
      : undefined;
    const r = await scanCsatInvitations(now, base, undefined, send);
    console.log(JSON.stringify(printLinks ? { ...r, links } : r));
  } else if (job === "rollups") console.log(JSON.stringify(await refreshRollups(now)));
  else {
    console.error("usage: run-job.ts <survey-invitations|rollups> [ISO time]");
    process.exitCode = 2;
  }
} finally {
  await db.$disconnect();
}

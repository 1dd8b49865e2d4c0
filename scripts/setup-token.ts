// The first administrator of a production install (docs/operations.md#production-install): while
// the database has no users, prints a one-time link to /setup (a new token each run replaces the
// previous one). scripts/start.mjs runs it with --json; operators run `npm run setup:token`.
import { issueSetupToken, SETUP_TOKEN_TTL_MINUTES } from "@/lib/users/setup-commands";

const json = process.argv.includes("--json");
const base = (process.env.APP_BASE_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");

issueSetupToken().then(
  (token) => {
    const link = token ? `${base}/setup?token=${token}` : null;
    if (json) console.log(JSON.stringify({ link }));
    else if (link) console.log(`Create the first administrator (the link works once, for ${SETUP_TOKEN_TTL_MINUTES} minutes):\n  Open ${link}`);
    else console.log("The database already has users: there is nothing to set up. An administrator creates users under /admin/users.");
    process.exit(0);
  },
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);

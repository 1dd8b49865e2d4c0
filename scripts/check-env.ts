// Checks the environment the way the server does at start (lib/env.ts): scripts/start.mjs runs it
// in production mode before anything touches the database. Prints the readable refusal and exits 2.
import { loadEnv } from "@/lib/env";

try {
  loadEnv();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
}

// npm run keys:rotate [-- --batch 1000] [--rehash] [--status]
//
// Re-encrypts every PII ciphertext (national ID numbers, TOTP secrets) that is not under the
// current key — the first of PII_ENC_KEYS — while the app keeps running: keyset-paginated batches,
// one set-based UPDATE each (lib/pii/rotation.ts). Resumable: run it again after an interruption
// and it picks up the rows still on old keys. One audit row per run.
//   --status   ciphertexts per key id, nothing changed
//   --rehash   also recompute every ID-number hash with PII_HMAC_KEY (after changing that key; the
//              app must be stopped meanwhile: ID search misses rows not yet rehashed)
//   --batch N  rows per batch and transaction (default 1000)
// Uses DATABASE_URL and the keys of the environment or PII_KEYS_FILE, like the app.
// See docs/operations.md "Keys and rotation".
import cliProgress from "cli-progress";
import { db } from "@/lib/db";
import { env, isProductionMode } from "@/lib/env";
import { countPiiByKey, rotatePiiKeys, type PiiTable } from "@/lib/pii/rotation";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const batchArg = args.indexOf("--batch");
const batchSize = batchArg >= 0 ? Number(args[batchArg + 1]) : 1000;
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
  console.error("--batch must be an integer between 1 and 50000");
  process.exit(2);
}

const LABEL: Record<PiiTable, string> = { customer: "ID numbers  ", app_user: "TOTP secrets", hub_subscription: "Hub secrets " };

function describeCounts(counts: Awaited<ReturnType<typeof countPiiByKey>>): string {
  return Object.entries(counts)
    .map(([table, byKey]) => {
      const parts = Object.entries(byKey).map(([id, n]) => `key ${id}: ${n.toLocaleString("en")}`);
      return `  ${LABEL[table as PiiTable]}  ${parts.length ? parts.join(", ") : "none"}`;
    })
    .join("\n");
}

try {
  const e = env();
  if (e.usingDevSecrets && isProductionMode()) {
    console.error("No PII keys configured: set PII_ENC_KEYS (or PII_ENC_KEY) and PII_HMAC_KEY, or PII_KEYS_FILE. See docs/operations.md.");
    process.exit(2);
  }
  const ring = e.piiKeyring;
  console.log(`Current key: ${ring.currentId} (configured: ${[...ring.keys.keys()].join(", ")})`);
  if (flag("status")) {
    console.log(describeCounts(await countPiiByKey()));
  } else {
    const bar = new cliProgress.SingleBar(
      {
        format: "  {table} [{bar}] {percentage}% | {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}",
        noTTYOutput: true,
        notTTYSchedule: 5_000,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = 0;
    let done = 0;
    const speed = () => Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString("en");
    const r = await rotatePiiKeys({
      batchSize,
      rehash: flag("rehash"),
      onTable: (table, total) => {
        if (started) bar.stop();
        started = Date.now();
        done = 0;
        bar.start(total, 0, { table: LABEL[table], speed: 0 });
      },
      onBatch: (_, n) => {
        done += n;
        bar.increment(n, { speed: speed() });
      },
    });
    bar.stop();
    const total = r.rewritten.customer + r.rewritten.app_user + r.rewritten.hub_subscription;
    console.log(
      `Rewrote ${r.rewritten.customer.toLocaleString("en")} ID numbers and ${r.rewritten.app_user.toLocaleString("en")} TOTP secrets and ${r.rewritten.hub_subscription.toLocaleString("en")} hub secrets under key ${r.keyId} ` +
        `in ${(r.ms / 1000).toFixed(1)} s (${r.batches} batches, ${Math.round(total / Math.max(0.001, r.ms / 1000)).toLocaleString("en")} rows/s).`,
    );
    const counts = await countPiiByKey();
    console.log(describeCounts(counts));
    const stale = Object.values(counts).some((byKey) => Object.keys(byKey).some((id) => Number(id) !== r.keyId));
    if (stale) {
      console.log(
        `Some rows are still under older keys: a node still runs with an older key current. Restart it with key ${r.keyId} first, then run this again.`,
      );
      process.exitCode = 1;
    } else {
      console.log(
        `Every ciphertext is under key ${r.keyId}: older keys can now be removed from PII_ENC_KEYS (keep a backup of them as long as you keep database backups).`,
      );
    }
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}

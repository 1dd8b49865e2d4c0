import "server-only";
import { Readable } from "node:stream";
import { once } from "node:events";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { parse } from "csv-parse";
import { db, STATEMENT_TIMEOUTS } from "@/lib/db";
import { env } from "@/lib/env";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ValidationError } from "@/lib/shared/errors";
import { logger } from "@/lib/shared/logger";
import { encryptPii, hashIdNumber } from "@/lib/pii/crypto";
import { maskMsisdn } from "@/lib/pii/mask";
import { nameSearchKeys } from "@/lib/customers/name-keys";
import { networksForPlanClass, readHeader, validateImportRow, type RowError } from "@/lib/imports/file-format";

export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
/** The report keeps the first errors; the count is always exact. */
export const IMPORT_MAX_REPORTED_ERRORS = 10_000;
/** A RUNNING job whose heartbeat is older than this is considered orphaned and claimed again. */
const STALE_AFTER_SECONDS = 60;

/** Stores the uploaded file as a queued job and wakes the worker. The job outlives the request. */
export async function enqueueImport(actor: Actor, file: { fileName: string; content: Buffer }): Promise<{ id: number }> {
  assertCan(actor, "customer:import");
  if (file.content.length === 0) throw new ValidationError({ file: "empty" });
  if (file.content.length > IMPORT_MAX_BYTES) throw new ValidationError({ file: "tooLarge" });
  const fileName = file.fileName.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 120) || "import.csv";
  const job = await db.$transaction(
    async (tx) => {
      const j = await tx.importJob.create({
        data: { createdById: actor.id, fileName, fileSize: file.content.length, content: new Uint8Array(file.content), totalRows: estimateRows(file.content) },
        select: { id: true },
      });
      await recordAudit(tx, actor, { action: "import.queued", entity: "importJob", entityId: j.id, data: { fileName, bytes: file.content.length } });
      return j;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  kickImportWorker();
  return job;
}

function estimateRows(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  if (buf.length && buf[buf.length - 1] !== 10) n++;
  return Math.max(0, n - 1);
}

let workerRunning: Promise<void> | null = null;

/** Starts the in-process worker unless it is already draining the queue. Never throws. */
export function kickImportWorker(): void {
  if (workerRunning) return;
  workerRunning = processImportQueue()
    .then(() => undefined)
    .catch((e) => logger.error("import.worker_failed", { message: e instanceof Error ? e.message : String(e) }))
    .finally(() => {
      workerRunning = null;
    });
}

/** Claims queued (or orphaned) jobs one at a time until none is left. Safe with several nodes. */
export async function processImportQueue(): Promise<number> {
  let done = 0;
  for (;;) {
    const claimed = await db.$queryRaw<Array<{ id: number }>>`
      UPDATE import_job SET status = 'RUNNING', started_at = now(), heartbeat_at = now(), phase = 'parsing', processed_rows = 0
      WHERE id = (
        SELECT id FROM import_job
        WHERE status = 'QUEUED' OR (status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}))
        ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id`;
    if (!claimed.length) return done;
    await runImportJob(claimed[0].id);
    done++;
  }
}

interface Progress {
  processed: number;
  phase: string;
}

const STAGE_COLUMNS = [
  "row_no",
  "customer_no",
  "customer_type",
  "name",
  "name_pinyin",
  "name_initials",
  "gender",
  "birth_date",
  "id_enc",
  "id_hash",
  "id_last4",
  "province",
  "city",
  "contact_phone",
  "email",
  "address",
  "joined_at",
  "account_no",
  "payment_method",
  "credit_class",
  "msisdn",
  "iccid",
  "plan_code",
  "network",
  "line_status",
  "start_date",
  "contract_end_date",
  "special_care",
] as const;

function copyText(v: string | number | null): string {
  if (v === null) return "\\N";
  return String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/**
 * Runs one claimed job: streaming parse → per-row validation → COPY into a temporary staging
 * table → set-based checks against the database → set-based upsert of customers, accounts and
 * lines, all in ONE transaction. Any error anywhere: nothing lands, the errors are kept for the report.
 */
export async function runImportJob(jobId: number): Promise<void> {
  const job = await db.importJob.findUniqueOrThrow({ where: { id: jobId } });
  const owner = await db.user.findUnique({ where: { id: job.createdById }, select: { id: true, username: true } });
  const plans = await db.plan.findMany({ select: { code: true, class: true } });
  const planNetworks = new Map(plans.map((p) => [p.code, networksForPlanClass(p.class)]));
  const progress: Progress = { processed: 0, phase: "parsing" };
  // Progress and heartbeat on the shared pool (the import's own transaction is invisible to
  // pollers until it commits); one write in flight at a time, and nothing returned (the row holds the file).
  let reporting = false;
  const ticker = setInterval(() => {
    if (reporting) return;
    reporting = true;
    db.$executeRaw`UPDATE import_job SET processed_rows = ${progress.processed}, phase = ${progress.phase}, heartbeat_at = now() WHERE id = ${jobId}`
      .catch((e) => logger.warn("import.progress_failed", { jobId, message: e instanceof Error ? e.message : String(e) }))
      .finally(() => {
        reporting = false;
      });
  }, 500);
  const errors: Array<RowError & { rowNo: number }> = [];
  let errorCount = 0;
  const addError = (rowNo: number, e: RowError) => {
    errorCount++;
    if (errors.length < IMPORT_MAX_REPORTED_ERRORS) errors.push({ rowNo, ...e });
  };
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  // A dropped connection (database restart mid-import) must not crash the process: the failing
  // query rejects, the transaction is lost and the job is claimed again by the next poll.
  client.on("error", (e) => logger.warn("import.connection_error", { jobId, message: e.message }));
  await client.connect();
  let committed = false;
  const startedAt = Date.now();
  try {
    await client.query("BEGIN");
    // A job: the load and the upsert of a whole file (lib/db.ts STATEMENT_TIMEOUTS).
    await client.query("SELECT set_config('statement_timeout', $1, true)", [String(STATEMENT_TIMEOUTS.job)]);
    await client.query(
      `CREATE TEMP TABLE import_stage (row_no int, customer_no text, customer_type text, name text, name_pinyin text, name_initials text,
         gender text, birth_date date, id_enc text, id_hash text, id_last4 text, province text, city text, contact_phone text, email text,
         address text, joined_at date, account_no text, payment_method text, credit_class text, msisdn text, iccid text, plan_code text,
         network text, line_status text, start_date date, contract_end_date date, special_care text) ON COMMIT DROP`,
    );
    const copy = client.query(copyFrom(`COPY import_stage (${STAGE_COLUMNS.join(",")}) FROM STDIN`));
    const copyDone = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });

    // Streaming parse of the stored file in 64 KiB chunks.
    const content = Buffer.from(job.content);
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < content.length; i += 65536) yield content.subarray(i, i + 65536);
      })(),
    );
    const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 64 * 1024 }));
    const today = new Date();
    let index: Record<string, number> | null = null;
    let headerOk = true;
    const msisdnRow = new Map<string, number>();
    const customerSeen = new Map<string, { name: string; idNumber: string | null; idHash: string | null }>();
    const accountOwner = new Map<string, string>();
    const idOwner = new Map<string, string>();
    const pinyinCache = new Map<string, [string, string]>();
    let buffer = "";
    let rowNo = 1;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        if (!index) {
          const h = readHeader(cells);
          index = h.index;
          for (const e of h.errors) addError(1, e);
          headerOk = h.errors.length === 0;
          if (!headerOk) break;
          continue;
        }
        rowNo++;
        progress.processed = rowNo - 1;
        // The file is already in memory, so the parser never waits: yield now and then so the
        // server keeps answering requests (and the progress ticker runs) during a big import.
        if (rowNo % 2000 === 0) await new Promise((r) => setImmediate(r));
        const { row, errors: rowErrors } = validateImportRow(cells, index, { planNetworks, today });
        for (const e of rowErrors) addError(rowNo, e);
        if (!row) continue;
        // Cross-row checks: a number appears once; a customer and an account keep one identity.
        const firstRow = msisdnRow.get(row.msisdn);
        if (firstRow !== undefined) {
          addError(rowNo, { column: "msisdn", code: "duplicateInFile", value: `${maskMsisdn(row.msisdn)} (${firstRow})` });
          continue;
        }
        msisdnRow.set(row.msisdn, rowNo);
        const seen = customerSeen.get(row.customerNo);
        // A customer's later rows repeat its ID number: hash it once.
        const idHash = row.idNumber ? (seen?.idNumber === row.idNumber ? seen.idHash : hashIdNumber(row.idNumber)) : null;
        if (seen && (seen.name !== row.name || (idHash && seen.idHash && seen.idHash !== idHash))) {
          addError(rowNo, { column: seen.name !== row.name ? "name" : "id_number", code: "inconsistentCustomer", value: row.customerNo });
          continue;
        }
        if (!seen) customerSeen.set(row.customerNo, { name: row.name, idNumber: row.idNumber, idHash });
        const owner = accountOwner.get(row.accountNo);
        if (owner && owner !== row.customerNo) {
          addError(rowNo, { column: "account_no", code: "accountOtherCustomer", value: row.accountNo });
          continue;
        }
        accountOwner.set(row.accountNo, row.customerNo);
        if (idHash) {
          const idCustomer = idOwner.get(idHash);
          if (idCustomer && idCustomer !== row.customerNo) {
            addError(rowNo, { column: "id_number", code: "duplicateInFile", value: `****${row.idNumber!.slice(-4)}` });
            continue;
          }
          idOwner.set(idHash, row.customerNo);
        }
        if (errorCount > 0) continue; // the file is rejected anyway: keep validating, stop staging
        let py = pinyinCache.get(row.name);
        if (!py) {
          const keys = nameSearchKeys(row.name);
          py = [keys.pinyin, keys.initials];
          pinyinCache.set(row.name, py);
        }
        const cellsOut: Array<string | number | null> = [
          rowNo,
          row.customerNo,
          row.customerType,
          row.name,
          py[0],
          py[1],
          row.gender,
          row.birthDate,
          // Only the customer's first row is used for the customer (DISTINCT ON … row_no): encrypt once.
          row.idNumber && !seen ? encryptPii(row.idNumber.toUpperCase()) : null,
          idHash,
          row.idNumber ? row.idNumber.slice(-4) : null,
          row.province,
          row.city,
          row.contactPhone,
          row.email,
          row.address,
          row.joinedAt,
          row.accountNo,
          row.paymentMethod,
          row.creditClass,
          row.msisdn,
          row.iccid,
          row.planCode,
          row.network,
          row.lineStatus,
          row.startDate,
          row.contractEndDate,
          row.specialCare,
        ];
        buffer += cellsOut.map(copyText).join("\t") + "\n";
        if (buffer.length > 256 * 1024) {
          if (!copy.write(buffer)) await once(copy, "drain");
          buffer = "";
        }
      }
    } catch (e) {
      // Malformed CSV (e.g. an unclosed quote): report where the parser stopped.
      const line = (e as { lines?: number }).lines;
      addError(line ?? rowNo + 1, { column: "", code: "csvSyntax" });
    }
    if (!index) addError(1, { column: "", code: "emptyFile" });
    if (buffer) copy.write(buffer);
    copy.end();
    await copyDone;

    const parsedAt = Date.now();
    if (errorCount === 0) {
      progress.phase = "checking";
      await client.query("ANALYZE import_stage");
      // Duplicates against the database: a number, account or ID already belonging to another customer.
      // Each probe runs in key order: consecutive probes land on neighbouring index pages. At 10 M
      // customers, with the indexes not in memory, 50 k ID hashes probed in file order took 8.4 s
      // (a random page read each); sorted, 0.45 s.
      const conflicts = await client.query<{ row_no: number; column: string; code: string; value: string | null }>(
        `SELECT s.row_no, 'msisdn' AS column, 'msisdnOtherCustomer' AS code, NULL AS value
           FROM (SELECT row_no, msisdn, customer_no FROM import_stage ORDER BY msisdn) s
           JOIN line l ON l.msisdn = s.msisdn JOIN customer c ON c.id = l.customer_id WHERE c.customer_no <> s.customer_no
         UNION ALL
         SELECT s.row_no, 'account_no', 'accountOtherCustomer', s.account_no
           FROM (SELECT row_no, account_no, customer_no FROM import_stage ORDER BY account_no) s
           JOIN account a ON a.account_no = s.account_no JOIN customer c ON c.id = a.customer_id WHERE c.customer_no <> s.customer_no
         UNION ALL
         SELECT s.row_no, 'id_number', 'idNumberOtherCustomer', '****' || s.id_last4
           FROM (SELECT row_no, id_hash, id_last4, customer_no FROM import_stage WHERE id_hash IS NOT NULL ORDER BY id_hash) s
           JOIN customer c ON c.id_number_hash = s.id_hash WHERE c.customer_no <> s.customer_no
         ORDER BY 1`,
      );
      for (const r of conflicts.rows) {
        const value = r.column === "msisdn" ? null : r.value;
        addError(r.row_no, { column: r.column, code: r.code, ...(value ? { value } : {}) });
      }
    }

    if (errorCount > 0) {
      await client.query("ROLLBACK");
      clearInterval(ticker);
      errors.sort((a, b) => a.rowNo - b.rowNo);
      await db.$transaction(
        async (tx) => {
          await tx.importJobError.createMany({ data: errors.map((e) => ({ jobId, rowNo: e.rowNo, column: e.column, code: e.code, value: e.value ?? null })) });
          await tx.importJob.updateMany({
            where: { id: jobId },
            data: { status: "FAILED", phase: "done", errorCount, processedRows: progress.processed, finishedAt: new Date(), content: new Uint8Array(0) },
          });
          await recordAudit(tx, owner ? { id: owner.id, username: owner.username, name: owner.username, role: "ADMIN", teamId: null } : null, {
            action: "import.rejected",
            entity: "importJob",
            entityId: jobId,
            data: { rows: progress.processed, errors: errorCount },
          });
        },
        { timeout: 60_000, maxWait: 10_000 },
      );
      return;
    }

    progress.phase = "writing";
    const checkedAt = Date.now();
    const customers = await client.query<{ created: number; updated: number }>(
      `WITH src AS (SELECT DISTINCT ON (customer_no) * FROM import_stage ORDER BY customer_no, row_no),
       up AS (
         INSERT INTO customer (customer_no, type, name, name_pinyin, name_initials, gender, birth_date, id_number_enc, id_number_hash, id_number_last4,
                               province, city, contact_phone, email, address, joined_at, special_care, updated_at)
         SELECT src.customer_no, customer_type::"CustomerType", src.name, src.name_pinyin, src.name_initials, src.gender::"Gender", src.birth_date, id_enc, id_hash, id_last4,
                src.province, src.city, src.contact_phone, src.email, src.address, src.joined_at,
                -- An empty special_care cell keeps the customer's flag (NONE for a new one).
                COALESCE(src.special_care, ex.special_care::text, 'NONE')::"SpecialCare", now()
         FROM src LEFT JOIN customer ex ON ex.customer_no = src.customer_no
         ON CONFLICT (customer_no) DO UPDATE SET
           type = EXCLUDED.type, name = EXCLUDED.name, name_pinyin = EXCLUDED.name_pinyin, name_initials = EXCLUDED.name_initials,
           gender = EXCLUDED.gender, birth_date = COALESCE(EXCLUDED.birth_date, customer.birth_date),
           id_number_enc = CASE WHEN EXCLUDED.id_number_hash IS NULL OR EXCLUDED.id_number_hash = customer.id_number_hash
                                THEN customer.id_number_enc ELSE EXCLUDED.id_number_enc END,
           id_number_hash = COALESCE(EXCLUDED.id_number_hash, customer.id_number_hash),
           id_number_last4 = COALESCE(EXCLUDED.id_number_last4, customer.id_number_last4),
           province = EXCLUDED.province, city = EXCLUDED.city,
           contact_phone = COALESCE(EXCLUDED.contact_phone, customer.contact_phone),
           email = COALESCE(EXCLUDED.email, customer.email), address = COALESCE(EXCLUDED.address, customer.address),
           joined_at = EXCLUDED.joined_at, special_care = EXCLUDED.special_care, version = customer.version + 1, updated_at = now()
         -- a re-import of unchanged data writes nothing (and keeps versions, so no editor gets a false conflict)
         WHERE (customer.type, customer.name, customer.gender, customer.birth_date, customer.id_number_hash, customer.province, customer.city,
                customer.contact_phone, customer.email, customer.address, customer.joined_at, customer.special_care)
           IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.name, EXCLUDED.gender, COALESCE(EXCLUDED.birth_date, customer.birth_date),
                COALESCE(EXCLUDED.id_number_hash, customer.id_number_hash), EXCLUDED.province, EXCLUDED.city,
                COALESCE(EXCLUDED.contact_phone, customer.contact_phone), COALESCE(EXCLUDED.email, customer.email),
                COALESCE(EXCLUDED.address, customer.address), EXCLUDED.joined_at, EXCLUDED.special_care)
         RETURNING (xmax = 0) AS inserted)
       SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
    );
    await client.query(
      `INSERT INTO account (account_no, customer_id, payment_method, credit_class)
       SELECT DISTINCT ON (s.account_no) s.account_no, c.id, s.payment_method::"PaymentMethod", s.credit_class
       FROM import_stage s JOIN customer c ON c.customer_no = s.customer_no ORDER BY s.account_no, s.row_no
       ON CONFLICT (account_no) DO UPDATE SET payment_method = EXCLUDED.payment_method, credit_class = EXCLUDED.credit_class
       WHERE (account.payment_method, account.credit_class) IS DISTINCT FROM (EXCLUDED.payment_method, EXCLUDED.credit_class)`,
    );
    const lines = await client.query<{ created: number; updated: number }>(
      `WITH up AS (
         INSERT INTO line (msisdn, iccid, customer_id, account_id, plan_id, network, status, start_date, contract_end_date, terminated_at)
         SELECT s.msisdn, s.iccid, c.id, a.id, p.id, s.network::"Network", s.line_status::"LineStatus", s.start_date, s.contract_end_date,
                CASE WHEN s.line_status = 'TERMINATED' THEN current_date END
         FROM import_stage s JOIN customer c ON c.customer_no = s.customer_no JOIN account a ON a.account_no = s.account_no JOIN plan p ON p.code = s.plan_code
         ON CONFLICT (msisdn) DO UPDATE SET
           iccid = COALESCE(EXCLUDED.iccid, line.iccid), account_id = EXCLUDED.account_id, plan_id = EXCLUDED.plan_id,
           network = EXCLUDED.network, status = EXCLUDED.status, start_date = EXCLUDED.start_date, contract_end_date = EXCLUDED.contract_end_date,
           terminated_at = CASE WHEN EXCLUDED.status = 'TERMINATED' THEN COALESCE(line.terminated_at, current_date) END
         WHERE (line.iccid, line.account_id, line.plan_id, line.network, line.status, line.start_date, line.contract_end_date)
           IS DISTINCT FROM (COALESCE(EXCLUDED.iccid, line.iccid), EXCLUDED.account_id, EXCLUDED.plan_id, EXCLUDED.network, EXCLUDED.status,
                             EXCLUDED.start_date, EXCLUDED.contract_end_date)
         RETURNING (xmax = 0) AS inserted)
       SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
    );
    clearInterval(ticker);
    const c = customers.rows[0];
    const l = lines.rows[0];
    const rows = progress.processed;
    await client.query(
      `UPDATE import_job SET status = 'SUCCEEDED', phase = 'done', processed_rows = $2, total_rows = $2, customers_created = $3, customers_updated = $4,
         lines_created = $5, lines_updated = $6, finished_at = now(), heartbeat_at = now(), content = ''::bytea WHERE id = $1`,
      [jobId, rows, c.created, c.updated, l.created, l.updated],
    );
    // The audit row commits with the data (same transaction); recordAudit needs a Prisma client, so
    // the same columns are written here through the import's own connection.
    await client.query(
      `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, data) VALUES ($1, $2, 'import.completed', 'importJob', $3, $4)`,
      [
        owner?.id ?? null,
        owner?.username ?? null,
        String(jobId),
        JSON.stringify({ rows, customersCreated: c.created, customersUpdated: c.updated, linesCreated: l.created, linesUpdated: l.updated }),
      ],
    );
    await client.query("COMMIT");
    committed = true;
    logger.info("import.completed", { jobId, rows, parseMs: parsedAt - startedAt, checkMs: checkedAt - parsedAt, writeMs: Date.now() - checkedAt });
  } catch (e) {
    clearInterval(ticker);
    if (!committed) await client.query("ROLLBACK").catch(() => {});
    logger.error("import.failed", { jobId, message: e instanceof Error ? e.message : String(e) });
    await db.importJob.updateMany({
      where: { id: jobId },
      data: { status: "FAILED", phase: "done", failureCode: "unexpected", finishedAt: new Date(), content: new Uint8Array(0) },
    });
  } finally {
    clearInterval(ticker);
    await client.end().catch(() => {});
  }
}

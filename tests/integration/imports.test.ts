import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { enqueueImport, processImportQueue } from "@/lib/imports/commands";
import { getImportJob, listImportErrors, listImportJobs } from "@/lib/imports/queries";
import { hashIdNumber } from "@/lib/pii/crypto";
import { col, idNumberFor, importRows, toImportCsv } from "@/tests/factories/import-file";
import { actorFor, auditCount } from "./helpers";
import { createCustomer, newIdNumber } from "@/tests/factories/customers";

let admin: Actor;
let supervisor: Actor;

async function runFile(csv: string) {
  const { id } = await enqueueImport(admin, { fileName: "test.csv", content: Buffer.from(csv) });
  await processImportQueue();
  // The enqueue also woke the in-process worker: wait until the job is finished by whoever claimed it.
  for (let i = 0; i < 600; i++) {
    const job = await getImportJob(admin, id);
    if (job.status === "SUCCEEDED" || job.status === "FAILED") return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("import did not finish");
}

beforeAll(async () => {
  admin = await actorFor("admin1");
  supervisor = await actorFor("supervisor1");
});

describe("subscriber import", () => {
  test("a valid file lands whole; re-importing it updates instead of duplicating", async () => {
    const rows = importRows({ rows: 40, offset: 1000, linesPerCustomer: 2 });
    const job = await runFile(toImportCsv(rows));
    expect(job.status).toBe("SUCCEEDED");
    expect(job).toMatchObject({ processedRows: 40, customersCreated: 20, linesCreated: 40, errorCount: 0 });
    const c = await db.customer.findUniqueOrThrow({ where: { customerNo: rows[0][col("customer_no")] }, include: { lines: true, accounts: true } });
    expect(c.lines).toHaveLength(2);
    expect(c.accounts).toHaveLength(1);
    expect(c.idNumberHash).toBe(hashIdNumber(idNumberFor(1000)));
    expect(c.idNumberEnc).not.toContain(idNumberFor(1000));
    expect(c.namePinyin).toMatch(/^[a-z]+$/);

    // Same file again: nothing new, nothing changed.
    const again = await runFile(toImportCsv(rows));
    expect(again).toMatchObject({ status: "SUCCEEDED", customersCreated: 0, linesCreated: 0, customersUpdated: 0, linesUpdated: 0 });
    expect(await db.line.count({ where: { msisdn: { in: rows.map((r) => r[col("msisdn")]) } } })).toBe(40);

    // A changed plan on one line updates just that line.
    const changed = rows.map((r) => [...r]);
    changed[1][col("plan_code")] = "M4G-38";
    changed[1][col("network")] = "G4";
    const third = await runFile(toImportCsv(changed));
    expect(third).toMatchObject({ status: "SUCCEEDED", linesCreated: 0, linesUpdated: 1 });
    const line = await db.line.findUniqueOrThrow({ where: { msisdn: rows[1][col("msisdn")] }, include: { plan: true } });
    expect(line.plan.code).toBe("M4G-38");
    expect(await auditCount({ action: "import.completed" })).toBeGreaterThanOrEqual(3);
  });

  test("one bad row rejects the whole file; the report names row, column and problem", async () => {
    const rows = importRows({ rows: 30, offset: 2000 });
    const existing = (await createCustomer()).line;
    rows[2][col("msisdn")] = "12345"; // format
    rows[4][col("id_number")] = idNumberFor(2002).slice(0, 17) + (idNumberFor(2002).endsWith("1") ? "2" : "1"); // checksum
    rows[6][col("start_date")] = "2023-02-30"; // date
    rows[8][col("plan_code")] = "NOPE"; // plan
    rows[10][col("msisdn")] = rows[9][col("msisdn")]; // duplicate in file
    rows[12][col("msisdn")] = existing.msisdn; // belongs to another customer in the database
    const job = await runFile(toImportCsv(rows));
    expect(job.status).toBe("FAILED");
    const errors = await listImportErrors(admin, job.id);
    const at = (row: number) => errors.filter((e) => e.rowNo === row).map((e) => `${e.column}:${e.code}`);
    // Row numbers are spreadsheet rows: the header is row 1, rows[i] is row i + 2.
    expect(at(4)).toContain("msisdn:msisdnFormat");
    expect(at(6)).toContain("id_number:idChecksum");
    expect(at(8)).toContain("start_date:date");
    expect(at(10)).toContain("plan_code:unknownPlan");
    expect(at(12)).toContain("msisdn:duplicateInFile");
    // DB checks run only once the file itself is clean, so the DB conflict shows on a second try.
    expect(job.errorCount).toBe(5);
    expect(JSON.stringify(errors)).not.toContain(idNumberFor(2002));
    // Nothing landed.
    expect(await db.customer.count({ where: { customerNo: { in: rows.map((r) => r[col("customer_no")]) } } })).toBe(0);

    const onlyDbConflict = importRows({ rows: 4, offset: 3000 });
    onlyDbConflict[1][col("msisdn")] = existing.msisdn;
    const job2 = await runFile(toImportCsv(onlyDbConflict));
    expect(job2.status).toBe("FAILED");
    expect((await listImportErrors(admin, job2.id)).map((e) => `${e.rowNo}:${e.column}:${e.code}`)).toEqual(["3:msisdn:msisdnOtherCustomer"]);
    expect(await db.customer.count({ where: { customerNo: { in: onlyDbConflict.map((r) => r[col("customer_no")]) } } })).toBe(0);

    // An account and a national ID that belong to other customers in the database.
    const { account } = await createCustomer();
    const heldId = newIdNumber();
    await createCustomer({ idNumber: heldId });
    const others = importRows({ rows: 6, offset: 3100 }); // two rows per customer
    others[3][col("account_no")] = account.accountNo;
    others[4][col("id_number")] = heldId;
    others[5][col("id_number")] = heldId;
    const job3 = await runFile(toImportCsv(others));
    expect(job3.status).toBe("FAILED");
    const errors3 = await listImportErrors(admin, job3.id);
    expect(errors3.map((e) => `${e.rowNo}:${e.column}:${e.code}`)).toEqual([
      "5:account_no:accountOtherCustomer",
      "6:id_number:idNumberOtherCustomer",
      "7:id_number:idNumberOtherCustomer",
    ]);
    expect(JSON.stringify(errors3)).not.toContain(heldId);
  });

  test("a file with a wrong header or broken CSV is rejected with a report", async () => {
    const bad = await runFile("customer_no,name,bogus\nC800000001,张伟,x\n");
    expect(bad.status).toBe("FAILED");
    const codes = (await listImportErrors(admin, bad.id)).map((e) => `${e.column}:${e.code}`);
    expect(codes).toContain("bogus:unknownColumn");
    expect(codes).toContain("msisdn:missingColumn");
    const broken = await runFile(toImportCsv(importRows({ rows: 2, offset: 4000 })) + 'C800004009,"unclosed\n');
    expect(broken.status).toBe("FAILED");
    expect((await listImportErrors(admin, broken.id)).some((e) => e.code === "csvSyntax")).toBe(true);
  });

  test("only admins import; others get forbidden and no job is created", async () => {
    const any = await runFile("customer_no\n"); // a job of the admin's (refused: no columns)
    const before = await db.importJob.count();
    await expect(enqueueImport(supervisor, { fileName: "x.csv", content: Buffer.from("a\n") })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(enqueueImport(admin, { fileName: "x.csv", content: Buffer.alloc(0) })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.importJob.count()).toBe(before);
    await expect(getImportJob(supervisor, any.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listImportErrors(supervisor, any.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listImportJobs(supervisor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getImportJob(admin, 999_999)).rejects.toBeInstanceOf(NotFoundError);
  });
});

import { describe, test, expect, beforeAll } from "vitest";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { searchCustomers, searchSql, suffixSql, nameWalkSql, getCustomer360, listRecentCustomers } from "@/lib/customers/queries";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { decryptPii, hashIdNumber } from "@/lib/pii/crypto";
import { maskMsisdn } from "@/lib/pii/mask";
import { actorFor, auditCount } from "./helpers";
import type { Actor } from "@/lib/auth/actor";

let agent: Actor;
let sample: { customerId: number; msisdn: string; name: string; accountNo: string; idNumber: string | null; pinyin: string };

beforeAll(async () => {
  agent = await actorFor("agent1");
  const line = await db.line.findFirstOrThrow({ where: { network: "G5" }, include: { customer: true, account: true }, orderBy: { id: "asc" } });
  const withId = await db.customer.findFirstOrThrow({ where: { idNumberEnc: { not: null }, type: "INDIVIDUAL" }, orderBy: { id: "asc" } });
  sample = {
    customerId: line.customerId,
    msisdn: line.msisdn,
    name: line.customer.name,
    accountNo: line.account.accountNo,
    idNumber: withId.idNumberEnc ? decryptPii(withId.idNumberEnc) : null,
    pinyin: withId.namePinyin,
  };
});

describe("searchCustomers", () => {
  test("full MSISDN finds the line's customer, masked", async () => {
    const r = await searchCustomers(agent, { q: sample.msisdn });
    expect(r.kind).toBe("msisdn");
    expect(r.hits.map((h) => h.id)).toContain(sample.customerId);
    const hit = r.hits.find((h) => h.id === sample.customerId)!;
    expect(hit.msisdnMasked).toBe(`${sample.msisdn.slice(0, 3)}****${sample.msisdn.slice(-4)}`);
    expect(JSON.stringify(r)).not.toContain(sample.msisdn);
  });

  test("a 4-digit fragment from the middle of the number finds it", async () => {
    const frag = sample.msisdn.slice(4, 8);
    let cursor: string | undefined;
    const ids: number[] = [];
    for (let page = 0; page < 50; page++) {
      const r = await searchCustomers(agent, { q: frag, cursor, limit: 50 });
      expect(r.kind).toBe("msisdnPartial");
      ids.push(...r.hits.map((h) => h.id));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(ids).toContain(sample.customerId);
  });

  test("4-digit fragments, paged: the numbers ending with them first, then the others, each in number order", async () => {
    // The endings come off line_msisdn_suffix_idx, the rest through the quads index. Compare page by
    // page with a plain strpos over every line: a prefix ("1380"), the end of the number, fragments
    // from every part of 10-, 11- and 12-digit numbers, and "9999".
    const lines = await sqlRows<{ msisdn: string }>(
      Prisma.sql`(SELECT msisdn FROM line WHERE length(msisdn) = 11 ORDER BY id LIMIT 2)
                 UNION ALL (SELECT msisdn FROM line WHERE length(msisdn) <> 11 ORDER BY id LIMIT 3)`,
    );
    const frags = new Set(["1380", "9999", sample.msisdn.slice(5, 9)]);
    for (const { msisdn } of lines) for (let at = 0; at + 4 <= msisdn.length; at += 3) frags.add(msisdn.slice(at, at + 4));
    for (const { msisdn } of lines) frags.add(msisdn.slice(-4));
    let endingsSeen = 0;
    for (const frag of frags) {
      const paged: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 400; page++) {
        const r = await searchCustomers(agent, { q: frag, cursor, limit: 3 });
        expect(r.kind).toBe("msisdnPartial");
        paged.push(...r.hits.map((h) => `${h.id} ${h.msisdnMasked}`));
        if (!r.nextCursor) break;
        cursor = r.nextCursor;
      }
      const want = await sqlRows<{ id: number; msisdn: string; ending: boolean }>(
        Prisma.sql`SELECT c.id, l.msisdn, right(l.msisdn, 4) = ${frag} AS ending FROM line l JOIN customer c ON c.id = l.customer_id
                   WHERE strpos(l.msisdn, ${frag}) > 0 ORDER BY right(l.msisdn, 4) <> ${frag}, l.msisdn, c.id`,
      );
      expect(paged).toEqual(want.map((w) => `${w.id} ${maskMsisdn(w.msisdn)}`));
      if (want.some((w) => w.ending) && want.some((w) => !w.ending)) endingsSeen++;
    }
    expect(frags.size).toBeGreaterThan(10);
    expect(endingsSeen).toBeGreaterThan(0); // some fragment paged from the endings into the rest
  });

  test("a number that ends with a 4-digit fragment and holds it elsewhere too is listed once", async () => {
    const rolledBack = new Error("rollback");
    await expect(
      db.$transaction(async (tx) => {
        const l = await tx.line.findFirstOrThrow({ orderBy: { id: "asc" } });
        await tx.line.create({
          data: { msisdn: "19947214721", customerId: l.customerId, accountId: l.accountId, planId: l.planId, network: l.network, startDate: l.startDate },
        });
        const endings = await tx.$queryRaw<Array<{ msisdn: string }>>(suffixSql("4721", "", 1000));
        const others = await tx.$queryRaw<Array<{ msisdn: string }>>(searchSql("msisdnPartial", "4721", "", 0, 1000));
        expect([...endings, ...others].filter((r) => r.msisdn === "19947214721")).toHaveLength(1);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });

  test("fragments of 5 to 10 digits find exactly the numbers that contain them, 10- to 12-digit numbers alike", async () => {
    // The quads index (each number's 4-digit substrings) narrows; strpos confirms. Compare with a
    // plain LIKE over every line, on fragments from the start, middle and end of varied numbers.
    const lines = await sqlRows<{ msisdn: string }>(
      Prisma.sql`(SELECT msisdn FROM line WHERE length(msisdn) = 11 ORDER BY id LIMIT 3)
                 UNION ALL (SELECT msisdn FROM line WHERE length(msisdn) <> 11 ORDER BY id LIMIT 3)`,
    );
    expect(lines.some((l) => l.msisdn.length !== 11)).toBe(true);
    let checked = 0;
    for (const { msisdn } of lines) {
      for (const len of [5, 6, 7, 10]) {
        for (const at of [0, Math.floor((msisdn.length - len) / 2), msisdn.length - len]) {
          const frag = msisdn.slice(at, at + len);
          if (frag.length !== len || frag.length === 11) continue;
          const got = await sqlRows<{ msisdn: string }>(searchSql("msisdnPartial", frag, "", 0, 100_000));
          const want = await sqlRows<{ msisdn: string }>(
            Prisma.sql`SELECT l.msisdn FROM line l JOIN customer c ON c.id = l.customer_id WHERE strpos(l.msisdn, ${frag}) > 0 ORDER BY l.msisdn, c.id`,
          );
          expect(got.map((r) => r.msisdn)).toEqual(want.map((r) => r.msisdn));
          expect(got.map((r) => r.msisdn)).toContain(msisdn);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  test("keyset pages do not overlap", async () => {
    const first = await searchCustomers(agent, { q: "13", limit: 5 });
    expect(first.kind).toBe("tooShort");
    const a = await searchCustomers(agent, { q: "138", limit: 5 });
    expect(a.kind).toBe("tooShort");
    const p1 = await searchCustomers(agent, { q: "1380", limit: 3 });
    if (p1.nextCursor) {
      const p2 = await searchCustomers(agent, { q: "1380", limit: 3, cursor: p1.nextCursor });
      const k1 = p1.hits.map((h) => `${h.id}${h.msisdnMasked}`);
      for (const h of p2.hits) expect(k1).not.toContain(`${h.id}${h.msisdnMasked}`);
    }
  });

  test("account number, national ID (by keyed hash) and pinyin", async () => {
    expect((await searchCustomers(agent, { q: sample.accountNo })).hits.map((h) => h.id)).toContain(sample.customerId);
    if (sample.idNumber) {
      const r = await searchCustomers(agent, { q: sample.idNumber });
      expect(r.kind).toBe("idNumber");
      expect(r.hits.length).toBeGreaterThan(0);
      const c = await db.customer.findFirstOrThrow({ where: { idNumberHash: hashIdNumber(sample.idNumber) } });
      expect(r.hits.map((h) => h.id)).toContain(c.id);
    }
    const py = await searchCustomers(agent, { q: sample.pinyin });
    expect(py.kind).toBe("pinyin");
    expect(py.hits.length).toBeGreaterThan(0);
  });

  test("a 2-character Chinese name prefix works", async () => {
    const two = sample.name.slice(0, 2);
    const r = await searchCustomers(agent, { q: two, limit: 50 });
    expect(r.kind).toBe("name");
    expect(r.hits.every((h) => h.name.startsWith(two))).toBe(true);
  });

  test("a 3-character term anywhere in the name, paged, finds exactly the names that contain it", async () => {
    const names = await sqlRows<{ name: string }>(Prisma.sql`SELECT name FROM customer WHERE char_length(name) >= 4 ORDER BY id LIMIT 3`);
    for (const term of [...names.map((n) => n.name.slice(1, 4)), sample.name.slice(0, 3)]) {
      const paged: number[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 200; page++) {
        const r = await searchCustomers(agent, { q: term, cursor, limit: 2 });
        expect(r.kind).toBe("name");
        paged.push(...r.hits.map((h) => h.id));
        if (!r.nextCursor) break;
        cursor = r.nextCursor;
      }
      const want = await sqlRows<{ id: number }>(Prisma.sql`SELECT id FROM customer WHERE strpos(name, ${term}) > 0 ORDER BY id`);
      expect(paged).toEqual(want.map((w) => w.id));
      expect(paged.length).toBeGreaterThan(0);
      // A term with more than NAME_MATCH_CAP matches walks the customers in id order instead: same rows, same order.
      const walked = await sqlRows<{ id: number }>(nameWalkSql(term, 0, 100_000));
      expect(walked.map((w) => w.id)).toEqual(want.map((w) => w.id));
    }
  });

  test("hostile terms are just terms", async () => {
    for (const q of ["%", "_", "' OR 1=1 --", "\\", "%%%%", "1234%"]) {
      const r = await searchCustomers(agent, { q });
      expect(Array.isArray(r.hits)).toBe(true);
    }
    const pct = await searchCustomers(agent, { q: "张%" });
    expect(pct.hits.every((h) => h.name.startsWith("张%"))).toBe(true);
  });

  test("an admin without search permission is still allowed; a forged role is not", async () => {
    await expect(searchCustomers({ ...agent, role: "NOBODY" as never }, { q: sample.msisdn })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("getCustomer360", () => {
  test("returns masked profile, lines with plans and up to 12 months of bills; audits the view", async () => {
    const before = await auditCount({ action: "customer.viewed", actorId: agent.id });
    const c = await getCustomer360(agent, sample.customerId);
    expect(c.name).toBe(sample.name);
    expect(c.lines.length).toBeGreaterThan(0);
    expect(c.lines[0].planCode).toBeTruthy();
    expect(c.bills.length).toBeGreaterThan(0);
    expect(c.bills.length).toBeLessThanOrEqual(12);
    expect(c.contactPhoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(JSON.stringify(c)).not.toContain(sample.msisdn);
    expect(await auditCount({ action: "customer.viewed", actorId: agent.id })).toBe(before + 1);
    const recent = await listRecentCustomers(agent);
    expect(recent[0].id).toBe(sample.customerId);
  });

  test("unknown or malformed ids are not found and write nothing", async () => {
    const before = await auditCount();
    await expect(getCustomer360(agent, 999_999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCustomer360(agent, -1)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditCount()).toBe(before);
  });
});

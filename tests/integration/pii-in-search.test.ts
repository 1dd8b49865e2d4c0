// Issue 19, findings 2, 3 and 12: PII that cannot be pieced together from the 360 view and the
// ID-number search, a customer export with masked names, and search terms that never sit in a URL
// or in the audit log in clear.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { getCustomer360, getCustomerSearchTerm, searchCustomers, SEARCH_TTL_MS } from "@/lib/customers/queries";
import { startCustomerSearch } from "@/lib/customers/commands";
import { exportCustomerSearch, exportKeptCustomerSearch } from "@/lib/customers/export";
import { decryptPii } from "@/lib/pii/crypto";
import { maskName } from "@/lib/pii/mask";
import { RATE_LIMITS } from "@/lib/shared/rate-limit";
import { ForbiddenError, NotFoundError, RateLimitError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";
import { actorOf, createAgent } from "@/tests/factories/staff";

let agent: Actor;
let agent2: Actor;
let supervisor: Actor;
let manager: Actor;
let customer: { id: number; name: string; idNumber: string; msisdn: string };

/** A fresh agent, so a test's rate-limit buckets start full. */
async function freshAgent(): Promise<Actor> {
  return { ...actorOf((await createAgent({ teamId: agent.teamId, passwordHash: "not-a-hash" })).user), ip: "127.0.0.1", userAgent: "vitest" };
}

/** Audit rows (of any action) whose data holds `text` in clear. */
async function auditRowsHolding(text: string) {
  return db.$queryRaw<
    Array<{ action: string }>
  >`SELECT action FROM audit_log WHERE data::text LIKE ${"%" + text + "%"} OR coalesce(entity_id, '') LIKE ${"%" + text + "%"}`;
}

beforeAll(async () => {
  [agent, agent2, supervisor, manager] = await Promise.all(["agent1", "agent2", "supervisor1", "manager1"].map(actorFor));
  const made = await createCustomer({ name: "欧阳明月", birthDate: new Date("1985-03-07T00:00:00Z"), idNumber: true });
  customer = { id: made.customer.id, name: made.customer.name, idNumber: decryptPii(made.customer.idNumberEnc!), msisdn: made.line.msisdn };
});

describe("finding 2: the national ID cannot be pieced together without reveal permission", () => {
  test("without customer:revealPii the 360 shows the birth year only and no character of the ID number", async () => {
    const c = await getCustomer360(agent, customer.id);
    expect(c.birthDate).toBeNull();
    expect(c.birthYear).toBe("1985");
    expect(c.idNumberMasked).toBe("*".repeat(18));
    const shown = JSON.stringify(c);
    expect(shown).not.toContain("1985-03-07");
    expect(shown).not.toContain(customer.idNumber.slice(-4));
  });

  test("with customer:revealPii the 360 keeps the full birth date and the last 4 (the audited reveal shows the rest)", async () => {
    const c = await getCustomer360(supervisor, customer.id);
    expect(c.birthDate).toBe("1985-03-07");
    expect(c.idNumberMasked).toBe(`**************${customer.idNumber.slice(-4)}`);
  });

  test("every ID-number search is audited, the number masked, with the customers it matched", async () => {
    const searcher = await freshAgent();
    const r = await searchCustomers(searcher, { q: customer.idNumber });
    expect(r.kind).toBe("idNumber");
    expect(r.hits.map((h) => h.id)).toEqual([customer.id]);
    const miss = await searchCustomers(searcher, { q: "110105194912310021" });
    expect(miss.hits).toEqual([]);
    const rows = await db.auditLog.findMany({ where: { action: "customer.idNumberSearched", actorId: searcher.id }, orderBy: { id: "asc" } });
    expect(rows.map((a) => a.data)).toEqual([
      { term: `${customer.idNumber.slice(0, 4)}**********${customer.idNumber.slice(-4)}`, matched: [customer.id] },
      { term: "1101**********0021", matched: [] },
    ]);
    expect(rows[0].entityId).toBe(String(customer.id));
    expect(await auditRowsHolding(customer.idNumber)).toEqual([]);
  });

  test("ID-number searches have a tight per-user limit of their own (10, then 10 an hour); other searches go on", async () => {
    expect(RATE_LIMITS.idNumberSearch).toEqual({ capacity: 10, refillPerSecond: 10 / 3600 });
    const searcher = await freshAgent();
    for (let i = 0; i < 10; i++) await searchCustomers(searcher, { q: customer.idNumber });
    await expect(searchCustomers(searcher, { q: customer.idNumber })).rejects.toBeInstanceOf(RateLimitError);
    // A refused search is not run, so it is not audited as one.
    expect(await db.auditLog.count({ where: { action: "customer.idNumberSearched", actorId: searcher.id } })).toBe(10);
    // The general search is another bucket; another user has a bucket of their own.
    expect((await searchCustomers(searcher, { q: customer.msisdn })).hits.map((h) => h.id)).toContain(customer.id);
    expect((await searchCustomers(await freshAgent(), { q: customer.idNumber })).hits).toHaveLength(1);
  });
});

describe("finding 3: the customer search export masks names as the segment export does", () => {
  test("a personal name is exported as its surname and asterisks, never in full", async () => {
    const { hits } = await exportCustomerSearch(manager, customer.msisdn);
    const hit = hits.find((h) => h.id === customer.id);
    expect(hit?.name).toBe(maskName(customer.name, "INDIVIDUAL"));
    expect(hit?.name).toBe("欧***");
    expect(JSON.stringify(hits)).not.toContain(customer.name);
  });
});

describe("finding 12: search terms travel in no URL and sit in no audit row in clear", () => {
  test("a kept search has an opaque id, works only for its user and for 30 minutes, and stores the term encrypted", async () => {
    const now = new Date();
    const { searchId } = await startCustomerSearch(agent, { q: customer.idNumber }, now);
    expect(searchId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await getCustomerSearchTerm(agent, searchId, now)).toBe(customer.idNumber);
    expect(await getCustomerSearchTerm(agent2, searchId, now)).toBeNull();
    expect(await getCustomerSearchTerm(agent, searchId, new Date(now.getTime() + SEARCH_TTL_MS + 1000))).toBeNull();
    expect(await getCustomerSearchTerm(agent, "A".repeat(22), now)).toBeNull();
    const [row] = await db.$queryRaw<Array<{ r: string }>>`SELECT row_to_json(s)::text AS r FROM customer_search s WHERE id = ${searchId}`;
    expect(row.r).not.toContain(customer.idNumber);
    // The next search deletes expired ones (of every user).
    await startCustomerSearch(agent2, { q: "张" }, new Date(now.getTime() + SEARCH_TTL_MS + 1000));
    expect(await db.customerSearch.count({ where: { id: searchId } })).toBe(0);
  });

  test("the export is addressed by a kept search of the actor's own; anyone else's is not found", async () => {
    const { searchId } = await startCustomerSearch(manager, { q: customer.msisdn });
    const { hits } = await exportKeptCustomerSearch(manager, searchId);
    expect(hits.map((h) => h.id)).toContain(customer.id);
    const admin = await actorFor("admin1");
    await expect(exportKeptCustomerSearch(admin, searchId)).rejects.toBeInstanceOf(NotFoundError);
    const { searchId: agentsOwn } = await startCustomerSearch(agent, { q: customer.msisdn });
    await expect(exportKeptCustomerSearch(agent, agentsOwn)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("a page cursor (it goes in the results page's URL) does not carry the last hit's number", async () => {
    const first = await searchCustomers(agent, { q: "1380", limit: 1 });
    expect(first.kind).toBe("msisdnPartial");
    const cursor = first.nextCursor!;
    expect(cursor).toBeTruthy();
    const decoded = Buffer.from(cursor, "base64url").toString("latin1");
    expect(decoded).not.toMatch(/\d{10,}/);
    // …and it still pages: the second page is not the first.
    const next = await searchCustomers(agent, { q: "1380", cursor, limit: 1 });
    expect(next.hits).toHaveLength(1);
    expect(`${next.hits[0].id} ${next.hits[0].msisdnMasked}`).not.toBe(`${first.hits[0].id} ${first.hits[0].msisdnMasked}`);
  });

  test("after searches and exports by full number, ID number and name, no audit row holds a term in clear", async () => {
    const searcher = await freshAgent();
    for (const q of [customer.msisdn, customer.idNumber, customer.name]) {
      await searchCustomers(searcher, { q });
      await exportCustomerSearch(manager, q);
    }
    for (const term of [customer.msisdn, customer.idNumber, customer.name, customer.name.slice(0, 2)]) expect(await auditRowsHolding(term)).toEqual([]);
    const exported = await db.auditLog.findFirstOrThrow({ where: { action: "customer.exported", actorId: manager.id }, orderBy: { id: "desc" } });
    expect(exported.data).toMatchObject({ kind: "name", term: "欧***" });
  });
});

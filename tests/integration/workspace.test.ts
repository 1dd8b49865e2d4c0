import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { listActiveInteractionReasons, listInteractionReasons } from "@/lib/interactions/queries";
import { listCustomerStory } from "@/lib/customers/timeline-queries";
import { createInteractionReason, logInteraction, updateInteractionReason } from "@/lib/interactions/commands";
import { pinCustomer, revealCustomerPii, unpinCustomer, updateCustomerContact } from "@/lib/customers/commands";
import { getCustomer360, listPinnedCustomers } from "@/lib/customers/queries";
import { exportCustomerSearch } from "@/lib/customers/export";
import { decryptPii } from "@/lib/pii/crypto";
import { actorFor, auditCount } from "./helpers";
import { createCustomer } from "@/tests/factories/customers";

let agent: Actor;
let agent2: Actor;
let supervisor: Actor;
let manager: Actor;
let admin: Actor;
let customerId: number;

async function lastAudit(action: string) {
  return db.auditLog.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
}

beforeAll(async () => {
  [agent, agent2, supervisor, manager, admin] = await Promise.all(["agent1", "agent2", "supervisor1", "manager1", "admin1"].map(actorFor));
  // This file's customer: an email, an ID number, a line and a few contacts on several channels.
  const channels = ["HOTLINE", "APP", "HOTLINE", "WECHAT", "HOTLINE", "ONLINE_CHAT", "APP"] as const;
  const { customer } = await createCustomer({
    email: "wang.fang@example.com",
    idNumber: true,
    interactions: channels.map((channel, i) => ({ channel, daysAgo: 3 + i * 11, agentId: agent.id })),
  });
  customerId = customer.id;
});

describe("the 360 story's contacts (the timeline the 360 shows)", () => {
  test("newest first, keyset pages without overlap, every contact once", async () => {
    const all: string[] = [];
    let before: string | undefined;
    let prev: Date | null = null;
    for (let i = 0; i < 50; i++) {
      const page = await listCustomerStory(agent, { customerId, kinds: ["contact"], before, limit: 3 });
      for (const e of page.items) {
        expect(e.kind).toBe("contact");
        if (prev) expect(e.at.getTime()).toBeLessThanOrEqual(prev.getTime());
        prev = e.at;
        all.push(e.key);
      }
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(await db.interaction.count({ where: { customerId } }));
  });

  test("a forged role may not read it; an unknown customer is not found", async () => {
    await expect(listCustomerStory({ ...agent, role: "NOBODY" as never }, { customerId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCustomerStory(agent, { customerId: 2_000_000_000 })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("logInteraction", () => {
  test("an agent logs a call: it is first on the timeline and audited without the notes", async () => {
    const [reason] = await listActiveInteractionReasons(agent);
    const { id } = await logInteraction(agent, {
      customerId,
      channel: "HOTLINE",
      direction: "INBOUND",
      reasonCode: reason.code,
      disposition: "RESOLVED",
      notes: "客户来电 13812345678",
    });
    const [newest] = (await listCustomerStory(agent, { customerId, kinds: ["contact"], limit: 1 })).items;
    expect(newest?.key).toBe(`contact-${id}`);
    expect(newest?.kind === "contact" && newest.agentName).toBe(agent.name);
    const audit = await lastAudit("interaction.logged");
    expect(audit.actorId).toBe(agent.id);
    expect(JSON.stringify(audit.data)).not.toContain("13812345678");
  });

  test("denied for an admin (no interaction:create), unknown or inactive reasons refused; nothing written", async () => {
    const before = await db.interaction.count({ where: { customerId } });
    const audits = await auditCount({ action: "interaction.logged" });
    const base = { customerId, channel: "HOTLINE" as const, direction: "INBOUND" as const, disposition: "RESOLVED" as const };
    await expect(logInteraction(admin, { ...base, reasonCode: "BILL_QUERY" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(logInteraction(agent, { ...base, reasonCode: "NO_SUCH_REASON" })).rejects.toBeInstanceOf(ValidationError);
    await expect(logInteraction(agent, { ...base, customerId: 999_999_999, reasonCode: "BILL_QUERY" })).rejects.toBeInstanceOf(NotFoundError);
    const otherLine = (await createCustomer()).line;
    await expect(logInteraction(agent, { ...base, reasonCode: "BILL_QUERY", lineId: otherLine.id })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.interaction.count({ where: { customerId } })).toBe(before);
    expect(await auditCount({ action: "interaction.logged" })).toBe(audits);
  });
});

describe("interaction reason codes (admin)", () => {
  test("admin creates, renames and deactivates; agents no longer see an inactive one", async () => {
    const code = `TEST_${Date.now() % 1_000_000}`;
    await createInteractionReason(admin, { code, nameZh: "测试原因", nameEn: "Test reason", sortOrder: 99, isActive: true });
    expect((await listActiveInteractionReasons(agent)).map((r) => r.code)).toContain(code);
    await expect(createInteractionReason(admin, { code, nameZh: "x", nameEn: "x", sortOrder: 1, isActive: true })).rejects.toBeInstanceOf(ValidationError);
    await updateInteractionReason(admin, { code, nameZh: "测试原因2", nameEn: "Test reason 2", sortOrder: 98, isActive: false });
    expect((await listActiveInteractionReasons(agent)).map((r) => r.code)).not.toContain(code);
    expect((await listInteractionReasons(admin)).find((r) => r.code === code)?.nameEn).toBe("Test reason 2");
    const base = { customerId, channel: "HOTLINE" as const, direction: "INBOUND" as const, disposition: "RESOLVED" as const };
    await expect(logInteraction(agent, { ...base, reasonCode: code })).rejects.toBeInstanceOf(ValidationError);
  });

  test("agents and supervisors may not manage reason codes", async () => {
    const audits = await auditCount({ action: "interactionReason.created" });
    await expect(createInteractionReason(agent, { code: "AGENT_TRY", nameZh: "x", nameEn: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateInteractionReason(supervisor, { code: "BILL_QUERY", nameZh: "x", nameEn: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listInteractionReasons(agent)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.interactionReason.findUnique({ where: { code: "AGENT_TRY" } })).toBeNull();
    expect((await db.interactionReason.findUniqueOrThrow({ where: { code: "BILL_QUERY" } })).nameEn).not.toBe("x");
    expect(await auditCount({ action: "interactionReason.created" })).toBe(audits);
  });
});

describe("updateCustomerContact (optimistic concurrency)", () => {
  test("a save with the current version lands; a stale one is refused and overwrites nothing", async () => {
    const c = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    const form = {
      customerId,
      version: c.version,
      preferredLang: "zh-CN" as const,
      consentSms: !c.consentSms,
      consentCall: c.consentCall,
      consentEmail: c.consentEmail,
      consentPush: c.consentPush,
      doNotDisturb: c.doNotDisturb,
    };
    // Two editors opened the same version; the first saves an email.
    const r = await updateCustomerContact(agent, { ...form, email: "first.editor@example.com" });
    expect(r.version).toBe(c.version + 1);
    expect(r.changed).toEqual(expect.arrayContaining(["email", "consentSms"]));
    const audit = await lastAudit("customer.updated");
    expect(audit.data).toEqual({ fields: expect.arrayContaining(["email", "consentSms"]) });
    expect(JSON.stringify(audit.data)).not.toContain("example.com");
    // The second editor's save is stale.
    const audits = await auditCount({ action: "customer.updated" });
    await expect(updateCustomerContact(agent2, { ...form, email: "second.editor@example.com" })).rejects.toBeInstanceOf(ConflictError);
    const after = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(after.email).toBe("first.editor@example.com");
    expect(after.version).toBe(c.version + 1);
    expect(await auditCount({ action: "customer.updated" })).toBe(audits);
  });

  test("empty contact fields keep the stored value; invalid values are refused", async () => {
    const c = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    const base = {
      customerId,
      version: c.version,
      preferredLang: "en" as const,
      consentSms: true,
      consentCall: true,
      consentEmail: true,
      consentPush: true,
      doNotDisturb: true,
    };
    await updateCustomerContact(agent, { ...base, email: "", contactPhone: "" });
    const after = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(after.email).toBe(c.email);
    expect(after.contactPhone).toBe(c.contactPhone);
    expect(after.doNotDisturb).toBe(true);
    await expect(updateCustomerContact(agent, { ...base, version: after.version, email: "not-an-email" })).rejects.toThrow();
  });

  test("a manager (no customer:update) may not edit", async () => {
    const c = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    await expect(
      updateCustomerContact(manager, {
        customerId,
        version: c.version,
        preferredLang: "zh-CN",
        consentSms: false,
        consentCall: false,
        consentEmail: false,
        consentPush: false,
        doNotDisturb: false,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customerId } })).version).toBe(c.version);
  });
});

describe("revealCustomerPii", () => {
  test("a supervisor sees one value with a reason; the audit row carries who, where, field and reason", async () => {
    const c = await db.customer.findUniqueOrThrow({ where: { id: customerId }, include: { lines: true } });
    const id = await revealCustomerPii(supervisor, { customerId, field: "idNumber", reason: "Caller verification for refund" });
    expect(id.value).toBe(decryptPii(c.idNumberEnc!));
    const line = c.lines[0];
    const n = await revealCustomerPii(supervisor, { customerId, field: "msisdn", lineId: line.id, reason: "Confirm number for callback" });
    expect(n.value).toBe(line.msisdn);
    const audit = await lastAudit("customer.piiRevealed");
    expect(audit.actorId).toBe(supervisor.id);
    expect(audit.ip).toBe("127.0.0.1");
    expect(audit.userAgent).toBe("vitest");
    expect(audit.entityId).toBe(String(customerId));
    expect(audit.data).toEqual({ field: "msisdn", lineId: line.id, reason: "Confirm number for callback" });
  });

  test("agents may not reveal; a short reason or another customer's line is refused; no audit row", async () => {
    const audits = await auditCount({ action: "customer.piiRevealed" });
    await expect(revealCustomerPii(agent, { customerId, field: "email", reason: "I would like to see it" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(revealCustomerPii(supervisor, { customerId, field: "email", reason: "x" })).rejects.toThrow();
    const other = await db.line.findFirstOrThrow({ where: { customerId: { not: customerId } } });
    await expect(revealCustomerPii(supervisor, { customerId, field: "msisdn", lineId: other.id, reason: "Wrong customer test" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await auditCount({ action: "customer.piiRevealed" })).toBe(audits);
  });
});

describe("pinned customers", () => {
  test("pin, list, unpin — per user", async () => {
    await pinCustomer(agent, customerId);
    await pinCustomer(agent, customerId); // idempotent
    // The 360 view says whether the viewing agent pinned the customer.
    expect((await getCustomer360(agent, customerId)).pinned).toBe(true);
    expect((await getCustomer360(agent2, customerId)).pinned).toBe(false);
    expect((await listPinnedCustomers(agent)).map((p) => p.id)).toContain(customerId);
    await unpinCustomer(agent, customerId);
    expect((await getCustomer360(agent, customerId)).pinned).toBe(false);
    await expect(pinCustomer(agent, 999_999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(pinCustomer({ ...agent, role: "NOBODY" as never }, customerId)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("exportCustomerSearch", () => {
  test("a manager exports a search, masked, and it is audited with a masked term", async () => {
    const line = await db.line.findFirstOrThrow({ where: { network: "G5" }, orderBy: { id: "asc" } });
    const frag = line.msisdn.slice(3, 8);
    const { hits } = await exportCustomerSearch(manager, frag);
    expect(hits.length).toBeGreaterThan(0);
    expect(JSON.stringify(hits)).not.toContain(line.msisdn);
    const audit = await lastAudit("customer.exported");
    expect(audit.actorId).toBe(manager.id);
    expect(audit.data).toMatchObject({ kind: "msisdnPartial", rows: hits.length });
  });

  test("agents and supervisors may not export; no audit row", async () => {
    const audits = await auditCount({ action: "customer.exported" });
    await expect(exportCustomerSearch(agent, "张")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportCustomerSearch(supervisor, "张")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditCount({ action: "customer.exported" })).toBe(audits);
  });
});

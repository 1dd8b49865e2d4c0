import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { decryptPii, encryptPii } from "@/lib/pii/crypto";
import { SEARCH_TTL_MS } from "@/lib/customers/queries";
import { nameSearchKeys } from "@/lib/customers/name-keys";
import { csvDate } from "@/lib/shared/csv";
import { networksForPlanClass, validateImportRow } from "@/lib/imports/file-format";
import {
  createCustomerInput,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  updateCustomerInput,
  revealPiiInput,
  setPinnedInput,
  startSearchInput,
  updateContactInput,
  type CreateCustomerInput,
  type UpdateCustomerInput,
  type RevealPiiInput,
  type SetPinnedInput,
  type StartSearchInput,
  type UpdateContactInput,
} from "@/lib/customers/schemas";

/**
 * Saves contact details and consent flags if nobody saved since the editor loaded the record
 * (customer.version); otherwise ConflictError and nothing is written. The audit names the changed
 * fields only, never their values (PII).
 */
export async function updateCustomerContact(actor: Actor, raw: UpdateContactInput): Promise<{ version: number; changed: string[] }> {
  assertCan(actor, "customer:update");
  const input = updateContactInput.parse(raw);
  return db.$transaction((tx) => applyCustomerUpdate(tx, actor, input));
}

/**
 * The contact update plus the lifecycle status (ACTIVE, SUSPENDED, CHURNED), in one transaction and
 * one version: the Open API's PATCH. Churning stamps churned_at (the operator's day); a churned
 * customer made active again keeps it (won back, as scoring reads it).
 */
export async function updateCustomer(actor: Actor, raw: UpdateCustomerInput, now = new Date()): Promise<{ version: number; changed: string[] }> {
  assertCan(actor, "customer:update");
  const input = updateCustomerInput.parse(raw);
  return db.$transaction((tx) => applyCustomerUpdate(tx, actor, input, now, { skipUnchanged: true }));
}

async function applyCustomerUpdate(
  tx: Tx,
  actor: Actor,
  input: z.output<typeof updateContactInput> & { status?: (typeof CUSTOMER_STATUSES)[number]; name?: string },
  now = new Date(),
  opts: { skipUnchanged?: boolean } = {},
): Promise<{ version: number; changed: string[] }> {
  const current = await tx.customer.findUnique({ where: { id: input.customerId } });
  if (!current) throw new NotFoundError("customer");
  if (input.name !== undefined && input.name.trim() !== current.name) throw new AppError("customer.nameReadOnly", "the name is not changed here");
  const next = {
    contactPhone: input.contactPhone ?? current.contactPhone,
    email: input.email ?? current.email,
    address: input.address ?? current.address,
    preferredLang: input.preferredLang,
    consentSms: input.consentSms,
    consentCall: input.consentCall,
    consentEmail: input.consentEmail,
    consentPush: input.consentPush,
    consentWechat: input.consentWechat ?? current.consentWechat,
    doNotDisturb: input.doNotDisturb,
    status: input.status ?? current.status,
  };
  const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== current[k]);
  if (opts.skipUnchanged && changed.length === 0) {
    // Nothing to write (another system re-sends what it read): no new version, no audit row.
    if (current.version !== input.version) throw new ConflictError("customer version changed");
    return { version: current.version, changed };
  }
  const churnedAt = next.status === "CHURNED" && current.status !== "CHURNED" ? new Date(`${csvDate(now)}T00:00:00Z`) : current.churnedAt;
  const r = await tx.customer.updateMany({ where: { id: input.customerId, version: input.version }, data: { ...next, churnedAt, version: { increment: 1 } } });
  if (r.count === 0) throw new ConflictError("customer version changed");
  await recordAudit(tx, actor, {
    action: "customer.updated",
    entity: "customer",
    entityId: input.customerId,
    data: { fields: changed, ...(changed.includes("status") ? { status: { from: current.status, to: next.status } } : {}) },
  });
  return { version: input.version + 1, changed };
}

/**
 * Registers a new subscriber with one line (the Open API's create): a customer, an account and the
 * line, validated exactly as a row of the subscriber import (validateImportRow: name, region, number
 * format for the network, plan, e-mail, phone). A service number that already exists is a
 * ConflictError. Customer and account numbers are C7… / A7… and the record's id (never a clash
 * with the seed's C…, the factories' C6… or the import files' numbers of 11 digits).
 * The audit row names the new customer, its plan and type, never the number or the name.
 */
export async function createCustomer(actor: Actor, raw: CreateCustomerInput, now = new Date()): Promise<{ id: number; customerNo: string; version: number }> {
  assertCan(actor, "customer:import");
  const input = createCustomerInput.parse(raw);
  const planCode = input.planCode.trim().toUpperCase();
  const plan = planCode ? await db.plan.findUnique({ where: { code: planCode }, select: { id: true, code: true, class: true } }) : null;
  const planNetworks = new Map(plan ? [[plan.code, networksForPlanClass(plan.class)]] : []);
  const allowed = plan ? networksForPlanClass(plan.class) : [];
  const today = csvDate(now);
  // The import's own validation, on the row this create would be in an import file.
  const cells: Record<string, string> = {
    customer_no: "C7000000000",
    customer_type: input.type,
    name: input.name,
    province: input.province,
    city: input.city,
    contact_phone: input.contactPhone ?? "",
    email: input.email ?? "",
    address: input.address ?? "",
    joined_at: today,
    account_no: "A7000000000",
    msisdn: input.msisdn,
    plan_code: planCode,
    network: input.network ?? (allowed.length === 1 ? allowed[0] : ""),
    start_date: today,
  };
  const names = Object.keys(cells);
  const { row, errors } = validateImportRow(
    names.map((n) => cells[n]),
    Object.fromEntries(names.map((n, i) => [n, i])),
    { planNetworks, today: new Date(`${today}T23:59:59Z`) },
  );
  if (!row || !plan) {
    const fields: Record<string, string> = {};
    for (const e of errors) fields[IMPORT_FIELD[e.column] ?? e.column] = fieldKeyOf(e.code);
    throw new ValidationError(Object.keys(fields).length ? fields : { planCode: "invalidOption" });
  }
  const keys = nameSearchKeys(row.name);
  const consent = input.consent ?? {};
  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.line.findUnique({ where: { msisdn: row.msisdn }, select: { id: true } });
      if (taken) throw new ConflictError("service number exists");
      const [{ id }] = await tx.$queryRaw<Array<{ id: number }>>`SELECT nextval(pg_get_serial_sequence('customer', 'id'))::int AS id`;
      const [{ id: accountId }] = await tx.$queryRaw<Array<{ id: number }>>`SELECT nextval(pg_get_serial_sequence('account', 'id'))::int AS id`;
      const customerNo = `C7${String(id).padStart(10, "0")}`;
      const c = await tx.customer.create({
        data: {
          id,
          customerNo,
          type: row.customerType as (typeof CUSTOMER_TYPES)[number],
          name: row.name,
          namePinyin: keys.pinyin,
          nameInitials: keys.initials,
          province: row.province,
          city: row.city,
          contactPhone: row.contactPhone,
          email: row.email,
          address: row.address,
          joinedAt: new Date(`${row.joinedAt}T00:00:00Z`),
          ...(input.preferredLang ? { preferredLang: input.preferredLang } : {}),
          ...(consent.sms !== undefined ? { consentSms: consent.sms } : {}),
          ...(consent.call !== undefined ? { consentCall: consent.call } : {}),
          ...(consent.email !== undefined ? { consentEmail: consent.email } : {}),
          ...(consent.push !== undefined ? { consentPush: consent.push } : {}),
          ...(consent.wechat !== undefined ? { consentWechat: consent.wechat } : {}),
          ...(consent.doNotDisturb !== undefined ? { doNotDisturb: consent.doNotDisturb } : {}),
        },
        select: { id: true, version: true },
      });
      await tx.account.create({
        data: { id: accountId, accountNo: `A7${String(accountId).padStart(10, "0")}`, customerId: c.id, paymentMethod: "CASH", creditClass: "B" },
      });
      await tx.line.create({
        data: {
          msisdn: row.msisdn,
          customerId: c.id,
          accountId,
          planId: plan.id,
          network: row.network as "G4" | "G5" | "FTTH" | "FIXED",
          status: "ACTIVE",
          startDate: new Date(`${row.startDate}T00:00:00Z`),
        },
      });
      await recordAudit(tx, actor, {
        action: "customer.created",
        entity: "customer",
        entityId: c.id,
        data: { customerNo, type: row.customerType, planCode: plan.code, lines: 1 },
      });
      return { id: c.id, customerNo, version: c.version };
    });
  } catch (e) {
    // Two creates of one number at once: the loser meets the unique index.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new ConflictError("service number exists");
    throw e;
  }
}

/** The create's fields, by the import column a validation error names. */
const IMPORT_FIELD: Record<string, string> = {
  customer_type: "type",
  name: "name",
  province: "province",
  city: "city",
  contact_phone: "contactPhone",
  email: "email",
  address: "address",
  msisdn: "msisdn",
  plan_code: "planCode",
  network: "network",
};

/** An import row's error code as a field error key (errors.field.*). */
function fieldKeyOf(code: string): string {
  switch (code) {
    case "required":
    case "tooLong":
      return code;
    case "invalidValue":
    case "unknownPlan":
    case "networkNotInPlan":
      return "invalidOption";
    default:
      return "invalidFormat";
  }
}

/**
 * Returns one clear PII value for a person allowed to see it, with a stated reason. The audit row
 * (who, when, IP, user agent, field, reason) is written in the same transaction as the read, so a
 * value is never shown without its trace.
 */
export async function revealCustomerPii(actor: Actor, raw: RevealPiiInput): Promise<{ value: string }> {
  assertCan(actor, "customer:revealPii");
  const input = revealPiiInput.parse(raw);
  return db.$transaction(async (tx) => {
    const c = await tx.customer.findUnique({
      where: { id: input.customerId },
      select: { id: true, contactPhone: true, email: true, address: true, idNumberEnc: true },
    });
    if (!c) throw new NotFoundError("customer");
    let value: string | null;
    switch (input.field) {
      case "contactPhone":
        value = c.contactPhone;
        break;
      case "email":
        value = c.email;
        break;
      case "address":
        value = c.address;
        break;
      case "idNumber":
        value = c.idNumberEnc ? decryptPii(c.idNumberEnc) : null;
        break;
      case "msisdn": {
        const line = await tx.line.findFirst({ where: { id: input.lineId, customerId: c.id }, select: { msisdn: true } });
        if (!line) throw new NotFoundError("line");
        value = line.msisdn;
        break;
      }
    }
    if (!value) throw new NotFoundError(input.field);
    await recordAudit(tx, actor, {
      action: "customer.piiRevealed",
      entity: "customer",
      entityId: c.id,
      data: { field: input.field, ...(input.lineId ? { lineId: input.lineId } : {}), reason: input.reason },
    });
    return { value };
  });
}

export async function pinCustomer(actor: Actor, customerId: number): Promise<void> {
  assertCan(actor, "customer:read");
  const c = Number.isSafeInteger(customerId) && customerId > 0 ? await db.customer.findUnique({ where: { id: customerId }, select: { id: true } }) : null;
  if (!c) throw new NotFoundError("customer");
  await db.pinnedCustomer.upsert({
    where: { userId_customerId: { userId: actor.id, customerId } },
    create: { userId: actor.id, customerId },
    update: {},
  });
}

export async function unpinCustomer(actor: Actor, customerId: number): Promise<void> {
  assertCan(actor, "customer:read");
  await db.pinnedCustomer.deleteMany({ where: { userId: actor.id, customerId } });
}

/** Pins or unpins a customer on the acting user's workspace; returns the new state. */
export async function setCustomerPinned(actor: Actor, raw: SetPinnedInput): Promise<{ pinned: boolean }> {
  const { customerId, pinned } = setPinnedInput.parse(raw);
  await (pinned ? pinCustomer : unpinCustomer)(actor, customerId);
  return { pinned };
}

/**
 * Keeps a search on the server for SEARCH_TTL_MS and returns its opaque id: the results page and
 * the export are addressed as `?s=<id>`, so numbers, ID numbers and names never travel in a URL
 * (browser history, proxy and server logs). The term is encrypted at rest; expired searches of
 * every user are deleted on the way.
 */
export async function startCustomerSearch(actor: Actor, raw: StartSearchInput, now = new Date()): Promise<{ searchId: string }> {
  assertCan(actor, "customer:search");
  const { q } = startSearchInput.parse(raw);
  const searchId = crypto.randomBytes(16).toString("base64url");
  await db.$transaction([
    db.customerSearch.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.customerSearch.create({
      data: { id: searchId, userId: actor.id, termEnc: encryptPii(q), createdAt: now, expiresAt: new Date(now.getTime() + SEARCH_TTL_MS) },
    }),
  ]);
  return { searchId };
}

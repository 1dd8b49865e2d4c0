import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { ConflictError, NotFoundError } from "@/lib/shared/errors";
import { decryptPii, encryptPii } from "@/lib/pii/crypto";
import { SEARCH_TTL_MS } from "@/lib/customers/queries";
import { nudgeHubDelivery, recordApiEvent } from "@/lib/api/hub/event-commands";
import { tmfStatusOf } from "@/lib/api/hub/event-types";
import {
  revealPiiInput,
  setPinnedInput,
  startSearchInput,
  updateContactInput,
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
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const current = await tx.customer.findUnique({ where: { id: input.customerId } });
    if (!current) throw new NotFoundError("customer");
    const next = {
      contactPhone: input.contactPhone ?? current.contactPhone,
      email: input.email ?? current.email,
      address: input.address ?? current.address,
      preferredLang: input.preferredLang,
      consentSms: input.consentSms,
      consentCall: input.consentCall,
      consentEmail: input.consentEmail,
      consentPush: input.consentPush,
      doNotDisturb: input.doNotDisturb,
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== current[k]);
    const r = await tx.customer.updateMany({ where: { id: input.customerId, version: input.version }, data: { ...next, version: { increment: 1 } } });
    if (r.count === 0) throw new ConflictError("customer version changed");
    await recordAudit(tx, actor, { action: "customer.updated", entity: "customer", entityId: input.customerId, data: { fields: changed } });
    // Open API listeners learn that it changed, not the values (PII): they GET the customer with their own scopes.
    const hubEvents = changed.length
      ? await recordApiEvent(tx, { type: "CustomerAttributeValueChangeEvent", entityId: input.customerId, resource: { status: tmfStatusOf(current.status) }, now })
      : 0;
    return { version: input.version + 1, changed, hubEvents };
  });
  if (result.hubEvents) nudgeHubDelivery();
  return { version: result.version, changed: result.changed };
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
    db.customerSearch.create({ data: { id: searchId, userId: actor.id, termEnc: encryptPii(q), createdAt: now, expiresAt: new Date(now.getTime() + SEARCH_TTL_MS) } }),
  ]);
  return { searchId };
}

// TMF621 Trouble Ticket over complaints (issue 25): every response validated against the official
// spec (tests/api/oas.ts), every accepted request body too; the whole life of a ticket through the
// API only while the UI's lib reads show the same case and clocks.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { getComplaintDetail, listComplaintQueue } from "@/lib/complaints/queries";
import { addComplaintComment } from "@/lib/complaints/comments";
import { expectValidRequest, expectValidResponse as validResponse, schemaErrors } from "@/tests/api/oas";
import { apiCall } from "@/tests/api/call";
import { createApiClient, type CreatedApiClient } from "@/tests/factories/api";
import { createCustomer, type CreatedCustomer } from "@/tests/factories/customers";
import { actorFor } from "../helpers";
import * as list from "@/app/tmf-api/troubleTicket/v5/troubleTicket/route";
import * as one from "@/app/tmf-api/troubleTicket/v5/troubleTicket/[id]/route";
import * as specs from "@/app/tmf-api/troubleTicket/v5/troubleTicketSpecification/route";
import * as spec from "@/app/tmf-api/troubleTicket/v5/troubleTicketSpecification/[id]/route";
import * as aliasList from "@/app/tmf-api/troubleTicketManagement/v5/troubleTicket/route";
import * as aliasOne from "@/app/tmf-api/troubleTicketManagement/v5/troubleTicket/[id]/route";

const BASE = "/tmf-api/troubleTicket/v5";

/**
 * expectValidResponse, with 200 lists checked item by item against the spec's `_RES` schema:
 * tests/api/oas.ts cannot resolve the $ref inside an array response schema yet (its compiled $id
 * "TMF621-res:get:/…" reads as a URI scheme, so "TMF621#/components/…" does not resolve).
 */
function expectValidResponse(spec: "TMF621", method: string, template: string, status: number, body: unknown) {
  const listOf = { "/troubleTicket": "TroubleTicket_RES", "/troubleTicketSpecification": "TroubleTicketSpecification_RES" }[template];
  if (method === "get" && status === 200 && listOf) {
    expect(Array.isArray(body)).toBe(true);
    for (const item of body as unknown[]) expect(schemaErrors(spec, listOf, item)).toEqual([]);
  } else validResponse(spec, method, template, status, body);
}
let agent1: Actor, agent2: Actor;
let api: CreatedApiClient; // agent1's integration, scoped to agent1's team
let reader: CreatedApiClient; // ticket:read only, every team
let otherTeam: CreatedApiClient; // agent2's team
let subscriber: CreatedCustomer;

const customerParty = (id: string) => [{ "@type": "RelatedPartyRefOrPartyRoleRef", role: "customer", partyOrPartyRole: { "@type": "PartyRef", id } }];
const newTicket = (extra: Record<string, unknown> = {}) => ({
  "@type": "TroubleTicket",
  description: "App shows a charge of 20 yuan I never used",
  severity: "general",
  ticketType: "BILLING",
  relatedParty: customerParty(String(subscriber.customer.id)),
  ...extra,
});

async function create(body: Record<string, unknown>, headers: Record<string, string> = {}, token = api.token) {
  expectValidRequest("TMF621", "post", "/troubleTicket", body);
  const r = await apiCall(list.POST, { path: `${BASE}/troubleTicket`, token, body, headers });
  expectValidResponse("TMF621", "post", "/troubleTicket", r.status, r.body);
  return r;
}
async function get(id: string, token = api.token, query = "") {
  const r = await apiCall(one.GET, { path: `${BASE}/troubleTicket/${id}${query}`, token, params: { id } });
  expectValidResponse("TMF621", "get", "/troubleTicket/{id}", r.status, r.body);
  return r;
}
async function patch(id: string, patchBody: Record<string, unknown>, headers: Record<string, string> = {}, token = api.token) {
  // TroubleTicket_MVO requires @type (docs/api/tmf/NOTES.md).
  const body = { "@type": "TroubleTicket", ...patchBody };
  expectValidRequest("TMF621", "patch", "/troubleTicket/{id}", body);
  const r = await apiCall(one.PATCH, { method: "PATCH", path: `${BASE}/troubleTicket/${id}`, token, body, params: { id }, headers });
  expectValidResponse("TMF621", "patch", "/troubleTicket/{id}", r.status, r.body);
  return r;
}
async function find(query: string, token = api.token) {
  const r = await apiCall(list.GET, { path: `${BASE}/troubleTicket${query}`, token });
  expectValidResponse("TMF621", "get", "/troubleTicket", r.status, r.body);
  return r;
}

beforeAll(async () => {
  [agent1, agent2] = await Promise.all(["agent1", "agent2"].map(actorFor));
  [api, reader, otherTeam, subscriber] = await Promise.all([
    createApiClient({ ownerId: agent1.id, teamId: agent1.teamId, scopes: ["ticket:read", "ticket:write"], channel: "APP" }),
    createApiClient({ scopes: ["ticket:read"] }),
    createApiClient({ ownerId: agent2.id, teamId: agent2.teamId, scopes: ["ticket:read", "ticket:write"] }),
    createCustomer(),
  ]);
});

describe("troubleTicketSpecification: the complaint categories", () => {
  test("list and one, by category code; ticketType is the specification's id", async () => {
    const all = await apiCall(specs.GET, { path: `${BASE}/troubleTicketSpecification`, token: reader.token });
    expectValidResponse("TMF621", "get", "/troubleTicketSpecification", all.status, all.body);
    expect(all.status).toBe(200);
    const billing = all.body.find((s: { id: string }) => s.id === "BILLING");
    expect(billing).toMatchObject({ "@type": "TroubleTicketSpecification", name: "Billing", lifecycleStatus: "active" });
    expect(all.headers.get("x-result-count")).toBe(String(all.body.length));
    const r = await apiCall(spec.GET, { path: `${BASE}/troubleTicketSpecification/BILLING?fields=name`, token: reader.token, params: { id: "BILLING" } });
    expectValidResponse("TMF621", "get", "/troubleTicketSpecification/{id}", r.status, r.body);
    expect(r.body).toEqual({ "@type": "TroubleTicketSpecification", id: "BILLING", href: billing.href, name: "Billing" });
    const missing = await apiCall(spec.GET, { path: `${BASE}/troubleTicketSpecification/NOPE`, token: reader.token, params: { id: "NOPE" } });
    expectValidResponse("TMF621", "get", "/troubleTicketSpecification/{id}", missing.status, missing.body);
    expect(missing.status).toBe(404);
  });
});

describe("create", () => {
  test("by customer id: 201 with Location and ETag; the client's channel; routed into agent1's queue with its SLA clock", async () => {
    const r = await create(
      newTicket({
        name: "Unknown 20 yuan charge",
        externalIdentifier: [{ "@type": "ExternalIdentifier", owner: "selfcare-app", externalIdentifierType: "case", id: "APP-42" }],
      }),
    );
    expect(r.status).toBe(201);
    const t = r.body;
    expect(r.headers.get("location")).toBe(t.href);
    expect(r.headers.get("etag")).toBe('"1"');
    expect(t).toMatchObject({
      "@type": "TroubleTicket",
      status: "acknowledged",
      severity: "general",
      priority: "low",
      ticketType: "BILLING",
      channel: { id: "app", name: "APP" },
      description: "Unknown 20 yuan charge\n\nApp shows a charge of 20 yuan I never used",
      externalIdentifier: [{ owner: "selfcare-app", externalIdentifierType: "case", id: "APP-42" }],
    });
    expect(t.name).toMatch(/^TS\d{13}$/);
    expect(t.relatedParty.map((p: { role: string }) => p.role)).toEqual(["customer", "owner", "assignee"]);
    // No customer:reveal: the name is masked as in any list.
    expect(t.relatedParty[0].partyOrPartyRole.name).not.toBe(subscriber.customer.name);
    expect(t.statusChangeHistory).toEqual([{ "@type": "StatusChange", status: "acknowledged", statusChangeDate: t.creationDate }]);

    const c = await db.complaint.findUniqueOrThrow({ where: { id: Number(t.id) } });
    expect(c).toMatchObject({ channel: "APP", ownerId: agent1.id, assigneeId: agent1.id, teamId: agent1.teamId, grade: "GENERAL", status: "ACKNOWLEDGED" });
    expect(t.expectedResolutionDate).toBe(c.resolutionDueAt!.toISOString());
    // Audited as the client, in lib's own transaction.
    expect(await db.auditLog.count({ where: { action: "complaint.opened", entityId: t.id, actorName: `api:${api.client.name}` } })).toBe(1);
    const queue = await listComplaintQueue(agent1, { queue: "mine", limit: 100 });
    const row = queue.rows.find((q) => q.id === c.id);
    expect(row).toMatchObject({ status: "ACKNOWLEDGED", slaState: "ON_TRACK" });
    expect(row!.nextDueAt).not.toBeNull();
  });

  test("by MSISDN: the line becomes the related entity; the alias path answers the same", async () => {
    const body = newTicket({ severity: "Complex", relatedParty: customerParty(`msisdn:${subscriber.line.msisdn}`) });
    expectValidRequest("TMF621", "post", "/troubleTicket", body);
    const r = await apiCall(aliasList.POST, { path: `/tmf-api/troubleTicketManagement/v5/troubleTicket`, token: api.token, body });
    expectValidResponse("TMF621", "post", "/troubleTicket", r.status, r.body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      severity: "complex",
      priority: "medium",
      relatedEntity: [{ role: "line", entity: { id: String(subscriber.line.id), "@referredType": "Line" } }],
    });
    expect(r.body.relatedEntity[0].entity.name).not.toBe(subscriber.line.msisdn);
    expect(r.body.relatedParty[0].partyOrPartyRole.id).toBe(String(subscriber.customer.id));
    const again = await apiCall(aliasOne.GET, {
      path: `/tmf-api/troubleTicketManagement/v5/troubleTicket/${r.body.id}`,
      token: api.token,
      params: { id: r.body.id },
    });
    expect(again.body).toEqual(r.body);
  });

  test("Idempotency-Key: a retry answers the first ticket and opens nothing more", async () => {
    const key = `retry-${Date.now()}`;
    const before = await db.complaint.count({ where: { customerId: subscriber.customer.id } });
    const a = await create(newTicket(), { "idempotency-key": key });
    const b = await create(newTicket(), { "idempotency-key": key });
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(b.body.id).toBe(a.body.id);
    expect(await db.complaint.count({ where: { customerId: subscriber.customer.id } })).toBe(before + 1);
    // The intake's own key carries the client: the same key from another client is another ticket.
    const c = await create(newTicket(), { "idempotency-key": key }, otherTeam.token);
    expect(c.body.id).not.toBe(a.body.id);
  });

  test("refusals: unknown customer, number or ticketType 422; bad types 400; no scope 403; wrong media type 415", async () => {
    const before = await db.complaint.count();
    const unknownCustomer = await create(newTicket({ relatedParty: customerParty("2147483000") }));
    expect(unknownCustomer.status).toBe(422);
    const unknownNumber = await create(newTicket({ relatedParty: customerParty("msisdn:19900000000") }));
    expect(unknownNumber.status).toBe(422);
    expect((await create(newTicket({ ticketType: "NO_SUCH_TYPE" }))).status).toBe(422);
    for (const bad of [
      { severity: 3 },
      { severity: "catastrophic" },
      { description: ["x"] },
      { description: "x".repeat(5000) },
      { ticketType: "'; DROP TABLE complaint;--" },
    ]) {
      const r = await apiCall(list.POST, { path: `${BASE}/troubleTicket`, token: api.token, body: newTicket(bad) });
      expectValidResponse("TMF621", "post", "/troubleTicket", r.status, r.body);
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    const noScope = await apiCall(list.POST, { path: `${BASE}/troubleTicket`, token: reader.token, body: newTicket() });
    expectValidResponse("TMF621", "post", "/troubleTicket", noScope.status, noScope.body);
    expect(noScope.status).toBe(403);
    const form = await apiCall(list.POST, {
      path: `${BASE}/troubleTicket`,
      token: api.token,
      rawBody: "description=x",
      contentType: "application/x-www-form-urlencoded",
    });
    expectValidResponse("TMF621", "post", "/troubleTicket", form.status, form.body);
    expect(form.status).toBe(415);
    const broken = await apiCall(list.POST, { path: `${BASE}/troubleTicket`, token: api.token, rawBody: "{not json" });
    expect(broken.status).toBe(400);
    const oversize = await apiCall(list.POST, {
      path: `${BASE}/troubleTicket`,
      token: api.token,
      rawBody: JSON.stringify(newTicket({ details: "x".repeat(3_000_000) })),
    });
    expectValidResponse("TMF621", "post", "/troubleTicket", oversize.status, oversize.body);
    expect(oversize.status).toBe(413);
    expect(await db.complaint.count()).toBe(before);
  });
});

describe("a ticket's whole life through the API", () => {
  test("create → inProgress → pending → inProgress → resolved → closed; the UI shows the same case and clocks", async () => {
    const created = await create(newTicket());
    const id = created.body.id as string;
    const cid = Number(id);
    let etag = created.headers.get("etag")!;
    const step = async (body: Record<string, unknown>, expected: string) => {
      const r = await patch(id, { "@type": "TroubleTicket", ...body }, { "if-match": etag });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.status).toBe(expected);
      expect(r.headers.get("etag")).not.toBe(etag);
      etag = r.headers.get("etag")!;
      const detail = await getComplaintDetail(agent1, cid);
      expect(detail.status).toBe({ inProgress: "IN_PROGRESS", pending: "PENDING", resolved: "RESOLVED", closed: "CLOSED" }[expected]);
      expect(etag).toBe(`"${detail.version}"`);
      return { ticket: r.body, detail };
    };

    const started = await step({ status: "inProgress" }, "inProgress");
    // The SLA due time the UI shows is the ticket's expectedResolutionDate.
    const resolution = started.detail.clocks.find((k) => k.kind === "RESOLUTION")!;
    expect(started.ticket.expectedResolutionDate).toBe(resolution.dueAt.toISOString());

    const pended = await step({ status: "pending", statusChangeReason: "Waiting for the customer's bill photo" }, "pending");
    expect(pended.ticket.statusChangeReason).toBe("Waiting for the customer's bill photo");
    expect(pended.detail.clocks.every((k) => k.status === "PAUSED" || k.status === "MET")).toBe(true);

    await step({ status: "inProgress" }, "inProgress");
    const resolved = await step(
      {
        status: "resolved",
        statusChangeReason: "Refunded the roaming pack charged twice",
        troubleTicketCharacteristic: [{ "@type": "StringCharacteristic", name: "rootCause", valueType: "string", value: "TARIFF_MISUNDERSTOOD" }],
      },
      "resolved",
    );
    expect(resolved.ticket.resolutionDate).toBeDefined();
    expect(resolved.detail.rootCauseId).not.toBeNull();

    // Closing needs the customer's confirmation.
    const unconfirmed = await patch(id, { "@type": "TroubleTicket", status: "closed" }, { "if-match": etag });
    expect(unconfirmed.status).toBe(422);
    const closed = await step(
      { status: "closed", troubleTicketCharacteristic: [{ "@type": "StringCharacteristic", name: "confirmation", value: "CUSTOMER_CONFIRMED" }] },
      "closed",
    );
    expect(closed.ticket.statusChangeHistory.map((h: { status: string }) => h.status)).toEqual([
      "acknowledged",
      "inProgress",
      "pending",
      "inProgress",
      "resolved",
      "closed",
    ]);
    expect(closed.ticket.statusChangeHistory[2].statusChangeReason).toBe("Waiting for the customer's bill photo");
    expect(closed.detail.timeline.filter((e) => e.kind === "STATUS").map((e) => e.toStatus)).toEqual([
      "ACKNOWLEDGED",
      "IN_PROGRESS",
      "PENDING",
      "IN_PROGRESS",
      "RESOLVED",
      "CLOSED",
    ]);
    // Every step audited as the client.
    expect(await db.auditLog.count({ where: { action: "complaint.transitioned", entityId: id, actorName: `api:${api.client.name}` } })).toBe(5);

    // Reopen from closed goes back to inProgress with the reason.
    const reopened = await patch(id, { status: "inProgress", statusChangeReason: "Charged again this month" });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: "inProgress", statusChangeReason: "Charged again this month" });
    expect(reopened.body.resolutionDate).toBeUndefined();
  });
});

describe("PATCH", () => {
  test("illegal transition 422, missing reason 422, stale If-Match 409, unknown status 400, DELETE 405", async () => {
    const { body: t } = await create(newTicket());
    const acknowledgedToClosed = await patch(t.id, {
      status: "closed",
      troubleTicketCharacteristic: [{ "@type": "StringCharacteristic", name: "confirmation", value: "CUSTOMER_CONFIRMED" }],
    });
    expect(acknowledgedToClosed.status).toBe(422);
    expect((await patch(t.id, { status: "acknowledged" })).status).toBe(200); // already: nothing changes
    expect((await patch(t.id, { status: "held" })).status).toBe(422); // acknowledged → held: no such step
    await patch(t.id, { status: "inProgress" });
    expect((await patch(t.id, { status: "acknowledged" })).status).toBe(422); // no way back
    expect((await patch(t.id, { status: "pending" })).status).toBe(422); // a reason is required
    const stale = await patch(t.id, { status: "held", statusChangeReason: "network team" }, { "if-match": '"1"' });
    expect(stale.status).toBe(409);
    const badMatch = await patch(t.id, { status: "held", statusChangeReason: "network team" }, { "if-match": "yesterday" });
    expect(badMatch.status).toBe(400);
    const unknown = await apiCall(one.PATCH, {
      method: "PATCH",
      path: `${BASE}/troubleTicket/${t.id}`,
      token: api.token,
      params: { id: t.id },
      body: { status: "reopened" },
    });
    expectValidResponse("TMF621", "patch", "/troubleTicket/{id}", unknown.status, unknown.body);
    expect(unknown.status).toBe(400);
    const del = await apiCall(one.DELETE, { method: "DELETE", path: `${BASE}/troubleTicket/${t.id}`, token: api.token, params: { id: t.id } });
    expectValidResponse("TMF621", "delete", "/troubleTicket/{id}", del.status, del.body);
    expect(del.status).toBe(405);
    expect(del.body.message).toContain("cancelled");
    const cancelled = await patch(t.id, { status: "cancelled", statusChangeReason: "Customer withdrew" });
    expect(cancelled.body.status).toBe("cancelled");
    expect((await db.complaint.findUniqueOrThrow({ where: { id: Number(t.id) } })).status).toBe("CANCELLED");
  });

  test("notes: appended as customer-facing notes; internal comments never shown; other attributes 422; nothing to change 200", async () => {
    const { body: t } = await create(newTicket({ note: [{ "@type": "Note", text: "Customer prefers SMS" }] }));
    expect(t.note).toEqual([expect.objectContaining({ "@type": "Note", text: "Customer prefers SMS" })]);
    await addComplaintComment(agent1, { complaintId: Number(t.id), kind: "INTERNAL", body: "staff only: suspect fraud" });
    const r = await patch(t.id, { "@type": "TroubleTicket", note: [...t.note, { "@type": "Note", text: "Called back, no answer" }] });
    expect(r.status).toBe(200);
    expect(r.body.note.map((n: { text: string }) => n.text)).toEqual(["Customer prefers SMS", "Called back, no answer"]);
    expect(JSON.stringify((await get(t.id)).body)).not.toContain("suspect fraud");

    const same = await patch(t.id, { "@type": "TroubleTicket", description: r.body.description, severity: "general" });
    expect(same.status).toBe(200);
    expect(same.headers.get("etag")).toBe(r.headers.get("etag"));
    for (const change of [{ description: "something else" }, { severity: "major" }, { priority: "high" }, { ticketType: "NETWORK" }]) {
      const refused = await patch(t.id, { "@type": "TroubleTicket", ...change });
      expect(refused.status, JSON.stringify(change)).toBe(422);
      expect(refused.body.message).toContain(Object.keys(change)[0]);
    }
    const edited = await patch(t.id, { note: [{ "@type": "Note", id: r.body.note[0].id, text: "rewritten" }] });
    expect(edited.status).toBe(422);
  });
});

describe("read", () => {
  test("fields selection keeps id, href and @type; team scope: another team's ticket is 404; 401 without, with a revoked or an expired token", async () => {
    const { body: t } = await create(newTicket());
    const r = await get(t.id, api.token, "?fields=status,severity");
    expect(Object.keys(r.body).sort()).toEqual(["@type", "href", "id", "severity", "status"]);
    expect(r.headers.get("etag")).toBe('"1"');
    expect((await get(t.id, reader.token)).status).toBe(200); // no team: every team's tickets
    expect((await get(t.id, otherTeam.token)).status).toBe(404);
    expect((await get("2147483000")).status).toBe(404);
    expect((await get("abc")).status).toBe(404);
    expect((await get(t.id, null as unknown as string)).status).toBe(401);
    const revoked = await createApiClient({ scopes: ["ticket:read"] });
    await db.apiToken.update({ where: { id: revoked.tokenId }, data: { revokedAt: new Date() } });
    expect((await get(t.id, revoked.token)).status).toBe(401);
    const expired = await createApiClient({ scopes: ["ticket:read"], tokenTtlMs: -1000 });
    expect((await get(t.id, expired.token)).status).toBe(401);
  });

  test("list: filters, fields, offset/limit, sort, X-Result-Count and X-Total-Count", async () => {
    const { customer } = await createCustomer();
    const party = customerParty(String(customer.id));
    const a = (await create(newTicket({ relatedParty: party }))).body;
    const b = (await create(newTicket({ relatedParty: party, severity: "complex" }))).body;
    await patch(b.id, { status: "inProgress" });
    const c = (await create(newTicket({ relatedParty: party, ticketType: "NETWORK" }))).body;

    const all = await find(`?relatedParty.id=${customer.id}`);
    expect(all.body.map((t: { id: string }) => t.id)).toEqual([c.id, b.id, a.id]);
    expect(all.headers.get("x-result-count")).toBe("3");
    expect(all.headers.get("x-total-count")).toBe("3");
    const oldestFirst = await find(`?relatedParty.id=${customer.id}&sort=creationDate&limit=2&fields=status`);
    expect(oldestFirst.body).toEqual([
      { "@type": "TroubleTicket", id: a.id, href: a.href, status: "acknowledged" },
      { "@type": "TroubleTicket", id: b.id, href: b.href, status: "inProgress" },
    ]);
    expect(oldestFirst.headers.get("x-result-count")).toBe("2");
    expect(oldestFirst.headers.get("x-total-count")).toBe("3");
    expect((await find(`?relatedParty.id=${customer.id}&offset=2`)).body.map((t: { id: string }) => t.id)).toEqual([a.id]);
    expect((await find(`?relatedParty.id=${customer.id}&status=inProgress`)).body.map((t: { id: string }) => t.id)).toEqual([b.id]);
    expect((await find(`?relatedParty.id=${customer.id}&status=acknowledged,inProgress&severity=general`)).body.map((t: { id: string }) => t.id)).toEqual([
      c.id,
      a.id,
    ]);
    expect((await find(`?relatedParty.id=${customer.id}&ticketType=NETWORK`)).body.map((t: { id: string }) => t.id)).toEqual([c.id]);
    expect((await find(`?relatedParty.id=${customer.id}&channel=app`)).body).toHaveLength(3);
    expect((await find(`?relatedParty.id=${customer.id}&channel=hotline`)).body).toHaveLength(0);
    const since = encodeURIComponent(b.creationDate);
    expect((await find(`?relatedParty.id=${customer.id}&creationDate.gte=${since}&sort=creationDate`)).body.map((t: { id: string }) => t.id)).toEqual([
      b.id,
      c.id,
    ]);
    expect((await find(`?relatedParty.id=${customer.id}&creationDate.lt=${since}`)).body.map((t: { id: string }) => t.id)).toEqual([a.id]);
    const updated = await find(`?relatedParty.id=${customer.id}&sort=-lastUpdate&limit=1`);
    expect(updated.body[0].id).toBe(c.id);
    // Another team's client sees none of them; a broad list caps the count.
    expect((await find(`?relatedParty.id=${customer.id}`, otherTeam.token)).body).toHaveLength(0);
    const broad = await find(`?limit=500`, reader.token);
    expect(broad.body.length).toBeLessThanOrEqual(100);
    expect(broad.headers.get("x-result-count")).toBe(String(broad.body.length));

    for (const bad of [
      "?ticketType=%27%20OR%201%3D1--",
      "?relatedParty.id=1;DROP%20TABLE%20complaint",
      "?status=reopened",
      "?severity=huge",
      "?limit=-1",
      "?creationDate.gt=yesterday",
      "?sort=name",
      "?filter=$.x",
      "?relatedParty.id=abc",
      "?fields=a,,b",
    ]) {
      const r = await find(bad);
      expect(r.status, bad).toBe(400);
    }
  });
});

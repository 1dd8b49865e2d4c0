// Open API events (issue 25): /hub listeners on TMF621 and TMF629, the outbox written with each
// change, signed deliveries to a REAL HTTP listener on loopback, back-off, DEAD, replay.
import { describe, test, expect, beforeAll, afterAll } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { POST as ticketHubPost } from "@/app/tmf-api/troubleTicket/v5/hub/route";
import { GET as ticketHubGet, DELETE as ticketHubDelete } from "@/app/tmf-api/troubleTicket/v5/hub/[id]/route";
import { POST as aliasHubPost } from "@/app/tmf-api/troubleTicketManagement/v5/hub/route";
import { POST as customerHubPost } from "@/app/tmf-api/customer/v5/hub/route";
import { deliverDueHubEvents } from "@/lib/api/hub/delivery-commands";
import { verifyHubSignature } from "@/lib/api/hub/signature";
import { replayDeadDeliveries, replayHubDelivery } from "@/lib/api/hub/replay-commands";
import { listHubDeliveries } from "@/lib/api/hub/delivery-queries";
import { transitionComplaint } from "@/lib/complaints/transitions";
import { rootCausesOfCategory } from "@/lib/complaints/root-cause-queries";
import { assignComplaint } from "@/lib/complaints/assignment";
import { addComplaintComment } from "@/lib/complaints/comments";
import { createCustomer as createCustomerRecord, updateCustomerContact } from "@/lib/customers/commands";
import { ForbiddenError, ValidationError } from "@/lib/shared/errors";
import { apiCall } from "@/tests/api/call";
import { expectValidRequest, expectValidResponse, schemaErrors } from "@/tests/api/oas";
import { createApiClient, type CreatedApiClient } from "@/tests/factories/api";
import { createComplaint } from "@/tests/factories/complaints";
import { createCustomer } from "@/tests/factories/customers";
import { uniqueNumber } from "@/tests/factories/db";
import { createAgent, createTeam, createUser } from "@/tests/factories/staff";
import { actorFor } from "../helpers";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown> & { event: Record<string, Record<string, unknown>> };
}

/** The listener: records every POST; answers 500 on paths in `failing`, else 204. */
const received: Received[] = [];
const failing = new Set<string>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "";
      received.push({ path, headers: req.headers, body, json: JSON.parse(body) });
      res.statusCode = failing.has(path) ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const at = (path: string) => received.filter((r) => r.path === path);
const TICKET_HUB = "/tmf-api/troubleTicket/v5/hub";

async function subscribe(client: CreatedApiClient, path: string, query?: string) {
  const body = { "@type": "Hub", callback: `${base}${path}`, ...(query ? { query } : {}) };
  expectValidRequest("TMF621", "post", "/hub", body);
  const r = await apiCall(ticketHubPost, { path: TICKET_HUB, token: client.token, body });
  expect(r.status).toBe(201);
  expectValidResponse("TMF621", "post", "/hub", r.status, r.body);
  return r.body as { id: string; secret: string; callback: string };
}

/** A complaint of a new agent in `teamId` (default: a new team). */
async function ticket(teamId?: number) {
  const agent = (await createAgent({ teamId: teamId ?? (await createTeam()).id })).actor;
  const c = await createComplaint({ actor: agent });
  return { agent, c };
}

/** A contact edit that changes the e-mail only. */
const contact = (
  c: { id: number; version: number; consentSms: boolean; consentCall: boolean; consentEmail: boolean; consentPush: boolean; doNotDisturb: boolean },
  email: string,
) => ({
  customerId: c.id,
  version: c.version,
  email,
  preferredLang: "zh-CN" as const,
  consentSms: c.consentSms,
  consentCall: c.consentCall,
  consentEmail: c.consentEmail,
  consentPush: c.consentPush,
  doNotDisturb: c.doNotDisturb,
});

let admin: Actor;
let hubClient: CreatedApiClient;

beforeAll(async () => {
  admin = await actorFor("admin1");
  hubClient = await createApiClient({ scopes: ["ticket:read", "hub:manage"] });
});

describe("the outbox costs nothing when nobody listens", () => {
  test("a change with no matching subscription writes no api_event row", async () => {
    const events = await db.apiEvent.count();
    const { customer } = await createCustomer();
    await updateCustomerContact(admin, contact(customer, "hub-none@example.com"));
    const { agent, c } = await ticket();
    await transitionComplaint(agent, { complaintId: c.id, version: c.version, action: "start" });
    expect(await db.apiEvent.count()).toBe(events);
  });
});

describe("POST /hub, GET /hub/{id}, DELETE /hub/{id}", () => {
  test("registers a listener: 201 Hub with the secret once, Location; GET shows it without the secret; another client gets 404", async () => {
    const r = await apiCall(ticketHubPost, {
      path: TICKET_HUB,
      token: hubClient.token,
      body: { "@type": "Hub", callback: `${base}/reg`, query: "eventType=TroubleTicketStatusChangeEvent" },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ "@type": "Hub", callback: `${base}/reg`, query: "eventType=TroubleTicketStatusChangeEvent" });
    expect(r.body.secret).toMatch(/^crm_hs_[A-Za-z0-9_-]{43}$/);
    // The secret is an extra property of the spec's Hub (which allows more).
    expectValidResponse("TMF621", "post", "/hub", r.status, r.body);
    expect(r.headers.get("location")).toMatch(new RegExp(`/tmf-api/troubleTicket/v5/hub/${r.body.id}$`));
    expect(r.headers.get("cache-control")).toBe("no-store");
    const row = await db.hubSubscription.findUniqueOrThrow({ where: { id: Number(r.body.id) } });
    expect(row.eventTypes).toEqual(["TROUBLE_TICKET_STATE_CHANGE"]);
    expect(row.secretEnc).not.toContain(r.body.secret);
    expect(await db.auditLog.count({ where: { action: "hubSubscription.created", entityId: r.body.id } })).toBe(1);

    const g = await apiCall(ticketHubGet, { path: `${TICKET_HUB}/${r.body.id}`, token: hubClient.token, params: { id: r.body.id } });
    expect(g.status).toBe(200);
    expectValidResponse("TMF621", "get", "/hub/{id}", g.status, g.body);
    expect(g.body).toEqual({
      "@type": "Hub",
      id: r.body.id,
      href: expect.stringContaining(`/hub/${r.body.id}`),
      callback: `${base}/reg`,
      query: "eventType=TroubleTicketStatusChangeEvent",
    });

    const other = await createApiClient({ scopes: ["ticket:read", "hub:manage"] });
    expect((await apiCall(ticketHubGet, { path: `${TICKET_HUB}/${r.body.id}`, token: other.token, params: { id: r.body.id } })).status).toBe(404);
    expect(
      (await apiCall(ticketHubDelete, { method: "DELETE", path: `${TICKET_HUB}/${r.body.id}`, token: other.token, params: { id: r.body.id } })).status,
    ).toBe(404);
    // The same /hub answers under the alias base path.
    const alias = await apiCall(aliasHubPost, { path: "/tmf-api/troubleTicketManagement/v5/hub", token: other.token, body: { callback: `${base}/alias` } });
    expect(alias.status).toBe(201);
    const d = await apiCall(ticketHubDelete, { method: "DELETE", path: `${TICKET_HUB}/${alias.body.id}`, token: other.token, params: { id: alias.body.id } });
    expect(d.status).toBe(204);
    const d2 = await apiCall(ticketHubDelete, { method: "DELETE", path: `${TICKET_HUB}/${r.body.id}`, token: hubClient.token, params: { id: r.body.id } });
    expect(d2.status).toBe(204);
  });

  test.each([
    ["no callback", { query: "eventType=TroubleTicketCreateEvent" }, 400],
    ["a callback that is not a URL", { callback: "not a url" }, 400],
    ["javascript:", { callback: "javascript:alert(1)" }, 400],
    ["ftp:", { callback: "ftp://listener.example.com/x" }, 400],
    ["credentials in the URL", { callback: "https://user:secret@listener.example.com/x" }, 400],
    ["a huge callback", { callback: `https://listener.example.com/${"a".repeat(3000)}` }, 400],
    ["a callback of the wrong type", { callback: 42 }, 400],
    ["an unknown event type", { callback: "https://listener.example.com/x", query: "eventType=TroubleTicketDeleteEvent" }, 400],
    ["a query that is not eventType", { callback: "https://listener.example.com/x", query: "'; DROP TABLE hub_subscription; --" }, 400],
    ["an oversize body", { callback: "https://listener.example.com/x", filler: "x".repeat(20_000) }, 413],
  ])("refuses %s with a TMF error body, and registers nothing", async (_, body, status) => {
    const before = await db.hubSubscription.count();
    const r = await apiCall(ticketHubPost, { path: TICKET_HUB, token: hubClient.token, body });
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ "@type": "Error", code: String(status), status: String(status) });
    expect(r.body.reason).toEqual(expect.any(String));
    expectValidResponse("TMF621", "post", "/hub", r.status, r.body);
    expect(await db.hubSubscription.count()).toBe(before);
  });

  test("scopes: hub:manage is needed, and a listener must be able to read what it hears", async () => {
    const reader = await createApiClient({ scopes: ["ticket:read"] });
    expect((await apiCall(ticketHubPost, { path: TICKET_HUB, token: reader.token, body: { callback: `${base}/x` } })).status).toBe(403);
    // hub:manage without customer:read may not listen to customers.
    const r = await apiCall(customerHubPost, { path: "/tmf-api/customer/v5/hub", token: hubClient.token, body: { callback: `${base}/x` } });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ "@type": "Error", code: "403" });
    expect((await apiCall(ticketHubPost, { path: TICKET_HUB, body: { callback: `${base}/x` } })).status).toBe(401);
  });
});

describe("deliveries", () => {
  test("a ticket's life reaches the listener as signed TMF events, in order", async () => {
    const hub = await subscribe(hubClient, "/life");
    const { agent, c } = await ticket();
    await deliverDueHubEvents();
    let v = c.version;
    const rootCauseId = (await rootCausesOfCategory(db, c.categoryId))[0]?.id ?? null;
    const steps = [
      { action: "start" },
      { action: "pend", reason: "等待客户提供账单" },
      { action: "resume" },
      { action: "resolve", reason: "已退还多扣费用", rootCauseId },
    ] as const;
    for (const step of steps) {
      await transitionComplaint(agent, { complaintId: c.id, version: v++, ...step });
      await deliverDueHubEvents();
    }
    const got = at("/life").filter((r) => r.json.event.troubleTicket?.id === String(c.id));
    // One pass per change; the resolution's two events go out in the same pass, in either order.
    expect(got.slice(0, 4).map((r) => r.json.eventType)).toEqual([
      "TroubleTicketCreateEvent",
      "TroubleTicketStatusChangeEvent",
      "TroubleTicketStatusChangeEvent",
      "TroubleTicketStatusChangeEvent",
    ]);
    expect(
      got
        .slice(4)
        .map((r) => r.json.eventType)
        .sort(),
    ).toEqual(["TroubleTicketResolvedEvent", "TroubleTicketStatusChangeEvent"]);
    expect(got.map((r) => r.json.event.troubleTicket.status)).toEqual(["acknowledged", "inProgress", "pending", "inProgress", "resolved", "resolved"]);
    const created = got[0];
    expect(created.json).toMatchObject({ "@type": "TroubleTicketCreateEvent", eventId: expect.any(String), eventTime: expect.any(String) });
    expect(created.json.event.troubleTicket).toMatchObject({
      "@type": "TroubleTicket",
      id: String(c.id),
      href: expect.stringMatching(new RegExp(`/tmf-api/troubleTicket/v5/troubleTicket/${c.id}$`)),
      severity: "general",
    });
    expect(got[2].json.event.troubleTicket.statusChangeReason).toBe("等待客户提供账单");
    expect(got[5].json.event.troubleTicket.resolutionDate).toEqual(expect.any(String));
    expect(got[4].json.event.troubleTicket.resolutionDate).toEqual(got[5].json.event.troubleTicket.resolutionDate);
    for (const r of got) {
      // Each body is the spec's event of its type (TMF621 v5 …Event schemas).
      expect(schemaErrors("TMF621", r.json.eventType as string, r.json)).toEqual([]);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["x-event-id"]).toBe(r.json.eventId);
      expect(r.headers["x-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(
        verifyHubSignature(
          hub.secret,
          r.body,
          { signature: r.headers["x-signature"] as string, timestamp: r.headers["x-hub-timestamp"] as string },
          new Date(),
        ),
      ).toBe(true);
      // Another secret, a changed body or an old timestamp do not verify.
      expect(
        verifyHubSignature(
          `${hub.secret}x`,
          r.body,
          { signature: r.headers["x-signature"] as string, timestamp: r.headers["x-hub-timestamp"] as string },
          new Date(),
        ),
      ).toBe(false);
      expect(
        verifyHubSignature(
          hub.secret,
          r.body.replace("Event", "Evt"),
          { signature: r.headers["x-signature"] as string, timestamp: r.headers["x-hub-timestamp"] as string },
          new Date(),
        ),
      ).toBe(false);
      expect(
        verifyHubSignature(
          hub.secret,
          r.body,
          { signature: r.headers["x-signature"] as string, timestamp: r.headers["x-hub-timestamp"] as string },
          new Date(Date.now() + 600_000),
        ),
      ).toBe(false);
    }
    const rows = await db.hubDelivery.findMany({ where: { subscriptionId: Number(hub.id) } });
    expect(rows.every((d) => d.status === "DELIVERED" && d.attempts === 1 && d.lastStatusCode === 204 && d.deliveredAt)).toBe(true);
  });

  test("assignment and comments are attribute changes; a query picks the types; the comment's text is not sent", async () => {
    await subscribe(hubClient, "/picky", "eventType=TroubleTicketAttributeValueChangeEvent");
    const team = await createTeam();
    const { agent, c } = await ticket(team.id);
    const supervisor = (await createUser({ role: "SUPERVISOR", teamId: team.id })).actor;
    const other = (await createAgent({ teamId: team.id })).actor;
    await assignComplaint(supervisor, { complaintId: c.id, version: c.version, assigneeId: other.id });
    await addComplaintComment(agent, { complaintId: c.id, kind: "INTERNAL", body: "客户情绪激动 secret-note" });
    await deliverDueHubEvents();
    const got = at("/picky").filter((r) => r.json.event.troubleTicket?.id === String(c.id));
    expect(got.map((r) => r.json.eventType)).toEqual(["TroubleTicketAttributeValueChangeEvent", "TroubleTicketAttributeValueChangeEvent"]);
    expect(got.some((r) => r.body.includes("secret-note"))).toBe(false);
    for (const r of got) expect(schemaErrors("TMF621", "TroubleTicketAttributeValueChangeEvent", r.json)).toEqual([]);
  });

  test("customer contact changes reach a customer listener, without the values", async () => {
    const reader = await createApiClient({ scopes: ["customer:read", "hub:manage"] });
    const r = await apiCall(customerHubPost, { path: "/tmf-api/customer/v5/hub", token: reader.token, body: { callback: `${base}/customers` } });
    expect(r.status).toBe(201);
    const { customer } = await createCustomer();
    await updateCustomerContact(admin, contact(customer, "hub-new@example.com"));
    await deliverDueHubEvents();
    const got = at("/customers").filter((x) => x.json.event.customer?.id === String(customer.id));
    expect(got).toHaveLength(1);
    expect(got[0].json.eventType).toBe("CustomerAttributeValueChangeEvent");
    expect(got[0].json.event.customer).toMatchObject({
      "@type": "Customer",
      href: expect.stringMatching(new RegExp(`/tmf-api/customer/v5/customer/${customer.id}$`)),
    });
    expect(got[0].body).not.toContain("hub-new@example.com");
    expect(schemaErrors("TMF629", "CustomerAttributeValueChangeEvent", got[0].json)).toEqual([]);

    // A new subscriber (TMF629 POST → createCustomer) is a CustomerCreateEvent.
    const created = await createCustomerRecord(admin, {
      type: "INDIVIDUAL",
      name: "钱多多",
      province: "浙江省",
      city: "杭州市",
      msisdn: `172${String(uniqueNumber() % 100_000_000).padStart(8, "0")}`,
      planCode: "M5G-129",
      network: "G5",
    });
    await deliverDueHubEvents();
    const made = at("/customers").filter((x) => x.json.event.customer?.id === String(created.id));
    expect(made.map((x) => x.json.eventType)).toEqual(["CustomerCreateEvent"]);
    expect(made[0].json.event.customer).toMatchObject({ status: "active" });
    expect(made[0].body).not.toContain("钱多多");
    expect(schemaErrors("TMF629", "CustomerCreateEvent", made[0].json)).toEqual([]);
  });

  test("a team-scoped client hears its team's tickets (and those its owner owns or handles), not other teams'", async () => {
    const team = await createTeam();
    const owner = await createUser({ role: "SUPERVISOR", teamId: team.id });
    const scoped = await createApiClient({ scopes: ["ticket:read", "hub:manage"], teamId: team.id, ownerId: owner.user.id });
    await subscribe(scoped, "/team");
    const inTeam = await ticket(team.id);
    const elsewhere = await ticket();
    await deliverDueHubEvents();
    const ids = at("/team").map((r) => r.json.event.troubleTicket.id);
    expect(ids).toContain(String(inTeam.c.id));
    expect(ids).not.toContain(String(elsewhere.c.id));
  });

  test("a 500 is retried with back-off, DEAD after the last attempt; replay delivers it once the listener is back", async () => {
    failing.add("/flaky");
    const hub = await subscribe(hubClient, "/flaky", "eventType=TroubleTicketCreateEvent");
    const { c } = await ticket();
    const t0 = new Date();
    await deliverDueHubEvents({ now: t0, maxAttempts: 3 });
    const d = await db.hubDelivery.findFirstOrThrow({ where: { subscriptionId: Number(hub.id) } });
    expect(d).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    expect(d.nextAttemptAt.getTime() - t0.getTime()).toBe(10_000);
    // Not due yet: nothing is sent.
    const sent = at("/flaky").length;
    await deliverDueHubEvents({ now: new Date(t0.getTime() + 5_000), maxAttempts: 3 });
    expect(at("/flaky").length).toBe(sent);
    await deliverDueHubEvents({ now: new Date(t0.getTime() + 11_000), maxAttempts: 3 });
    expect(await db.hubDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "PENDING", attempts: 2 });
    await deliverDueHubEvents({ now: new Date(t0.getTime() + 60_000), maxAttempts: 3 });
    expect(await db.hubDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "DEAD", attempts: 3, lastStatusCode: 500 });
    // The same event each time (a listener drops duplicates by its id).
    expect(
      new Set(
        at("/flaky")
          .filter((r) => r.json.event.troubleTicket.id === String(c.id))
          .map((r) => r.headers["x-event-id"]),
      ).size,
    ).toBe(1);

    // The admin's log shows it dead; a replay makes it pending now and audits it.
    const log = await listHubDeliveries(admin, { status: "DEAD", clientId: hubClient.client.id });
    expect(log.rows.find((r) => r.id === String(d.id))).toMatchObject({ eventType: "TroubleTicketCreateEvent", attempts: 3, callbackHost: new URL(base).host });
    failing.delete("/flaky");
    await replayHubDelivery(admin, { deliveryId: String(d.id) });
    expect(await db.auditLog.count({ where: { action: "hubDelivery.replayed", entityId: String(d.id) } })).toBe(1);
    await deliverDueHubEvents();
    expect(await db.hubDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "DELIVERED", attempts: 1, lastStatusCode: 204 });
    // A delivered one may be replayed too; a pending one may not.
    await replayHubDelivery(admin, { deliveryId: String(d.id) });
    await expect(replayHubDelivery(admin, { deliveryId: String(d.id) })).rejects.toThrow(ValidationError);
    await deliverDueHubEvents();
  });

  test("bulk replay of a subscription's dead deliveries; only admins replay", async () => {
    failing.add("/outage");
    const hub = await subscribe(hubClient, "/outage", "eventType=TroubleTicketCreateEvent");
    await ticket();
    await ticket();
    await deliverDueHubEvents({ maxAttempts: 1 });
    expect(await db.hubDelivery.count({ where: { subscriptionId: Number(hub.id), status: "DEAD" } })).toBe(2);
    await expect(replayDeadDeliveries(await actorFor("supervisor1"), { subscriptionId: Number(hub.id) })).rejects.toThrow(ForbiddenError);
    failing.delete("/outage");
    expect(await replayDeadDeliveries(admin, { subscriptionId: Number(hub.id) })).toEqual({ replayed: 2 });
    await deliverDueHubEvents();
    expect(await db.hubDelivery.count({ where: { subscriptionId: Number(hub.id), status: "DELIVERED" } })).toBe(2);
  });

  test("a deleted subscription receives nothing: its waiting deliveries die, new changes write none", async () => {
    failing.add("/gone");
    const hub = await subscribe(hubClient, "/gone", "eventType=TroubleTicketCreateEvent");
    await ticket();
    await deliverDueHubEvents();
    const del = await apiCall(ticketHubDelete, { method: "DELETE", path: `${TICKET_HUB}/${hub.id}`, token: hubClient.token, params: { id: hub.id } });
    expect(del.status).toBe(204);
    const sent = at("/gone").length;
    await ticket();
    await deliverDueHubEvents({ now: new Date(Date.now() + 3_600_000) });
    expect(at("/gone").length).toBe(sent);
    const rows = await db.hubDelivery.findMany({ where: { subscriptionId: Number(hub.id) } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "DEAD", lastError: "subscription removed" });
    await expect(replayDeadDeliveries(admin, { subscriptionId: Number(hub.id) })).rejects.toThrow(ValidationError);
    expect((await apiCall(ticketHubGet, { path: `${TICKET_HUB}/${hub.id}`, token: hubClient.token, params: { id: hub.id } })).status).toBe(404);
  });

  test("a listener that does not answer in time, or redirects, is a failed attempt", async () => {
    const slow = http.createServer((req, res) => {
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "http://169.254.169.254/" }).end();
        return;
      }
      setTimeout(() => res.writeHead(204).end(), 2_000);
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const port = (slow.address() as AddressInfo).port;
    try {
      const client = await createApiClient({ scopes: ["ticket:read", "hub:manage"] });
      const a = await apiCall(ticketHubPost, {
        path: TICKET_HUB,
        token: client.token,
        body: { callback: `http://127.0.0.1:${port}/slow`, query: "eventType=TroubleTicketCreateEvent" },
      });
      const b = await apiCall(ticketHubPost, {
        path: TICKET_HUB,
        token: client.token,
        body: { callback: `http://127.0.0.1:${port}/redirect`, query: "eventType=TroubleTicketCreateEvent" },
      });
      await ticket();
      await deliverDueHubEvents({ timeoutMs: 300 });
      expect(await db.hubDelivery.findFirstOrThrow({ where: { subscriptionId: Number(a.body.id) } })).toMatchObject({
        status: "PENDING",
        attempts: 1,
        lastError: "no answer within 300 ms",
      });
      expect(await db.hubDelivery.findFirstOrThrow({ where: { subscriptionId: Number(b.body.id) } })).toMatchObject({
        status: "PENDING",
        attempts: 1,
        lastStatusCode: 302,
        lastError: "redirect not followed",
      });
      await db.hubSubscription.updateMany({ where: { clientId: client.client.id }, data: { deletedAt: new Date() } });
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});

// Issue 25 "Done means", in both languages: admin1 registers a client (owned by agent1) and its
// credentials get a token; a listener on loopback registers at /hub; a ticket is created by MSISDN
// with only the API; agent1 sees it in the queue with its SLA clock and starts it; the listener gets
// each event signed with its secret; the token (no customer:reveal) reads a masked number; a token
// admin1 revokes gets 401.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { test, expect } from "@playwright/test";
import { login, sql } from "./helpers";
import { oauthToken, registerClient, type ApiCatalogue } from "./api-helpers";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

const TMF621 = "/tmf-api/troubleTicket/v5";

for (const locale of ["en", "zh-CN"] as const) {
  test(`a ticket's life through the Open API, seen by agent1 and a signed listener (${locale})`, async ({ browser, page, context, baseURL, request }) => {
    test.setTimeout(150_000);
    const messages = JSON.parse(fs.readFileSync(`messages/${locale}.json`, "utf8"));
    const m = messages as ApiCatalogue;
    const received: Received[] = [];
    const listener = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
    try {
      // 1. admin1 registers the client: owner agent1 (so agent1 handles its general tickets).
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await login(page, "admin1");
      const name = `E2E journey ${locale} ${Date.now().toString(36)}`;
      const { clientKey, secret } = await registerClient(page, m, name, { owner: "agent1", scopes: ["ticket:write", "customer:read", "hub:manage"] });
      const token = (await oauthToken(request, clientKey, secret)).access_token;
      const auth = { authorization: `Bearer ${token}` };

      // 2. A listener for the ticket events.
      const port = (listener.address() as AddressInfo).port;
      const hub = await request.post(`${TMF621}/hub`, { headers: auth, data: { callback: `http://127.0.0.1:${port}/tmf/events` } });
      expect(hub.status(), await hub.text()).toBe(201);
      const hubSecret = ((await hub.json()) as { secret: string }).secret;

      // 3. A ticket for a subscriber by MSISDN, with only the API.
      const [sub] = await sql<{ msisdn: string; customer_id: number }>(
        `SELECT l.msisdn, l.customer_id FROM line l JOIN customer c ON c.id = l.customer_id WHERE l.msisdn ~ '^1[0-9]{10}$' AND c.status = 'ACTIVE' ORDER BY l.id LIMIT 1 OFFSET ${locale === "en" ? 3 : 4}`,
      );
      const created = await request.post(`${TMF621}/troubleTicket`, {
        headers: { ...auth, "idempotency-key": crypto.randomUUID() },
        data: {
          "@type": "TroubleTicket",
          description: `Broadband drops every evening (${locale})`,
          severity: "general",
          ticketType: "BROADBAND",
          relatedParty: [
            { "@type": "RelatedPartyRefOrPartyRoleRef", role: "customer", partyOrPartyRole: { "@type": "PartyRef", id: `msisdn:${sub!.msisdn}` } },
          ],
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const ticket = (await created.json()) as { id: string; name: string; status: string; expectedResolutionDate: string };
      expect(ticket.status).toBe("acknowledged");
      expect(ticket.expectedResolutionDate).toBeTruthy();

      // 4. agent1 finds it in the queue, with its clocks, and starts it.
      const agentContext = await browser.newContext({ baseURL });
      await agentContext.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      const agent = await agentContext.newPage();
      await login(agent, "agent1");
      await agent.goto("/complaints");
      await agent.getByRole("link", { name: ticket.name, exact: true }).first().click();
      await expect(agent.getByRole("listitem", { name: messages.complaints.clock.RESOLUTION })).toContainText(/\d/);
      await agent.getByRole("button", { name: messages.complaints.action.start }).click();
      await expect(agent.getByRole("button", { name: messages.complaints.action.start })).toHaveCount(0);
      await agentContext.close();

      // 5. The listener got the create and the state change, each signed with its secret.
      await expect
        .poll(() => received.map((r) => JSON.parse(r.body).eventType), { timeout: 20_000 })
        .toEqual(expect.arrayContaining(["TroubleTicketCreateEvent", "TroubleTicketStatusChangeEvent"]));
      for (const r of received) {
        const expected = crypto.createHmac("sha256", hubSecret).update(`${r.headers["x-hub-timestamp"]}.${r.body}`).digest("hex");
        expect(r.headers["x-signature"]).toBe(`sha256=${expected}`);
      }
      const change = received.map((r) => JSON.parse(r.body)).find((e) => e.eventType === "TroubleTicketStatusChangeEvent");
      expect(change.event.troubleTicket).toMatchObject({ id: ticket.id, status: "inProgress" });

      // 6. Without customer:reveal the subscriber's number is masked.
      const customer = await request.get(`/tmf-api/customer/v5/customer/${sub!.customer_id}`, { headers: auth });
      expect(customer.status()).toBe(200);
      const text = await customer.text();
      expect(text).not.toContain(sub!.msisdn);
      expect(text).toContain(sub!.msisdn.slice(0, 3) + "****");

      // 7. admin1 revokes the token: the next call is 401.
      const [client] = await sql<{ id: number }>(`SELECT id FROM api_client WHERE name = $1`, [name]);
      await page.goto(`/admin/api/clients/${client!.id}`);
      const prefix = `${token.slice(0, 11)}…`;
      await page.getByRole("button", { name: m.apiClients.revokeToken.replace("{prefix}", prefix) }).click();
      await page.getByRole("dialog").getByRole("button", { name: m.apiClients.revoke }).click();
      await expect(page.getByRole("table", { name: m.apiClients.tokens }).getByRole("row").filter({ hasText: prefix })).toContainText(
        m.apiClients.tokenState.revoked,
      );
      const after = await request.get(`${TMF621}/troubleTicket/${ticket.id}`, { headers: auth });
      expect(after.status()).toBe(401);
      expect(await after.json()).toMatchObject({ "@type": "Error", code: "401" });
    } finally {
      await new Promise((r) => listener.close(r));
    }
  });
}

// Open API event deliveries (issue 25), in both languages: admin1 reads the /hub delivery log,
// filtered to one API client, and replays a dead delivery; the page passes axe.
import { test, expect } from "@playwright/test";
import { axeViolations, login, sql } from "./helpers";

const TEXT = {
  en: { title: "Event deliveries", dead: "Dead", pending: "Pending", replay: (id: string) => `Replay delivery ${id}`, replayed: "Queued to send again now." },
  "zh-CN": { title: "事件投递", dead: "已失效", pending: "待发送", replay: (id: string) => `重新投递第 ${id} 条投递`, replayed: "已排队，立即重新发送。" },
} as const;

/** An API client with a listener and one DEAD delivery (what the worker leaves after the last attempt). */
async function deadDelivery(tag: string) {
  const [client] = await sql<{ id: number }>(
    `INSERT INTO api_client (name, owner_id, scopes, client_key, secret_hash, created_by_id, updated_at)
     SELECT $1, u.id, '{TICKET_READ,HUB_MANAGE}', $2, repeat('0', 64), u.id, now() FROM app_user u WHERE u.username = 'admin1' RETURNING id`,
    [`e2e-billing-${tag}`, `crm_ci_e2e_${tag}`],
  );
  const [sub] = await sql<{ id: number }>(
    `INSERT INTO hub_subscription (client_id, api, callback, event_types, secret_enc)
     VALUES ($1, 'troubleTicket', 'https://billing.example.com/tmf/listener', '{TROUBLE_TICKET_STATE_CHANGE}', 'not-decryptable') RETURNING id`,
    [client!.id],
  );
  const [event] = await sql<{ id: string }>(
    `INSERT INTO api_event (type, entity, entity_id, payload) VALUES ('TROUBLE_TICKET_STATE_CHANGE', 'complaint', 1, '{"troubleTicket":{"id":"1","@type":"TroubleTicket"}}') RETURNING id::text`,
  );
  const [delivery] = await sql<{ id: string }>(
    `INSERT INTO hub_delivery (event_id, subscription_id, status, attempts, last_status_code, last_error)
     VALUES ($1, $2, 'DEAD', 8, 503, 'HTTP 503') RETURNING id::text`,
    [event!.id, sub!.id],
  );
  return { clientId: client!.id, deliveryId: delivery!.id };
}

for (const locale of ["en", "zh-CN"] as const) {
  test(`admin1 reads the delivery log and replays a dead delivery (${locale})`, async ({ page, context, baseURL }) => {
    const L = TEXT[locale];
    const { clientId, deliveryId } = await deadDelivery(`${locale}-${Date.now()}`);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await login(page, "admin1");
    await page.goto(`/admin/api/deliveries?clientId=${clientId}`);
    await expect(page.getByRole("heading", { level: 1, name: L.title })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "billing.example.com" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(L.dead);
    await expect(row).toContainText("HTTP 503");
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole("button", { name: L.replay(deliveryId) }).click();
    await expect(page.getByText(L.replayed)).toBeVisible();
    await expect(row).toContainText(L.pending);
    const [d] = await sql<{ status: string }>(`SELECT status::text FROM hub_delivery WHERE id = $1`, [deliveryId]);
    expect(d!.status).toBe("PENDING");
    const [a] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hubDelivery.replayed' AND entity_id = $1`, [deliveryId]);
    expect(a!.n).toBe(1);
  });
}

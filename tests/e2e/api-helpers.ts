// The Open API's e2e steps shared by api-clients.spec.ts and open-api.spec.ts (issue 25).
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { sql } from "./helpers";

export type ApiCatalogue = {
  apiClients: Record<string, string> & { secretOnce: Record<string, string>; tokenOnce: Record<string, string>; tokenState: Record<string, string> };
  apiReference: Record<string, string>;
};

/**
 * admin1 registers a client at /admin/api: `owner` (a username, admin1 by default) and the scopes to
 * tick besides the form's default ticket:read (ticket:write by default). Returns what is shown once.
 */
export async function registerClient(
  page: Page,
  m: ApiCatalogue,
  name: string,
  o: { owner?: string; scopes?: string[] } = {},
): Promise<{ clientKey: string; secret: string }> {
  const owner = o.owner ?? "admin1";
  const [user] = await sql<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = $1`, [owner]);
  await page.goto("/admin/api");
  const form = page.getByRole("form", { name: m.apiClients.register });
  await form.getByLabel(m.apiClients.name).fill(name);
  await form.getByLabel(m.apiClients.owner).selectOption({ label: `${user!.display_name} (${owner})` });
  await expect(form.getByRole("checkbox", { name: /ticket:read/ })).toBeChecked();
  for (const scope of o.scopes ?? ["ticket:write"]) await form.getByRole("checkbox", { name: new RegExp(scope) }).check();
  await expect(form.getByRole("checkbox", { name: /customer:reveal/ })).not.toBeChecked();
  await form.getByRole("button", { name: m.apiClients.register }).click();
  const shown = page.getByRole("region", { name: m.apiClients.secretOnce.title });
  await expect(shown).toBeVisible();
  const values = await shown.locator("code").allTextContents();
  expect(values[0]).toMatch(/^crm_ci_/);
  expect(values[1]).toMatch(/^crm_cs_/);
  return { clientKey: values[0]!, secret: values[1]! };
}

/** A bearer token by client credentials (HTTP Basic), as the README's curl gets one. */
export async function oauthToken(request: APIRequestContext, clientKey: string, secret: string) {
  const res = await request.post("/oauth/token", {
    headers: { authorization: `Basic ${Buffer.from(`${clientKey}:${secret}`).toString("base64")}` },
    form: { grant_type: "client_credentials" },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  return (await res.json()) as { access_token: string; token_type: string; expires_in: number; scope: string };
}

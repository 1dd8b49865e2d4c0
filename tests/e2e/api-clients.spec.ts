// Issue 25, API clients, in both languages: admin1 registers a client (ticket:read + ticket:write,
// no customer:reveal) and sees its secret once, issues a token shown once (copy button; gone after a
// reload), revokes it; the client's credentials get a token at /oauth/token (client credentials)
// through Playwright's request. Every page passes axe.
import fs from "node:fs";
import { test, expect } from "@playwright/test";
import { axeViolations, login, sql } from "./helpers";
import { oauthToken, registerClient, type ApiCatalogue } from "./api-helpers";

const CATALOGUES: Record<string, ApiCatalogue> = {
  en: JSON.parse(fs.readFileSync("messages/en.json", "utf8")),
  "zh-CN": JSON.parse(fs.readFileSync("messages/zh-CN.json", "utf8")),
};

// axe-core as tests/e2e/accessibility.spec.ts runs it; the toasts are left out (not part of the pages).

test("admin1 registers an API client, issues a token shown once and revokes it; client credentials work (en)", async ({ page, context, baseURL, request }) => {
  test.setTimeout(120_000);
  const m = CATALOGUES.en!;
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await login(page, "admin1");
  const problems: string[] = [];
  const name = `E2E billing ${Date.now().toString(36)}`;

  const { clientKey, secret } = await registerClient(page, m, name);
  problems.push(...(await axeViolations(page)));
  // Only the hash is stored.
  const [row] = await sql<{ id: number; secret_hash: string; scopes: string }>(`SELECT id, secret_hash, scopes::text FROM api_client WHERE name = $1`, [name]);
  expect(row!.scopes).toBe("{TICKET_READ,TICKET_WRITE}");
  expect(row!.secret_hash).not.toContain(secret);

  await page.getByRole("link", { name: m.apiClients.secretOnce.openClient }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/api/clients/${row!.id}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(clientKey)).toBeVisible();
  // The secret is not on the client's page.
  expect(await page.content()).not.toContain(secret);
  problems.push(...(await axeViolations(page)));

  // A static token, shown once with a copy button.
  const issue = page.getByRole("form", { name: m.apiClients.issue });
  await issue.getByLabel(m.apiClients.label).fill("e2e");
  await issue.getByRole("button", { name: m.apiClients.issue }).click();
  const tokenBox = page.getByRole("region", { name: m.apiClients.tokenOnce.title });
  await expect(tokenBox).toBeVisible();
  const token = (await tokenBox.locator("code").textContent())!;
  expect(token).toMatch(/^crm_at_[\w-]{43}$/);
  const copy = tokenBox.getByRole("button", { name: `${m.apiClients.copy} ${m.apiClients.tokenOnce.token}` });
  await copy.click();
  await expect(tokenBox.getByRole("button", { name: `${m.apiClients.copied} ${m.apiClients.tokenOnce.token}` })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  problems.push(...(await axeViolations(page)));
  await page.reload();
  await expect(page.getByRole("region", { name: m.apiClients.tokenOnce.title })).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  // Revoke it: its row says so, and the database too.
  const prefix = `${token.slice(0, 11)}…`;
  await page.getByRole("button", { name: m.apiClients.revokeToken.replace("{prefix}", prefix) }).click();
  await page.getByRole("dialog").getByRole("button", { name: m.apiClients.revoke }).click();
  const tokens = page.getByRole("table", { name: m.apiClients.tokens });
  await expect(tokens.getByRole("row").filter({ hasText: prefix })).toContainText(m.apiClients.tokenState.revoked);
  const [t] = await sql<{ revoked: boolean }>(`SELECT revoked_at IS NOT NULL AS revoked FROM api_token WHERE client_id = $1 AND kind = 'STATIC'`, [row!.id]);
  expect(t!.revoked).toBe(true);

  // The client's credentials get a bearer token by client credentials.
  const answer = await oauthToken(request, clientKey, secret);
  expect(answer).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "ticket:read ticket:write" });
  expect(answer.access_token).toMatch(/^crm_at_/);
  const refused = await request.post("/oauth/token", { form: { grant_type: "client_credentials", client_id: clientKey, client_secret: `${secret}x` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toBe("invalid_client");

  // The reference, and the document it points at.
  await page.goto("/admin/api/reference");
  await expect(page.getByRole("heading", { level: 1, name: m.apiReference.title })).toBeVisible();
  await expect(page.getByText("grant_type=client_credentials").first()).toBeVisible();
  problems.push(...(await axeViolations(page)));
  const doc = await request.get("/tmf-api/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toMatch(/^3\.0\./);
  expect(problems, problems.join("\n")).toEqual([]);
});

test("admin1 registers an API client and its credentials get a token (zh-CN)", async ({ page, context, baseURL, request }) => {
  test.setTimeout(90_000);
  const m = CATALOGUES["zh-CN"]!;
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
  await login(page, "admin1");
  const { clientKey, secret } = await registerClient(page, m, `E2E 网络故障 ${Date.now().toString(36)}`);
  await expect(page.getByText(m.apiClients.secretOnce.body)).toBeVisible();
  const problems = await axeViolations(page);
  // "完成" drops the secret from the page; the list shows the new client.
  await page.getByRole("button", { name: m.apiClients.done }).click();
  await expect(page.getByRole("region", { name: m.apiClients.secretOnce.title })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(
    page
      .getByRole("table", { name: m.apiClients.list })
      .getByRole("link", { name: /E2E 网络故障/ })
      .first(),
  ).toBeVisible();
  const answer = await oauthToken(request, clientKey, secret);
  expect(answer.scope).toBe("ticket:read ticket:write");
  expect(problems, problems.join("\n")).toEqual([]);
});

// TMF629 Customer through the Open API (issue 25): every answer validated against the official
// spec, masking and the audited reveal, create (validated as an import row, idempotent), merge-patch
// (If-Match, read-only parts), and a hostile corpus that changes nothing.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { maskAddress, maskEmail, maskMsisdn, maskName } from "@/lib/pii/mask";
import { GET as listCustomers, POST as createCustomer } from "@/app/tmf-api/customer/v5/customer/route";
import { GET as getCustomer, PATCH as patchCustomer } from "@/app/tmf-api/customer/v5/customer/[id]/route";
import { GET as aliasGet } from "@/app/tmf-api/customerManagement/v5/customer/[id]/route";
import { apiCall, type ApiAnswer } from "@/tests/api/call";
import { expectValidRequest, expectValidResponse, schemaErrors } from "@/tests/api/oas";
import { createApiClient, type CreatedApiClient } from "@/tests/factories/api";
import { createCustomer as makeCustomer, type CreatedCustomer } from "@/tests/factories/customers";
import { createSegment } from "@/tests/factories/segments";
import { uniqueNumber } from "@/tests/factories/db";
import { actorFor } from "@/tests/integration/helpers";
import { ForbiddenError } from "@/lib/shared/errors";
import { createCustomer as createCustomerLib, updateCustomer } from "@/lib/customers/commands";
import { getCustomerProfile } from "@/lib/customers/profile-queries";

const BASE = "/tmf-api/customer/v5/customer";

let reader: CreatedApiClient; // customer:read
let revealer: CreatedApiClient; // customer:read + customer:reveal
let writer: CreatedApiClient; // customer:read + customer:write
let ticketsOnly: CreatedApiClient; // ticket:read
let sample: CreatedCustomer;
let segmentName: string;

const get = (c: CreatedApiClient, id: number | string, query = "") =>
  apiCall(getCustomer, { path: `${BASE}/${id}${query}`, token: c.token, params: { id: String(id) } });
const list = (c: CreatedApiClient, query = "") => apiCall(listCustomers, { path: `${BASE}${query}`, token: c.token });
const patch = (c: CreatedApiClient, id: number, body: unknown, headers: Record<string, string> = {}) =>
  apiCall(patchCustomer, { method: "PATCH", path: `${BASE}/${id}`, token: c.token, params: { id: String(id) }, body, headers });
const post = (c: CreatedApiClient, body: unknown, headers: Record<string, string> = {}) =>
  apiCall(createCustomer, { method: "POST", path: BASE, token: c.token, body, headers });

const piiReveals = (customerId: number) => db.auditLog.count({ where: { action: "customer.piiRevealed", entity: "customer", entityId: String(customerId) } });
const newMsisdn = () => `172${String(uniqueNumber() % 100_000_000).padStart(8, "0")}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TMF JSON
type Json = any;
const medium = (c: Json, type: string, contactType?: string) =>
  (c.contactMedium as Json[]).find((m) => m["@type"] === type && (contactType === undefined || m.contactType === contactType));
const characteristic = (c: Json, name: string) => (c.characteristic as Json[]).find((x) => x.name === name)?.value;

function expectError(answer: ApiAnswer, status: number, method = "get", template = "/customer/{id}") {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ "@type": "Error", code: String(status), status: String(status) });
  expectValidResponse("TMF629", method, template, status, answer.body);
}

function createBody(overrides: Partial<Record<"name" | "msisdn" | "planCode" | "email" | "city", string>> & { referredType?: string } = {}): Json {
  return {
    "@type": "Customer",
    name: overrides.name ?? "钱多多",
    engagedParty: { "@type": "PartyRef", "@referredType": overrides.referredType ?? "Individual", name: overrides.name ?? "钱多多" },
    contactMedium: [
      { "@type": "PhoneContactMedium", contactType: "msisdn", phoneNumber: overrides.msisdn ?? newMsisdn() },
      { "@type": "EmailContactMedium", emailAddress: overrides.email ?? "qian.duoduo@example.com" },
      { "@type": "GeographicAddressContactMedium", stateOrProvince: "浙江省", city: overrides.city ?? "杭州市", street1: "浙江省杭州市西湖区文三路100号" },
    ],
    characteristic: [
      { "@type": "StringCharacteristic", name: "planCode", value: overrides.planCode ?? "M5G-129" },
      { "@type": "StringCharacteristic", name: "network", value: "G5" },
      { "@type": "BooleanCharacteristic", name: "consentEmail", value: true },
    ],
  };
}

beforeAll(async () => {
  reader = await createApiClient({ scopes: ["customer:read"] });
  revealer = await createApiClient({ scopes: ["customer:read", "customer:reveal"] });
  writer = await createApiClient({ scopes: ["customer:read", "customer:write"] });
  ticketsOnly = await createApiClient({ scopes: ["ticket:read"] });
  sample = await makeCustomer({
    name: "欧阳娜娜",
    email: "ouyang.nana@example.com",
    address: "浙江省杭州市西湖区文三路188号",
    score: { tier: "GOLD", churnBand: "HIGH" },
  });
  await db.customerMembership.create({
    data: { customerId: sample.customer.id, grade: "SILVER", computedGrade: "SILVER", since: new Date("2026-01-01"), gradedMonth: new Date("2026-11-01") },
  });
  const segment = await createSegment({ kind: "STATIC", definition: undefined });
  segmentName = segment.name;
  await db.segmentMember.create({ data: { segmentId: segment.id, customerId: sample.customer.id } });
});

describe("GET /customer/{id}", () => {
  test("masked for a token without customer:reveal; characteristics; valid TMF629; no reveal audit", async () => {
    const before = await piiReveals(sample.customer.id);
    const r = await get(reader, sample.customer.id);
    expect(r.status).toBe(200);
    expectValidResponse("TMF629", "get", "/customer/{id}", 200, r.body);
    expect(r.headers.get("etag")).toBe(`"${sample.customer.version}"`);
    const c = r.body;
    expect(c).toMatchObject({ "@type": "Customer", id: String(sample.customer.id), status: "active", name: maskName("欧阳娜娜", "INDIVIDUAL") });
    expect(c.href).toMatch(new RegExp(`/tmf-api/customer/v5/customer/${sample.customer.id}$`));
    expect(c.engagedParty).toMatchObject({
      "@type": "PartyRef",
      id: sample.customer.customerNo,
      "@referredType": "Individual",
      name: maskName("欧阳娜娜", "INDIVIDUAL"),
    });
    expect(medium(c, "PhoneContactMedium", "msisdn").phoneNumber).toBe(maskMsisdn(sample.line.msisdn));
    expect(medium(c, "PhoneContactMedium", "contact").phoneNumber).toBe(maskMsisdn(sample.customer.contactPhone));
    expect(medium(c, "EmailContactMedium").emailAddress).toBe(maskEmail("ouyang.nana@example.com"));
    expect(medium(c, "GeographicAddressContactMedium")).toMatchObject({
      city: "杭州市",
      stateOrProvince: "浙江省",
      street1: maskAddress(sample.customer.address),
    });
    expect(characteristic(c, "valueTier")).toBe("GOLD");
    expect(characteristic(c, "churnBand")).toBe("HIGH");
    expect(characteristic(c, "memberGrade")).toBe("SILVER");
    expect(characteristic(c, "segments")).toEqual([segmentName]);
    expect(characteristic(c, "consentSms")).toBe(true);
    expect(characteristic(c, "consentEmail")).toBe(false);
    const text = JSON.stringify(c);
    for (const clear of [sample.line.msisdn, sample.customer.contactPhone!, "ouyang.nana@example.com", "文三路188号", "欧阳娜娜"])
      expect(text).not.toContain(clear);
    expect(await piiReveals(sample.customer.id)).toBe(before);
  });

  test("in clear for a token with customer:reveal, with one audit row as the UI's reveal writes", async () => {
    const before = await piiReveals(sample.customer.id);
    const r = await get(revealer, sample.customer.id);
    expect(r.status).toBe(200);
    expectValidResponse("TMF629", "get", "/customer/{id}", 200, r.body);
    expect(r.body.name).toBe("欧阳娜娜");
    expect(medium(r.body, "PhoneContactMedium", "msisdn").phoneNumber).toBe(sample.line.msisdn);
    expect(medium(r.body, "EmailContactMedium").emailAddress).toBe("ouyang.nana@example.com");
    expect(await piiReveals(sample.customer.id)).toBe(before + 1);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "customer.piiRevealed", entityId: String(sample.customer.id) },
      orderBy: { id: "desc" },
    });
    expect(audit.actorName).toBe(`api:${revealer.client.name}`);
    expect(audit.actorId).toBe(revealer.client.ownerId);
    expect(audit.data).toMatchObject({ fields: ["name", "msisdn", "contactPhone", "email", "address"] });
    expect(JSON.stringify(audit.data)).not.toContain(sample.line.msisdn);
  });

  test("a selection without PII reveals nothing and writes no reveal audit", async () => {
    const before = await piiReveals(sample.customer.id);
    const r = await get(revealer, sample.customer.id, "?fields=status,characteristic");
    expect(r.status).toBe(200);
    expectValidResponse("TMF629", "get", "/customer/{id}", 200, r.body);
    expect(Object.keys(r.body).sort()).toEqual(["@type", "characteristic", "href", "id", "status"]);
    expect(await piiReveals(sample.customer.id)).toBe(before);
  });

  test("the customerManagement alias answers the same", async () => {
    const r = await apiCall(aliasGet, {
      path: `/tmf-api/customerManagement/v5/customer/${sample.customer.id}`,
      token: reader.token,
      params: { id: String(sample.customer.id) },
    });
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(String(sample.customer.id));
  });

  test("401 without a token, 403 without a customer scope, 404 for an unknown or malformed id", async () => {
    expectError(await apiCall(getCustomer, { path: `${BASE}/${sample.customer.id}`, params: { id: String(sample.customer.id) } }), 401);
    expectError(await get(ticketsOnly, sample.customer.id), 403);
    expectError(await get(reader, 2_000_000_000), 404);
    for (const bad of ["0", "abc", "1 OR 1=1", "-5", "99999999999999999999"]) expectError(await get(reader, bad), 404);
    expectError(await get(reader, sample.customer.id, "?fields=name,password"), 400);
  });
});

describe("GET /customer (list)", () => {
  test("a page in id order, masked, with X-Result-Count; limit is capped", async () => {
    const r = await list(reader, "?limit=5");
    expect(r.status).toBe(200);
    expectValidResponse("TMF629", "get", "/customer", 200, r.body);
    expect(r.body).toHaveLength(5);
    expect(r.headers.get("x-result-count")).toBe("5");
    const ids = (r.body as Json[]).map((c) => Number(c.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const next = await list(reader, `?limit=5&after=${ids[4]}`);
    expect(Number(next.body[0].id)).toBeGreaterThan(ids[4]);
    expectError(await list(reader, "?limit=101"), 400, "get", "/customer");
    expectError(await list(reader, "?offset=10001"), 400, "get", "/customer");
  });

  test("filters: status, valueTier, an exact MSISDN (the total only when the page is the last)", async () => {
    const churned = await makeCustomer({ status: "CHURNED" });
    const byStatus = await list(reader, `?status=churned&after=${churned.customer.id - 1}&limit=1`);
    expect(byStatus.body[0]).toMatchObject({ id: String(churned.customer.id), status: "churned" });
    const gold = await list(reader, `?valueTier=GOLD&after=${sample.customer.id - 1}&limit=1&fields=characteristic`);
    expect(gold.body[0].id).toBe(String(sample.customer.id));
    expect(characteristic(gold.body[0], "valueTier")).toBe("GOLD");
    const one = await list(reader, `?msisdn=${sample.line.msisdn}`);
    expect(one.status).toBe(200);
    expectValidResponse("TMF629", "get", "/customer", 200, one.body);
    expect((one.body as Json[]).map((c) => c.id)).toEqual([String(sample.customer.id)]);
    expect(one.headers.get("x-total-count")).toBe("1");
    const none = await list(reader, "?msisdn=17999999999");
    expect(none.body).toEqual([]);
    expect(none.headers.get("x-result-count")).toBe("0");
    expectError(await list(reader, `?msisdn=${sample.line.msisdn.slice(0, 6)}`), 400, "get", "/customer");
  });

  test("a list with customer:reveal audits every customer shown, and only those", async () => {
    const first = await makeCustomer();
    for (let i = 0; i < 3; i++) await makeCustomer();
    const r = await list(revealer, `?limit=3&after=${first.customer.id - 1}`);
    expect(r.status).toBe(200);
    expectValidResponse("TMF629", "get", "/customer", 200, r.body);
    const shown = (r.body as Json[]).map((c) => c.id as string);
    expect(shown).toHaveLength(3);
    const audits = await db.auditLog.findMany({ where: { action: "customer.piiRevealed", actorName: `api:${revealer.client.name}`, entityId: { in: shown } } });
    expect(new Set(audits.map((a) => a.entityId))).toEqual(new Set(shown));
    const fourth = await db.customer.findFirstOrThrow({ where: { id: { gt: Number(shown[2]) } }, orderBy: { id: "asc" } });
    expect(await db.auditLog.count({ where: { action: "customer.piiRevealed", actorName: `api:${revealer.client.name}`, entityId: String(fourth.id) } })).toBe(
      0,
    );
  });
});

describe("POST /customer", () => {
  test("creates a subscriber with one line: 201, Location, ETag, masked answer, audited, findable by number", async () => {
    const msisdn = newMsisdn();
    const body = createBody({ msisdn });
    expectValidRequest("TMF629", "post", "/customer", body);
    const r = await post(writer, body);
    expect(r.status).toBe(201);
    expectValidResponse("TMF629", "post", "/customer", 201, r.body);
    const id = Number(r.body.id);
    expect(r.headers.get("location")).toMatch(new RegExp(`/tmf-api/customer/v5/customer/${id}$`));
    expect(r.headers.get("etag")).toBe('"1"');
    expect(medium(r.body, "PhoneContactMedium", "msisdn").phoneNumber).toBe(maskMsisdn(msisdn));
    expect(r.body.name).toBe("钱**");
    const saved = await db.customer.findUniqueOrThrow({ where: { id }, include: { lines: true, accounts: true } });
    expect(saved).toMatchObject({
      name: "钱多多",
      type: "INDIVIDUAL",
      province: "浙江省",
      city: "杭州市",
      email: "qian.duoduo@example.com",
      consentEmail: true,
      namePinyin: "qianduoduo",
    });
    expect(saved.customerNo).toMatch(/^C7\d{10}$/);
    expect(saved.lines.map((l) => l.msisdn)).toEqual([msisdn]);
    expect(saved.accounts).toHaveLength(1);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "customer.created", entityId: String(id) } });
    expect(audit.actorName).toBe(`api:${writer.client.name}`);
    expect(JSON.stringify(audit.data)).not.toContain(msisdn);
    const found = await list(reader, `?msisdn=${msisdn}`);
    expect(found.body.map((c: Json) => c.id)).toEqual([String(id)]);
  });

  test("an organisation; Idempotency-Key replays the first answer and creates once", async () => {
    const msisdn = newMsisdn();
    const body = createBody({ msisdn, name: "杭州云帆科技有限公司", referredType: "Organization" });
    const key = `create-${msisdn}`;
    const first = await post(writer, body, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(first.body.name).toBe("杭州云帆科技有限公司");
    expect(first.body.engagedParty["@referredType"]).toBe("Organization");
    const again = await post(writer, body, { "idempotency-key": key });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(await db.line.count({ where: { msisdn } })).toBe(1);
    expectError(await post(writer, createBody({ msisdn: newMsisdn() }), { "idempotency-key": key }), 422, "post", "/customer");
  });

  test("a number that exists is 409; import validation is 400; read-only token 403; wrong content type 415", async () => {
    const count = await db.customer.count();
    expectError(await post(writer, createBody({ msisdn: sample.line.msisdn })), 409, "post", "/customer");
    expectError(await post(writer, createBody({ msisdn: "12345" })), 400, "post", "/customer");
    expectError(await post(writer, createBody({ planCode: "NO-SUCH-PLAN" })), 400, "post", "/customer");
    expectError(await post(writer, createBody({ email: "not-an-email" })), 400, "post", "/customer");
    expectError(await post(writer, createBody({ city: "" })), 400, "post", "/customer");
    expectError(await post(reader, createBody()), 403, "post", "/customer");
    expectError(
      await apiCall(createCustomer, { method: "POST", path: BASE, token: writer.token, body: createBody(), contentType: "text/plain" }),
      415,
      "post",
      "/customer",
    );
    expectError(await apiCall(createCustomer, { method: "POST", path: BASE, token: writer.token, rawBody: "{not json" }), 400, "post", "/customer");
    expect(await db.customer.count()).toBe(count);
  });
});

describe("PATCH /customer/{id}", () => {
  test("contact media, consent and status in one version; masked echoes unchanged; audited by field", async () => {
    const { customer } = await makeCustomer({ email: "old@example.com", address: "浙江省杭州市上城区解放路1号" });
    const view = await get(reader, customer.id);
    const body = {
      "@type": "Customer",
      name: view.body.name, // the masked name, echoed: unchanged
      engagedParty: view.body.engagedParty,
      status: "suspended",
      contactMedium: [
        ...view.body.contactMedium.filter((m: Json) => m["@type"] !== "EmailContactMedium"), // masked echoes
        { "@type": "EmailContactMedium", emailAddress: "new.mail@example.com" },
      ],
      characteristic: [
        { "@type": "BooleanCharacteristic", name: "consentSms", value: false },
        { "@type": "BooleanCharacteristic", name: "consentWechat", value: true },
        { "@type": "StringCharacteristic", name: "customerType", value: "INDIVIDUAL" },
      ],
    };
    expectValidRequest("TMF629", "patch", "/customer/{id}", body);
    const r = await patch(writer, customer.id, body, { "if-match": view.headers.get("etag")! });
    expect(r.status).toBe(200);
    expectValidResponse("TMF629", "patch", "/customer/{id}", 200, r.body);
    expect(r.headers.get("etag")).toBe(`"${customer.version + 1}"`);
    expect(r.body.status).toBe("suspended");
    const saved = await db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(saved).toMatchObject({
      status: "SUSPENDED",
      email: "new.mail@example.com",
      contactPhone: customer.contactPhone,
      address: "浙江省杭州市上城区解放路1号",
      consentSms: false,
      consentWechat: true,
      consentCall: true,
      version: customer.version + 1,
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "customer.updated", entityId: String(customer.id) }, orderBy: { id: "desc" } });
    expect((audit.data as Json).fields.sort()).toEqual(["consentSms", "consentWechat", "email", "status"]);
    expect(JSON.stringify(audit.data)).not.toContain("new.mail");
  });

  test("churning stamps churned_at; a stale If-Match is 409 and changes nothing", async () => {
    const { customer } = await makeCustomer();
    const r = await patch(writer, customer.id, { "@type": "Customer", status: "churned" });
    expect(r.status).toBe(200);
    const saved = await db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(saved.status).toBe("CHURNED");
    expect(saved.churnedAt).not.toBeNull();
    const stale = await patch(writer, customer.id, { "@type": "Customer", status: "active" }, { "if-match": `"${customer.version}"` });
    expectError(stale, 409, "patch");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).status).toBe("CHURNED");
    expectError(await patch(writer, customer.id, { "@type": "Customer", status: "active" }, { "if-match": "yesterday" }), 400, "patch");
  });

  test("read-only parts are 422: another name, a new service number, the region, a computed characteristic", async () => {
    const before = await db.customer.findUniqueOrThrow({ where: { id: sample.customer.id } });
    const cases: Json[] = [
      { "@type": "Customer", name: "改名字" },
      { "@type": "Customer", contactMedium: [{ "@type": "PhoneContactMedium", contactType: "msisdn", phoneNumber: newMsisdn() }] },
      { "@type": "Customer", contactMedium: [{ "@type": "GeographicAddressContactMedium", city: "宁波市" }] },
      { "@type": "Customer", characteristic: [{ "@type": "StringCharacteristic", name: "valueTier", value: "DIAMOND" }] },
    ];
    for (const body of cases) expectError(await patch(writer, sample.customer.id, body), 422, "patch");
    expectError(await patch(reader, sample.customer.id, { "@type": "Customer", status: "active" }), 403, "patch");
    expectError(await patch(writer, 2_000_000_000, { "@type": "Customer", status: "active" }), 404, "patch");
    expect(await db.customer.findUniqueOrThrow({ where: { id: sample.customer.id } })).toEqual(before);
  });
});

describe("lib: the same permissions as the UI", () => {
  test("an agent may not create subscribers (customer:import), a manager may not update them, nor reveal; nothing written", async () => {
    const agent = await actorFor("agent1");
    const manager = await actorFor("manager1");
    const audits = await db.auditLog.count();
    const msisdn = newMsisdn();
    await expect(
      createCustomerLib(agent, { type: "INDIVIDUAL", name: "孙悟空", province: "浙江省", city: "杭州市", msisdn, planCode: "M5G-129", network: "G5" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.line.count({ where: { msisdn } })).toBe(0);
    const before = await db.customer.findUniqueOrThrow({ where: { id: sample.customer.id } });
    await expect(
      updateCustomer(manager, {
        customerId: sample.customer.id,
        version: before.version,
        preferredLang: "zh-CN",
        consentSms: false,
        consentCall: true,
        consentEmail: false,
        consentPush: true,
        doNotDisturb: false,
        status: "SUSPENDED",
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCustomerProfile(agent, sample.customer.id, { reveal: true })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.customer.findUniqueOrThrow({ where: { id: sample.customer.id } })).toEqual(before);
    expect(await db.auditLog.count()).toBe(audits);
  });
});

describe("hostile input", () => {
  const INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE customer; --", "<script>alert(1)</script>", "\u0000", "%00", "${jndi:ldap://x}", "../../etc/passwd"];

  test("wrong types, unknown states, oversize and injection strings get TMF errors; nothing changes", async () => {
    const { customer } = await makeCustomer();
    const before = await db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    const customers = await db.customer.count();
    const answers: Array<[ApiAnswer, string, string]> = [];
    for (const s of INJECTIONS) {
      answers.push([await list(reader, `?status=${encodeURIComponent(s)}`), "get", "/customer"]);
      answers.push([await list(reader, `?msisdn=${encodeURIComponent(s)}`), "get", "/customer"]);
      answers.push([await list(reader, `?valueTier=${encodeURIComponent(s)}`), "get", "/customer"]);
      answers.push([await list(reader, `?fields=${encodeURIComponent(s)}`), "get", "/customer"]);
      answers.push([await post(writer, createBody({ name: s, msisdn: s })), "post", "/customer"]);
      answers.push([await post(writer, createBody({ planCode: s })), "post", "/customer"]);
      answers.push([await patch(writer, customer.id, { "@type": "Customer", status: s }), "patch", "/customer/{id}"]);
      answers.push([
        await patch(writer, customer.id, { "@type": "Customer", contactMedium: [{ "@type": "EmailContactMedium", emailAddress: s }] }),
        "patch",
        "/customer/{id}",
      ]);
      answers.push([
        await patch(writer, customer.id, { "@type": "Customer", characteristic: [{ "@type": "StringCharacteristic", name: s, value: s }] }),
        "patch",
        "/customer/{id}",
      ]);
    }
    const huge = "张".repeat(100_000);
    const wrong: Json[] = [
      { "@type": "Customer", status: 42 },
      { "@type": "Customer", contactMedium: "not a list" },
      { "@type": "Customer", contactMedium: [{ "@type": "FaxContactMedium", faxNumber: "1" }] },
      { "@type": "Customer", characteristic: [{ "@type": "BooleanCharacteristic", name: "consentSms", value: "yes" }] },
      { "@type": "Customer", characteristic: [{ "@type": "StringCharacteristic", name: "preferredLanguage", value: "fr" }] },
      { "@type": "Customer", name: huge },
      { "@type": "Person" },
      [],
      null,
    ];
    for (const body of wrong) answers.push([await patch(writer, customer.id, body), "patch", "/customer/{id}"]);
    answers.push([await post(writer, { ...createBody(), name: huge }), "post", "/customer"]);
    answers.push([await post(writer, { ...createBody(), contactMedium: [] }), "post", "/customer"]);
    answers.push([await post(writer, { ...createBody(), engagedParty: "someone" }), "post", "/customer"]);
    for (const [a, method, template] of answers) {
      expect([400, 404, 413, 422]).toContain(a.status);
      expect(schemaErrors("TMF629", "Error", a.body)).toEqual([]);
      expectValidResponse("TMF629", method, template, a.status, a.body);
      expect(JSON.stringify(a.body)).not.toContain("<script>");
    }
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toEqual(before);
    expect(await db.customer.count()).toBe(customers);
  });
});

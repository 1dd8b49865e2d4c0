import { describe, test, expect } from "vitest";
import { can, ROLE_PERMISSIONS, ROLES, PERMISSIONS, type Permission, type RoleName } from "@/lib/auth/permissions";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { maskAddress, maskEmail, maskIdNumber, maskMsisdn } from "@/lib/pii/mask";
import { classifySearchTerm } from "@/lib/customers/schemas";
import { computeIdCheckChar, isValidIdNumber } from "@/lib/customers/id-number";
import { scrub } from "@/lib/shared/logger";
import { DEMO_USERS } from "@/tests/factories/catalogue";
import { DEMO_LOGINS } from "@/scripts/lib/demo-logins.mjs";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

// The permission table, spelled out: a change to it must change this test.
const EXPECTED: Record<RoleName, Permission[]> = {
  AGENT: [
    "customer:search",
    "customer:read",
    "customer:update",
    "interaction:create",
    "interaction:read",
    "complaint:read",
    "complaint:create",
    "complaint:handle",
    "complaint:compensate",
    "value:read",
    "campaign:call",
    "loyalty:read",
    "loyalty:redeem",
    "care:work",
    "knowledge:read",
    "quality:read",
    "quality:dispute",
    "training:read",
    "assessment:read",
  ],
  SUPERVISOR: [
    "customer:search",
    "customer:read",
    "customer:update",
    "customer:revealPii",
    "interaction:create",
    "interaction:read",
    "team:read",
    "complaint:read",
    "complaint:create",
    "complaint:handle",
    "complaint:compensate",
    "complaint:assign",
    "complaint:approveCompensation",
    "value:read",
    "retention:read",
    "followUp:read",
    "followUp:claim",
    "followUp:complete",
    "routing:manage",
    "campaign:read",
    "campaign:call",
    "loyalty:read",
    "loyalty:redeem",
    "loyalty:adjust",
    "care:work",
    "care:assign",
    "customer:setSpecialCare",
    "knowledge:read",
    "knowledge:write",
    "quality:read",
    "quality:score",
    "quality:dispute",
    "training:read",
    "training:manage",
    "assessment:read",
  ],
  MANAGER: [
    "customer:search",
    "customer:read",
    "customer:export",
    "interaction:read",
    "team:read",
    "dashboard:read",
    "complaint:read",
    "complaint:create",
    "complaint:handle",
    "complaint:compensate",
    "complaint:assign",
    "complaint:approveCompensation",
    "value:read",
    "segment:manage",
    "retention:read",
    "survey:read",
    "survey:send",
    "followUp:read",
    "followUp:claim",
    "followUp:complete",
    "campaign:read",
    "campaign:manage",
    "campaign:approve",
    "automation:manage",
    "loyalty:read",
    "loyalty:adjust",
    "loyalty:approve",
    "account:reverse",
    "care:assign",
    "knowledge:read",
    "quality:read",
    "quality:decide",
    "training:read",
    "training:manage",
    "assessment:read",
  ],
  ADMIN: [
    "customer:search",
    "customer:read",
    "customer:update",
    "customer:revealPii",
    "customer:export",
    "customer:import",
    "interaction:read",
    "team:read",
    "dashboard:read",
    "user:manage",
    "audit:read",
    "settings:manage",
    "complaint:read",
    "serviceStandards:manage",
    "routing:manage",
    "value:read",
    "value:manage",
    "segment:manage",
    "retention:read",
    "survey:read",
    "survey:send",
    "survey:manage",
    "campaign:read",
    "marketing:configure",
    "loyalty:read",
    "loyalty:configure",
    "care:configure",
    "customer:setSpecialCare",
    "knowledge:read",
    "knowledge:write",
    "knowledge:configure",
    "quality:configure",
    "assessment:configure",
    "api:manage",
  ],
};

describe("permission table", () => {
  test.each(ROLES.flatMap((r) => PERMISSIONS.map((p) => [r, p] as const)))("%s × %s", (role, perm) => {
    expect(can({ role }, perm)).toBe(EXPECTED[role].includes(perm));
  });
  test("deny by default", () => {
    expect(can(null, "customer:read")).toBe(false);
    expect(can({ role: "GUEST" as RoleName }, "customer:read")).toBe(false);
    expect([...ROLE_PERMISSIONS.AGENT]).not.toContain("customer:export");
    // hub:manage belongs to no role: only an API client's scope lends it (lib/api/scopes.ts).
    for (const role of ROLES) expect(can({ role }, "hub:manage")).toBe(false);
  });
  test("an API client's permissions replace its role's (decision 034)", () => {
    expect(can({ role: "MANAGER", permissions: new Set(["complaint:read"]) }, "complaint:read")).toBe(true);
    expect(can({ role: "MANAGER", permissions: new Set(["complaint:read"]) }, "dashboard:read")).toBe(false);
    expect(can({ role: "SUPERVISOR", permissions: new Set(["hub:manage"]) }, "hub:manage")).toBe(true);
  });
});

describe("locale from Accept-Language", () => {
  test.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,zh;q=0.5", "zh-CN"],
    ["en;q=0.5,zh;q=0.9", "zh-CN"],
    ["de-DE", "en"],
    ["", "en"],
    [null, "en"],
  ])("%s → %s", (h, want) => expect(localeFromAcceptLanguage(h)).toBe(want));
});

describe("PII masks", () => {
  test.each([
    ["13812345678", "138****5678"],
    ["057112345678", "0571****5678"],
    ["", ""],
    [null, ""],
  ])("msisdn %s", (n, want) => expect(maskMsisdn(n)).toBe(want));
  test("id number shows last 4 only", () => expect(maskIdNumber("123X")).toBe("**************123X"));
  test("address keeps the administrative part", () => {
    expect(maskAddress("浙江省杭州市西湖区文三路100号3幢201室")).toBe("浙江省杭州市西湖区****");
    expect(maskAddress("Unit 5, 10 Long Road")).toMatch(/\*\*\*\*$/);
  });
  test("email", () => expect(maskEmail("zhangwei@163.com")).toBe("z***@163.com"));
  test("logs are scrubbed of numbers and emails", () => {
    expect(scrub("call 13812345678 id 33010619900101123X mail a.b@qq.com")).toBe("call [msisdn] id [id] mail [email]");
  });
});

describe("search term classification", () => {
  test.each([
    ["13812345678", "msisdn"],
    ["5678", "msisdnPartial"],
    ["123", "tooShort"],
    ["138 1234 5678", "msisdn"],
    ["33010619900101123X", "idNumber"],
    ["A3300001234", "account"],
    ["C000001234", "customerNo"],
    ["张伟", "name"],
    ["张", "tooShort"],
    ["zhangwei", "pinyin"],
    ["", "tooShort"],
  ])("%s → %s", (q, kind) => expect(classifySearchTerm(q)).toBe(kind));
});

describe("national ID checksum", () => {
  test("known valid number", () => {
    expect(computeIdCheckChar("11010519491231002")).toBe("X");
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(isValidIdNumber("11010519491331002X")).toBe(false);
  });
});

describe("catalogues and demo logins", () => {
  const flat = (o: object, p = ""): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flat(v, p + k + ".") : [p + k]));
  test("zh-CN and en have the same keys", () => expect(flat(zh).sort()).toEqual(flat(en).sort()));
  // The axe sweep checks each page in one of the two languages (tests/e2e/accessibility.spec.ts):
  // an empty message would be a nameless button or label in that language only.
  test("no message is empty in either language", () => {
    // search.kind.tooShort: a search too short to run has no "matched by" line (never a label).
    const allowed = new Set(["search.kind.tooShort"]);
    const empty = (o: object, p = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === "object" ? empty(v, p + k + ".") : typeof v === "string" && v.trim() === "" && !allowed.has(p + k) ? [p + k] : [],
      );
    expect([...empty(zh).map((k) => `zh-CN ${k}`), ...empty(en).map((k) => `en ${k}`)]).toEqual([]);
  });
  test("printed demo logins exist in the seed", () => {
    for (const l of DEMO_LOGINS as Array<{ username: string }>) expect(DEMO_USERS.map((u) => u.username)).toContain(l.username);
  });
});

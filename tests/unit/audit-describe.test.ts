import fs from "node:fs";
import path from "node:path";
import { describe, test, expect } from "vitest";
import { describeAuditEntry, humanizeCode } from "@/lib/audit/describe";
import { tEn, tZh } from "@/tests/translator";
import { cityLabel, CITY_NAMES_EN } from "@/lib/i18n/cities";

describe("the audit viewer reads as sentences, never JSON", () => {
  test.each([
    [
      { action: "auth.loginFailed", entity: "user", entityId: "4", entityName: "王芳 (agent1)", data: { reason: "password", failures: 2, lockMinutes: null } },
      "Sign-in failed",
      "User 王芳 (agent1)",
      [
        ["Reason", "Wrong password"],
        ["Failed attempts", "2"],
        ["Locked for (minutes)", "—"],
      ],
    ],
    [
      {
        action: "complaint.transitioned",
        entity: "complaint",
        entityId: "9",
        entityName: "C20261207000009",
        data: { action: "resolve", from: "IN_PROGRESS", to: "RESOLVED", reason: null },
      },
      "Complaint status changed",
      "Complaint C20261207000009",
      [
        ["Action", "Resolve"],
        ["From", "In progress"],
        ["To", "Resolved"],
        ["Reason", "—"],
      ],
    ],
    [
      {
        action: "user.updated",
        entity: "user",
        entityId: "7",
        data: { from: { role: "AGENT", teamId: 1, displayName: "李" }, to: { role: "SUPERVISOR", teamId: 1, displayName: "李" } },
      },
      "User changed",
      "User 7",
      [["Role", "Agent → Supervisor"]],
    ],
    [
      {
        action: "interaction.logged",
        entity: "customer",
        entityId: "12",
        entityName: "CU00000012",
        data: { interactionId: 5, channel: "HOTLINE", reasonCode: "BILL_QUERY", disposition: "COMPLAINT_OPENED" },
      },
      "Contact logged",
      "Customer CU00000012",
      [
        ["Contact", "5"],
        ["Channel", "Hotline"],
        ["Contact reason", "BILL_QUERY"],
        ["Outcome", "Complaint opened"],
      ],
    ],
    [
      // An action no formatter knows yet: still a sentence, and the data still a field list.
      {
        action: "campaign.launchedEarly",
        entity: "marketing_campaign",
        entityId: "3",
        data: { audience: 1200, channels: ["SMS", "EMAIL"], window: { from: "2026-12-01" } },
      },
      "marketing campaign: launched early",
      "marketing campaign 3",
      [
        ["audience", "1200"],
        ["channels", "SMS, EMAIL"],
        ["window", "From: 2026-12-01"],
      ],
    ],
  ])("%#: %s", (entry, action, record, details) => {
    const d = describeAuditEntry(entry, tEn);
    expect(d.action).toBe(action);
    expect(d.record).toBe(record);
    expect(d.details.map((x) => [x.label, x.value])).toEqual(details);
    for (const x of d.details) expect(x.value).not.toMatch(/[{}"]/);
  });

  test("the same entry in Chinese", () => {
    const d = describeAuditEntry({ action: "auth.loginFailed", entity: "user", entityId: "4", entityName: "王芳 (agent1)", data: { reason: "locked" } }, tZh);
    expect(d).toEqual({ action: "登录失败", record: "用户 王芳 (agent1)", details: [{ label: "原因", value: "账号已锁定" }] });
  });

  test("humanizeCode", () => {
    expect(humanizeCode("bulkTransitioned")).toBe("bulk transitioned");
    expect(humanizeCode("value_job")).toBe("value job");
  });

  test("every audit action written in lib and app has a sentence in both catalogues", () => {
    const actions = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== "generated" && e.name !== "node_modules") walk(p);
        } else if (/\.tsx?$/.test(e.name)) {
          const src = fs.readFileSync(p, "utf8");
          for (const m of src.matchAll(/recordAudit\([^]*?action:\s*"([a-zA-Z]+\.[a-zA-Z]+)"/g)) actions.add(m[1]);
          for (const m of src.matchAll(/auditInsertSql\([^]*?action:\s*"([a-zA-Z]+\.[a-zA-Z]+)"/g)) actions.add(m[1]);
        }
      }
    };
    walk("lib");
    walk("app");
    expect(actions.size).toBeGreaterThan(40);
    const missing = [...actions].filter((a) => !tEn.has(`auditLog.action.${a}`) || !tZh.has(`auditLog.action.${a}`));
    expect(missing).toEqual([]);
  });
});

describe("city names in English", () => {
  test.each([
    ["杭州市", "en", "Hangzhou"],
    ["杭州市", "zh-CN", "杭州市"],
    ["未知市", "en", "未知市"],
    [null, "en", ""],
  ])("%s (%s) → %s", (city, locale, want) => expect(cityLabel(city, locale)).toBe(want));

  test("every English name is ASCII", () => {
    for (const v of Object.values(CITY_NAMES_EN)) expect(v).toMatch(/^[A-Za-z ]+$/);
  });
});

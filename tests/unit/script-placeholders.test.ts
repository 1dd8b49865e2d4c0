// Standard scripts' placeholders (issue 24): found, refused when unknown, filled in one pass
// (a value is never read as a template), cleaned, and the customer's address form.
import { describe, test, expect } from "vitest";
import {
  cleanValue,
  customerAddressForm,
  formatDueAt,
  placeholdersIn,
  renderScript,
  renderScriptText,
  surnameOf,
  unknownPlaceholders,
} from "@/lib/scripts/placeholders";
import { scriptInput } from "@/lib/scripts/schemas";
import { suggestionWords } from "@/lib/palette/words";

describe("placeholders", () => {
  test.each([
    ["您好，{customerName}，号码{msisdn}。", ["customerName", "msisdn"]],
    ["{a}{a}{b_1}", ["a", "b_1"]],
    ["no placeholders { spaced } {1x} {}", []],
    ["{customerName}{customerName}", ["customerName"]],
  ])("%s uses %j", (body, names) => {
    expect(placeholdersIn(body)).toEqual(names);
  });

  test.each([
    ["{customerName} {dueAt} {offerName}", []],
    ["{customerNmae}", ["customerNmae"]],
    ["{name} and {msisdn}", ["name"]],
    ["{idNumber}", ["idNumber"]],
  ])("unknown in %s: %j", (body, unknown) => {
    expect(unknownPlaceholders(body)).toEqual(unknown);
  });
});

describe("renderScript", () => {
  test("fills values, keeps text, marks what is missing", () => {
    expect(renderScript("{customerName}，您好！单号{complaintNo}", { customerName: "张先生" })).toEqual([
      { kind: "value", name: "customerName", text: "张先生" },
      { kind: "text", text: "，您好！单号" },
      { kind: "missing", name: "complaintNo" },
    ]);
  });

  test("a value is inserted as text: never re-read as a placeholder, HTML stays text", () => {
    const out = renderScriptText("Hi {customerName}, {msisdn}", { customerName: "{msisdn}<b>x</b>", msisdn: "138****5678" });
    expect(out).toBe("Hi {msisdn}<b>x</b>, 138****5678");
  });

  test("an unknown placeholder of an old row stays as written", () => {
    expect(renderScriptText("{foo} {agentName}", { agentName: "王芳" })).toBe("{foo} 王芳");
  });

  test("missing values use the gap text", () => {
    expect(renderScriptText("到期：{dueAt}", {}, (n) => `[${n}]`)).toBe("到期：[dueAt]");
  });

  test.each([
    [null, null],
    ["", null],
    ["  ", null],
    ["a\nb\tc", "a b c"],
    ["evil\u202Etxt", "evil txt"],
    ["x".repeat(100), `${"x".repeat(79)}…`],
  ])("cleanValue(%j) = %j", (v, out) => {
    expect(cleanValue(v)).toBe(out);
  });
});

describe("the customer's address form", () => {
  test.each([
    ["张伟", "张"],
    ["欧阳娜娜", "欧阳"],
    ["欧阳", "欧"],
    ["司马光", "司马"],
    ["John Smith", "Smith"],
    ["", ""],
  ])("surname of %s is %s", (name, surname) => {
    expect(surnameOf(name)).toBe(surname);
  });

  test.each([
    [{ name: "张伟", type: "INDIVIDUAL", gender: "MALE" }, "zh-CN", "张先生"],
    [{ name: "李娜", type: "INDIVIDUAL", gender: "FEMALE" }, "zh-CN", "李女士"],
    [{ name: "李娜", type: "INDIVIDUAL", gender: "FEMALE" }, "en", "Ms 李"],
    [{ name: "王强", type: "INDIVIDUAL", gender: "MALE" }, "en", "Mr 王"],
    [{ name: "赵敏", type: "INDIVIDUAL", gender: "UNKNOWN" }, "zh-CN", "赵敏"],
    [{ name: "杭州某某科技有限公司", type: "CORPORATE", gender: "UNKNOWN" }, "zh-CN", "杭州某某科技有限公司"],
  ])("%j in %s → %s", (c, locale, out) => {
    expect(customerAddressForm(c, locale)).toBe(out);
  });
});

test("due times are said in Shanghai time", () => {
  const at = new Date("2026-12-09T10:00:00Z");
  expect(formatDueAt(at, "zh-CN")).toContain("18:00");
  expect(formatDueAt(at, "en")).toContain("18:00");
  expect(formatDueAt(null, "en")).toBeNull();
});

describe("scriptInput", () => {
  const base = {
    stage: "APOLOGY",
    complaintCategoryId: "",
    campaignId: "",
    nameZh: "致歉",
    nameEn: "Apology",
    bodyZh: "{customerName}，抱歉",
    bodyEn: "{customerName}, sorry",
    sortOrder: "10",
    isActive: "on",
  };
  test("a form post parses, and its output parses again (lib parses twice)", () => {
    const once = scriptInput.parse(base);
    expect(once).toMatchObject({ complaintCategoryId: null, campaignId: null, sortOrder: 10, isActive: true });
    expect(scriptInput.parse(once)).toEqual(once);
  });
  test("an unknown placeholder is a field error with its own message key", () => {
    const r = scriptInput.safeParse({ ...base, bodyEn: "Hi {name}" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["bodyEn"], message: "scriptUnknownPlaceholder" });
  });
  test.each([
    [{ stage: "GREETING", campaignId: "3" }, "campaignId", "scriptCampaignStageOnly"],
    [{ stage: "CAMPAIGN", complaintCategoryId: "3" }, "complaintCategoryId", "scriptCategoryNotForCampaign"],
  ])("%j is refused on %s", (patch, field, message) => {
    const r = scriptInput.safeParse({ ...base, ...patch });
    expect(r.error!.issues[0]).toMatchObject({ path: [field], message });
  });
});

describe("suggestionWords", () => {
  test.each([
    ["光猫指示灯异常，无法上网", "光猫指示灯异常 无法上网"],
    ["宽带频繁断线", "宽带频繁断线"],
    ["本月话费比平时多扣了30元！！ 请核实 2026 账单", "本月话费比平时多扣了30 请核实 账单"],
    ["Broadband keeps dropping, since Monday", "Broadband keeps dropping"],
    ["", ""],
  ])("%s → %s", (summary, words) => {
    expect(suggestionWords(summary)).toBe(words);
  });
});

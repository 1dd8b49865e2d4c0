import { describe, test, expect } from "vitest";
import {
  IMPORT_COLUMN_NAMES,
  importTemplateCsv,
  isValidServiceNumber,
  networksForPlanClass,
  parseIsoDate,
  readHeader,
  validateImportRow,
} from "@/lib/imports/file-format";
import { neutraliseCsvCell, toCsv, toCsvLine } from "@/lib/shared/csv";
import { revealPiiInput, updateContactInput } from "@/lib/customers/schemas";
import { logInteractionInput, reasonInput } from "@/lib/interactions/schemas";
import { isValidIdNumber } from "@/lib/customers/id-number";

const planNetworks = new Map([
  ["M5G-129", networksForPlanClass("MOBILE")],
  ["BB-300", networksForPlanClass("BROADBAND")],
]);
const today = new Date("2026-11-23T00:00:00Z");
const { index } = readHeader(IMPORT_COLUMN_NAMES);
const valid: Record<string, string> = {
  customer_no: "C900000001",
  customer_type: "INDIVIDUAL",
  name: "张伟",
  gender: "M",
  birth_date: "1985-03-07",
  id_number: "11010519491231002X",
  province: "浙江省",
  city: "杭州市",
  contact_phone: "13800000001",
  email: "a@example.com",
  address: "",
  joined_at: "",
  account_no: "A9900000001",
  payment_method: "",
  credit_class: "",
  msisdn: "13800000001",
  iccid: "",
  plan_code: "M5G-129",
  network: "G5",
  line_status: "",
  start_date: "2020-01-15",
  contract_end_date: "2027-01-14",
};
const cells = (over: Record<string, string> = {}) => IMPORT_COLUMN_NAMES.map((c) => over[c] ?? valid[c]);

describe("validateImportRow", () => {
  test("a valid row is normalized with defaults", () => {
    const { row, errors } = validateImportRow(cells(), index, { planNetworks, today });
    expect(errors).toEqual([]);
    expect(row).toMatchObject({ gender: "MALE", paymentMethod: "CASH", creditClass: "B", lineStatus: "ACTIVE", joinedAt: "2020-01-15", address: null });
  });

  test.each([
    [{ customer_no: "" }, "customer_no", "required"],
    [{ customer_no: "X123" }, "customer_no", "customerNoFormat"],
    [{ customer_type: "ALIEN" }, "customer_type", "invalidValue"],
    [{ gender: "Q" }, "gender", "invalidValue"],
    [{ birth_date: "1985-02-30" }, "birth_date", "date"],
    [{ birth_date: "2030-01-01" }, "birth_date", "dateInFuture"],
    [{ id_number: "110105194912310021" }, "id_number", "idChecksum"],
    [{ contact_phone: "12345" }, "contact_phone", "phoneFormat"],
    [{ email: "nope" }, "email", "emailFormat"],
    [{ account_no: "B1" }, "account_no", "accountNoFormat"],
    [{ msisdn: "1380000000" }, "msisdn", "msisdnFormat"],
    [{ msisdn: "12800000001" }, "msisdn", "msisdnFormat"],
    [{ network: "FTTH", plan_code: "BB-300", msisdn: "13800000001" }, "msisdn", "msisdnFormat"],
    [{ plan_code: "NOPE" }, "plan_code", "unknownPlan"],
    [{ plan_code: "BB-300" }, "network", "networkNotInPlan"],
    [{ network: "6G" }, "network", "invalidValue"],
    [{ iccid: "123" }, "iccid", "iccidFormat"],
    [{ start_date: "" }, "start_date", "required"],
    [{ contract_end_date: "2019-01-01" }, "contract_end_date", "endBeforeStart"],
    [{ line_status: "GONE" }, "line_status", "invalidValue"],
  ])("%j → %s %s", (over, column, code) => {
    const { row, errors } = validateImportRow(cells(over), index, { planNetworks, today });
    expect(row).toBeNull();
    expect(errors).toContainEqual(expect.objectContaining({ column, code }));
  });

  test("an ID number is never echoed in full", () => {
    const { errors } = validateImportRow(cells({ id_number: "110105194912310021" }), index, { planNetworks, today });
    expect(JSON.stringify(errors)).not.toContain("110105194912310021");
  });

  test("broadband numbers are area code + number", () => {
    const { errors } = validateImportRow(cells({ network: "FTTH", plan_code: "BB-300", msisdn: "057112345678" }), index, { planNetworks, today });
    expect(errors).toEqual([]);
  });
});

describe("import format helpers", () => {
  test("header: unknown, duplicate and missing columns", () => {
    const h = readHeader(["customer_no", "Name", "bogus", "name"]);
    expect(h.errors).toContainEqual({ column: "bogus", code: "unknownColumn" });
    expect(h.errors).toContainEqual({ column: "name", code: "duplicateColumn" });
    expect(h.errors).toContainEqual({ column: "msisdn", code: "missingColumn" });
    expect(readHeader(IMPORT_COLUMN_NAMES).errors).toEqual([]);
  });

  test.each([
    ["13912345678", "G5", true],
    ["19912345678", "G4", true],
    ["1391234567", "G5", false],
    ["057112345678", "FTTH", true],
    ["057112345678", "G5", false],
    ["13912345678", "FIXED", false],
  ])("service number %s on %s → %s", (n, net, ok) => expect(isValidServiceNumber(n, net)).toBe(ok));

  test.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-13-01", false],
    ["24-01-01", false],
    ["1899-12-31", false],
  ])("date %s valid: %s", (s, ok) => expect(parseIsoDate(s) !== null).toBe(ok));

  test("the template's example row passes validation", () => {
    const [header, example] = importTemplateCsv().replace("\uFEFF", "").trim().split("\r\n");
    const h = readHeader(header.split(","));
    expect(isValidIdNumber(example.split(",")[h.index.id_number])).toBe(true);
    const { errors } = validateImportRow(example.split(","), h.index, { planNetworks, today });
    expect(errors).toEqual([]);
  });
});

describe("CSV output is formula-safe", () => {
  test.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+86 138", "'+86 138"],
    ["-5", "'-5"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["张伟", "张伟"],
    ["138****5678", "138****5678"],
  ])("%j → %j", (input, out) => expect(neutraliseCsvCell(input)).toBe(out));

  test("quoting and numbers", () => {
    expect(toCsvLine(['a,"b"'])).toBe('"a,""b"""');
    expect(toCsvLine([null])).toBe("");
    expect(toCsv(["h"], [["=1+1"]])).toBe("\uFEFFh\r\n'=1+1\r\n");
  });
});

describe("input schemas", () => {
  const contact = {
    customerId: 1,
    version: 1,
    preferredLang: "zh-CN",
    consentSms: true,
    consentCall: true,
    consentEmail: false,
    consentPush: true,
    doNotDisturb: false,
  };
  test("contact: empty fields mean keep, bad email or phone refused, version required", () => {
    expect(updateContactInput.parse({ ...contact, email: "", contactPhone: "  " })).toMatchObject({ email: undefined, contactPhone: undefined });
    expect(updateContactInput.safeParse({ ...contact, email: "x@" }).success).toBe(false);
    expect(updateContactInput.safeParse({ ...contact, contactPhone: "123" }).success).toBe(false);
    expect(updateContactInput.safeParse({ ...contact, version: undefined }).success).toBe(false);
  });
  test("reveal needs a reason of 5+ characters and a line for a number", () => {
    expect(revealPiiInput.safeParse({ customerId: 1, field: "email", reason: "check" }).success).toBe(true);
    expect(revealPiiInput.safeParse({ customerId: 1, field: "email", reason: "no" }).success).toBe(false);
    expect(revealPiiInput.safeParse({ customerId: 1, field: "msisdn", reason: "callback" }).success).toBe(false);
    expect(revealPiiInput.safeParse({ customerId: 1, field: "password", reason: "callback" }).success).toBe(false);
  });
  test("interaction and reason inputs; bad timeline params fall back", () => {
    expect(logInteractionInput.safeParse({ customerId: 1, channel: "FAX", direction: "INBOUND", reasonCode: "X", disposition: "RESOLVED" }).success).toBe(
      false,
    );
    expect(reasonInput.parse({ code: "new_reason", nameZh: "新", nameEn: "New" }).code).toBe("NEW_REASON");
    expect(reasonInput.safeParse({ code: "1BAD", nameZh: "x", nameEn: "x" }).success).toBe(false);
  });
});

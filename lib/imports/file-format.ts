// The subscriber import file: one row per line (subscription), customer and account columns
// repeated on each of a customer's lines. Pure and browser-safe: the admin page documents the
// columns from this table and the template is generated from it.
import { isValidIdNumber } from "@/lib/customers/id-number";

export interface ImportColumn {
  name: string;
  required: boolean;
  /** Example value for the template. */
  example: string;
}

export const IMPORT_COLUMNS: ImportColumn[] = [
  { name: "customer_no", required: true, example: "C900000001" },
  { name: "customer_type", required: true, example: "INDIVIDUAL" },
  { name: "name", required: true, example: "张伟" },
  { name: "gender", required: false, example: "MALE" },
  { name: "birth_date", required: false, example: "1985-03-07" },
  { name: "id_number", required: false, example: "11010519491231002X" },
  { name: "province", required: true, example: "浙江省" },
  { name: "city", required: true, example: "杭州市" },
  { name: "contact_phone", required: false, example: "13800000001" },
  { name: "email", required: false, example: "zhang.wei@example.com" },
  { name: "address", required: false, example: "浙江省杭州市西湖区文三路100号" },
  { name: "joined_at", required: false, example: "2020-01-15" },
  { name: "account_no", required: true, example: "A9900000001" },
  { name: "payment_method", required: false, example: "ALIPAY" },
  { name: "credit_class", required: false, example: "A" },
  { name: "msisdn", required: true, example: "13800000001" },
  { name: "iccid", required: false, example: "89860000000000000001" },
  { name: "plan_code", required: true, example: "M5G-129" },
  { name: "network", required: true, example: "G5" },
  { name: "line_status", required: false, example: "ACTIVE" },
  { name: "start_date", required: true, example: "2020-01-15" },
  { name: "contract_end_date", required: false, example: "2027-01-14" },
  // Issue 23: the special-care flag (ELDERLY, DISABLED, NONE); empty keeps a customer's current flag.
  { name: "special_care", required: false, example: "NONE" },
];
export const IMPORT_COLUMN_NAMES = IMPORT_COLUMNS.map((c) => c.name);

const CUSTOMER_TYPES = ["INDIVIDUAL", "FAMILY", "ENTERPRISE", "GOVERNMENT"];
const GENDERS: Record<string, string> = { MALE: "MALE", M: "MALE", FEMALE: "FEMALE", F: "FEMALE", UNKNOWN: "UNKNOWN", U: "UNKNOWN" };
const PAYMENT_METHODS = ["CASH", "BANK_DEBIT", "ALIPAY", "WECHAT_PAY", "CREDIT_CARD"];
const NETWORKS = ["G4", "G5", "FTTH", "FIXED"];
const LINE_STATUSES = ["ACTIVE", "SUSPENDED", "PENDING_TERMINATE", "TERMINATED"];
const SPECIAL_CARE = ["NONE", "ELDERLY", "DISABLED"];

/** Mobile numbers are 11 digits (1[3-9]…); broadband and fixed lines an area code + 7–8 digits. */
export function isValidServiceNumber(n: string, network: string): boolean {
  if (network === "G4" || network === "G5") return /^1[3-9]\d{9}$/.test(n);
  return /^0\d{9,11}$/.test(n);
}

/** Strict YYYY-MM-DD that exists in the calendar. */
export function parseIsoDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  if (d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 2100) return null;
  return d;
}

export interface ImportRow {
  customerNo: string;
  customerType: string;
  name: string;
  gender: string;
  /** null: the cell is empty (a new customer is NONE, an existing one keeps their flag). */
  specialCare: string | null;
  birthDate: string | null;
  idNumber: string | null;
  province: string;
  city: string;
  contactPhone: string | null;
  email: string | null;
  address: string | null;
  joinedAt: string;
  accountNo: string;
  paymentMethod: string;
  creditClass: string;
  msisdn: string;
  iccid: string | null;
  planCode: string;
  network: string;
  lineStatus: string;
  startDate: string;
  contractEndDate: string | null;
}

export interface RowError {
  column: string;
  code: string;
  value?: string;
}

/** Maps the header to column positions; reports missing required and unknown columns. */
export function readHeader(header: string[]): { index: Record<string, number>; errors: RowError[] } {
  const index: Record<string, number> = {};
  const errors: RowError[] = [];
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    if (!IMPORT_COLUMN_NAMES.includes(name)) errors.push({ column: h.trim() || `#${i + 1}`, code: "unknownColumn" });
    else if (name in index) errors.push({ column: name, code: "duplicateColumn" });
    else index[name] = i;
  });
  for (const c of IMPORT_COLUMNS) if (c.required && !(c.name in index)) errors.push({ column: c.name, code: "missingColumn" });
  return { index, errors };
}

/**
 * Validates and normalizes one record (format, checksum, dates, known plan). Cross-row and
 * database checks (duplicates) are done by the caller. `today` bounds birth and join dates.
 */
export function validateImportRow(
  cells: string[],
  index: Record<string, number>,
  ctx: { planNetworks: ReadonlyMap<string, readonly string[]>; today: Date },
): { row: ImportRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const get = (col: string) => (index[col] === undefined ? "" : (cells[index[col]] ?? "").trim());
  const need = (col: string) => {
    const v = get(col);
    if (!v) errors.push({ column: col, code: "required" });
    return v;
  };
  const date = (col: string, required: boolean): string | null => {
    const v = required ? need(col) : get(col);
    if (!v) return null;
    const d = parseIsoDate(v);
    if (!d) {
      errors.push({ column: col, code: "date", value: v });
      return null;
    }
    return v;
  };
  const oneOf = (col: string, allowed: readonly string[], fallback: string | null): string => {
    const v = get(col).toUpperCase();
    if (!v) {
      if (fallback === null) errors.push({ column: col, code: "required" });
      return fallback ?? "";
    }
    if (!allowed.includes(v)) errors.push({ column: col, code: "invalidValue", value: v });
    return v;
  };

  const customerNo = need("customer_no").toUpperCase();
  if (customerNo && !/^C\d{6,12}$/.test(customerNo)) errors.push({ column: "customer_no", code: "customerNoFormat", value: customerNo });
  const customerType = oneOf("customer_type", CUSTOMER_TYPES, null);
  const name = need("name");
  if (name.length > 100) errors.push({ column: "name", code: "tooLong" });
  const genderRaw = get("gender").toUpperCase();
  const gender = genderRaw ? GENDERS[genderRaw] : "UNKNOWN";
  if (!gender) errors.push({ column: "gender", code: "invalidValue", value: genderRaw });
  const specialCareRaw = get("special_care").toUpperCase();
  const specialCare = specialCareRaw || null;
  if (specialCare && !SPECIAL_CARE.includes(specialCare)) errors.push({ column: "special_care", code: "invalidValue", value: specialCareRaw });
  const birthDate = date("birth_date", false);
  if (birthDate && new Date(birthDate) > ctx.today) errors.push({ column: "birth_date", code: "dateInFuture", value: birthDate });
  const idRaw = get("id_number").toUpperCase();
  // Never echo an ID number into the report: the last 4 are enough to find the row.
  if (idRaw && !isValidIdNumber(idRaw)) errors.push({ column: "id_number", code: "idChecksum", value: `****${idRaw.slice(-4)}` });
  const province = need("province");
  const city = need("city");
  const contactPhone = get("contact_phone") || null;
  if (contactPhone && !/^(1[3-9]\d{9}|0\d{9,11})$/.test(contactPhone)) errors.push({ column: "contact_phone", code: "phoneFormat" });
  const email = get("email") || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ column: "email", code: "emailFormat" });
  const address = get("address") || null;
  const accountNo = need("account_no").toUpperCase();
  if (accountNo && !/^A\d{6,12}$/.test(accountNo)) errors.push({ column: "account_no", code: "accountNoFormat", value: accountNo });
  const paymentMethod = oneOf("payment_method", PAYMENT_METHODS, "CASH");
  const creditClass = oneOf("credit_class", ["A", "B", "C", "D"], "B");
  const network = oneOf("network", NETWORKS, null);
  const msisdn = need("msisdn").replace(/[\s-]/g, "");
  if (msisdn && network && NETWORKS.includes(network) && !isValidServiceNumber(msisdn, network)) errors.push({ column: "msisdn", code: "msisdnFormat" });
  const iccid = get("iccid") || null;
  if (iccid && !/^\d{19,20}$/.test(iccid)) errors.push({ column: "iccid", code: "iccidFormat" });
  const planCode = need("plan_code").toUpperCase();
  const planNetworks = planCode ? ctx.planNetworks.get(planCode) : undefined;
  if (planCode && !planNetworks) errors.push({ column: "plan_code", code: "unknownPlan", value: planCode });
  else if (planNetworks && network && NETWORKS.includes(network) && !planNetworks.includes(network))
    errors.push({ column: "network", code: "networkNotInPlan", value: network });
  const lineStatus = oneOf("line_status", LINE_STATUSES, "ACTIVE");
  const startDate = date("start_date", true);
  if (startDate && new Date(startDate) > ctx.today) errors.push({ column: "start_date", code: "dateInFuture", value: startDate });
  const contractEndDate = date("contract_end_date", false);
  if (startDate && contractEndDate && contractEndDate < startDate) errors.push({ column: "contract_end_date", code: "endBeforeStart", value: contractEndDate });
  const joinedAt = date("joined_at", false) ?? startDate;
  if (joinedAt && new Date(joinedAt) > ctx.today) errors.push({ column: "joined_at", code: "dateInFuture", value: joinedAt });

  if (errors.length) return { row: null, errors };
  return {
    row: {
      customerNo,
      customerType,
      name,
      gender,
      specialCare,
      birthDate,
      idNumber: idRaw || null,
      province,
      city,
      contactPhone,
      email,
      address,
      joinedAt: joinedAt!,
      accountNo,
      paymentMethod,
      creditClass,
      msisdn,
      iccid,
      planCode,
      network,
      lineStatus,
      startDate: startDate!,
      contractEndDate,
    },
    errors,
  };
}

/** The template: the header and one example row. */
export function importTemplateCsv(): string {
  return "\uFEFF" + IMPORT_COLUMN_NAMES.join(",") + "\r\n" + IMPORT_COLUMNS.map((c) => c.example).join(",") + "\r\n";
}

/** Which networks a plan of this class can run on. */
export function networksForPlanClass(planClass: string): readonly string[] {
  if (planClass === "BROADBAND") return ["FTTH"];
  if (planClass === "FIXED") return ["FIXED"];
  return ["G4", "G5"];
}

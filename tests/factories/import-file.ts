// Builds subscriber-import CSV files for tests and the import benchmark: valid rows with
// deterministic numbers (customer no. C8…, account A8…, MSISDN 199…) that never clash with the
// demo seed, plus helpers to spoil rows.
import { computeIdCheckChar } from "@/lib/customers/id-number";
import { IMPORT_COLUMN_NAMES } from "@/lib/imports/file-format";

export interface ImportFileOptions {
  rows: number;
  /** Offset of the first customer: two files with different offsets never overlap. */
  offset?: number;
  /** Lines per customer (the last customer may have fewer). */
  linesPerCustomer?: number;
  /** Name of every customer; default a rotating list. */
  names?: string[];
}

const NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴霞", "徐明", "孙丽"];

/** A valid, unique national ID number per customer index. */
export function idNumberFor(n: number): string {
  const area = String(100000 + (Math.floor(n / 1000) % 900000));
  const first17 = `${area}${1960 + (n % 40)}${String((n % 12) + 1).padStart(2, "0")}${String((n % 28) + 1).padStart(2, "0")}${String(n % 1000).padStart(3, "0")}`;
  return first17 + computeIdCheckChar(first17);
}

export function importRows(opts: ImportFileOptions): string[][] {
  const per = opts.linesPerCustomer ?? 2;
  const offset = opts.offset ?? 0;
  const names = opts.names ?? NAMES;
  const rows: string[][] = [];
  for (let i = 0; i < opts.rows; i++) {
    const c = offset + Math.floor(i / per);
    const lineNo = offset * per + i;
    const record: Record<string, string> = {
      customer_no: `C8${String(c).padStart(9, "0")}`,
      customer_type: c % 10 === 0 ? "ENTERPRISE" : "INDIVIDUAL",
      name: names[c % names.length],
      gender: c % 2 ? "F" : "M",
      birth_date: `${1960 + (c % 40)}-${String((c % 12) + 1).padStart(2, "0")}-${String((c % 28) + 1).padStart(2, "0")}`,
      id_number: idNumberFor(c),
      province: "浙江省",
      city: "杭州市",
      contact_phone: `199${String(50_000_000 + c).padStart(8, "0")}`,
      email: `user${c}@example.com`,
      address: `浙江省杭州市西湖区文三路${c % 500}号`,
      joined_at: "2020-01-15",
      account_no: `A8${String(c).padStart(9, "0")}`,
      payment_method: "ALIPAY",
      credit_class: "A",
      msisdn: `199${String(lineNo).padStart(8, "0")}`,
      iccid: `8986${String(lineNo).padStart(16, "0")}`,
      plan_code: lineNo % 3 === 0 ? "M5G-129" : "M4G-58",
      network: lineNo % 3 === 0 ? "G5" : "G4",
      line_status: "ACTIVE",
      start_date: "2021-03-01",
      contract_end_date: "2027-02-28",
      special_care: c % 7 === 0 ? "ELDERLY" : "",
    };
    rows.push(IMPORT_COLUMN_NAMES.map((k) => record[k]));
  }
  return rows;
}

export function toImportCsv(rows: string[][], header: string[] = IMPORT_COLUMN_NAMES): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

export function col(name: string): number {
  return IMPORT_COLUMN_NAMES.indexOf(name);
}

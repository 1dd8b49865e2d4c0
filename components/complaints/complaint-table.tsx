import { getTranslations } from "next-intl/server";
import { DataTable, type CellValue, type DataColumn } from "@/components/ui/data-table";
import { ComplaintLink } from "@/components/complaints/complaint-link";

export interface ComplaintTableRow {
  id: number;
  complaintNo: string;
  summary: string;
  status: string;
  /** Cells of the caller's own columns. */
  cells?: Record<string, CellValue>;
}

/** Complaints as a table: the number (a link), summary and status, then the caller's columns. */
export async function ComplaintTable({ label, empty, rows, columns = [] }: { label: string; empty: string; rows: ComplaintTableRow[]; columns?: DataColumn[] }) {
  const t = await getTranslations("complaints");
  return (
    <DataTable
      label={label}
      empty={empty}
      columns={[{ id: "no", header: t("col.no"), nowrap: true }, { id: "summary", header: t("form.summary") }, { id: "status", header: t("col.status"), nowrap: true }, ...columns]}
      rows={rows.map((r) => ({ id: r.id, no: <ComplaintLink id={r.id} no={r.complaintNo} />, summary: r.summary, status: t(`status.${r.status}`), ...r.cells }))}
    />
  );
}

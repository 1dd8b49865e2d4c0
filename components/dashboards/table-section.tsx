import { Section } from "@/components/ui/card";
import { DataTable, type DataColumn, type DataRow, type KeysetPager } from "@/components/ui/data-table";
import { ExportLink } from "@/components/dashboards/export-link";

/** A titled dashboard table with its CSV download (same filters as the page). */
export function TableSection({ id, title, csv, columns, rows, empty, pager }: { id: string; title: string; csv?: { table: string; search: string }; columns: DataColumn[]; rows: DataRow[]; empty?: React.ReactNode; pager?: KeysetPager }) {
  return (
    <Section id={id} title={title} flush actions={csv && <ExportLink table={csv.table} search={csv.search} label={title} />}>
      <DataTable label={title} columns={columns} rows={rows} empty={empty} pager={pager} />
    </Section>
  );
}

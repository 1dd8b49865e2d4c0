"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { EChartsOption } from "echarts";
import { EChart } from "@/components/charts/echart";
import { EmptyState, Section } from "@/components/ui/card";
import { Checkbox, Field } from "@/components/ui/field";
import { DataTable, type DataColumn, type DataRow } from "@/components/ui/data-table";

/**
 * A titled chart with a table alternative (accessibility, and for those who'd rather read). The
 * table's first column is the label; the others are figures (numbers, or text already formatted).
 */
export function ChartCard({ title, option, columns, rows, height }: { title: string; option: EChartsOption; columns: string[]; rows: Array<Array<string | number>>; height?: number }) {
  const t = useTranslations("overview");
  const id = useId();
  const [table, setTable] = useState(false);
  const tableColumns: DataColumn[] = columns.map((header, i) => ({ id: `c${i}`, header, format: i > 0 ? "number" : "text", align: i > 0 ? "right" : "left" }));
  const tableRows: DataRow[] = rows.map((r, i) => ({ id: i, ...Object.fromEntries(r.map((v, j) => [`c${j}`, v])) }));
  return (
    <Section
      id={`chart${id}`}
      title={title}
      actions={
        <Field id={`chart${id}-table`} label={t("showTable")} inline className="text-xs text-slate-500">
          <Checkbox checked={table} onChange={(e) => setTable(e.target.checked)} />
        </Field>
      }
      flush={table}
    >
      {rows.length === 0 ? <EmptyState>{t("empty")}</EmptyState> : table ? <DataTable label={title} columns={tableColumns} rows={tableRows} dense /> : <EChart option={option} label={title} height={height} />}
    </Section>
  );
}

"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { EChartsOption } from "echarts";
import { EChart } from "@/components/charts/echart";

/** A titled chart with a table alternative (accessibility, and for those who'd rather read). */
export function ChartCard({
  title,
  option,
  columns,
  rows,
  height,
}: {
  title: string;
  option: EChartsOption;
  columns: string[];
  rows: Array<Array<string | number>>;
  height?: number;
}) {
  const t = useTranslations("overview");
  const [table, setTable] = useState(false);
  return (
    <section className="card" aria-label={title}>
      <div className="card-title flex items-center justify-between">
        <h2>{title}</h2>
        <label className="flex items-center gap-1 text-xs font-normal text-slate-500">
          <input type="checkbox" checked={table} onChange={(e) => setTable(e.target.checked)} />
          {t("showTable")}
        </label>
      </div>
      <div className="p-2">
        {rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("empty")}</p>
        ) : table ? (
          <table className="data">
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={c} className={i > 0 ? "num" : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className={j > 0 ? "num" : undefined}>
                      {typeof v === "number" ? v.toLocaleString() : v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <EChart option={option} label={title} height={height} />
        )}
      </div>
    </section>
  );
}

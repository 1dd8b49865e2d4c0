"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { tableFeatures, useTable, type ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

// The one table. Pages (server components) pass plain rows and declarative columns; cells are
// formatted here in the person's locale and the operator's time zone (Asia/Shanghai, from the
// next-intl config). A cell may also be a React node rendered on the server (a link, a badge).
//   <DataTable label={t("title")} columns={[{ id: "at", header: t("at"), format: "datetime" }, { id: "amount", header: t("amount"), format: "money" }]} rows={rows} empty={t("empty")} pager={{ next: href }} />

export type CellValue = string | number | boolean | Date | null | undefined | React.ReactElement;
export type ColumnFormat = "text" | "number" | "integer" | "money" | "percent" | "date" | "datetime" | "code" | { enum: string };

export interface DataColumn {
  id: string;
  header: React.ReactNode;
  format?: ColumnFormat;
  /** Numbers are right-aligned by default; override for anything else. */
  align?: "left" | "right" | "center";
  /** Long text wraps instead of widening the table; `nowrap` keeps short values on one line. */
  nowrap?: boolean;
  className?: string;
}

export type DataRow = { id: string | number } & Record<string, CellValue>;

export interface KeysetPager {
  /** The next (older) page, or undefined on the last. */
  next?: string;
  /** The first page, when not on it. */
  first?: string;
}

const features = tableFeatures({});
const RIGHT = new Set(["number", "integer", "money", "percent"]);
const ALIGN = { left: "text-left", right: "text-right", center: "text-center" } as const;

export function DataTable({ label, columns, rows, empty, pager, maxHeight, className, dense }: { label: string; columns: DataColumn[]; rows: DataRow[]; empty?: React.ReactNode; pager?: KeysetPager; maxHeight?: string; className?: string; dense?: boolean }) {
  const t = useTranslations("common");
  const tAll = useTranslations();
  const format = useFormatter();
  const defs = useMemo<Array<ColumnDef<typeof features, DataRow>>>(
    () =>
      columns.map((c) => ({
        id: c.id,
        accessorFn: (row: DataRow) => row[c.id],
        header: () => c.header,
      })),
    [columns],
  );
  const table = useTable({ features, columns: defs, data: rows, getRowId: (r) => String(r.id) });
  const scroller = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [rows.length]);

  function formatCell(v: CellValue, f: ColumnFormat = "text"): React.ReactNode {
    if (v === null || v === undefined || v === "") return <span className="text-slate-500">{t("none")}</span>;
    if (typeof v === "object" && !(v instanceof Date)) return v;
    if (typeof f === "object") return tAll.has(`enums.${f.enum}.${String(v)}`) ? tAll(`enums.${f.enum}.${String(v)}`) : String(v);
    switch (f) {
      case "number":
        return typeof v === "number" ? format.number(v, { maximumFractionDigits: 2 }) : String(v);
      case "integer":
        return typeof v === "number" ? format.number(v, { maximumFractionDigits: 0 }) : String(v);
      case "money":
        return typeof v === "number" ? format.number(v, { style: "currency", currency: "CNY", minimumFractionDigits: 2 }) : String(v);
      case "percent":
        return typeof v === "number" ? format.number(v, { style: "percent", maximumFractionDigits: 1 }) : String(v);
      case "date":
        return v instanceof Date || typeof v === "string" ? format.dateTime(new Date(v), { dateStyle: "medium" }) : String(v);
      case "datetime":
        return v instanceof Date || typeof v === "string" ? format.dateTime(new Date(v), { dateStyle: "short", timeStyle: "short" }) : String(v);
      case "code":
        return <code className="text-xs">{String(v)}</code>;
      default:
        return v instanceof Date ? format.dateTime(v, { dateStyle: "short", timeStyle: "short" }) : typeof v === "boolean" ? (v ? t("yes") : t("no")) : String(v);
    }
  }

  const alignOf = (c: DataColumn) => c.align ?? (c.format && typeof c.format === "string" && RIGHT.has(c.format) ? "right" : "left");
  const byId = new Map(columns.map((c) => [c.id, c]));
  if (rows.length === 0) return <div className={cn("p-4 text-sm text-slate-500", className)}>{empty ?? t("noRows")}</div>;
  return (
    <div className={className}>
      <div
        ref={scroller}
        className={cn("overflow-x-auto", maxHeight && "overflow-y-auto")}
        style={maxHeight ? { maxHeight } : undefined}
        // A table wider (or taller) than its box scrolls: keyboard users reach it with Tab and scroll
        // it with the arrow keys (WCAG 2.1.1, axe's scrollable-region-focusable).
        {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": label } : {})}
      >
        <table aria-label={label} className="w-full border-collapse text-sm">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const c = byId.get(header.column.id)!;
                  return (
                    <th key={header.id} scope="col" className={cn("sticky top-0 z-10 whitespace-nowrap border-b border-slate-200 bg-slate-50 px-2.5 py-1.5 font-semibold text-slate-600", ALIGN[alignOf(c)])}>
                      <table.FlexRender header={header} />
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getAllCells().map((cell) => {
                  const c = byId.get(cell.column.id)!;
                  const align = alignOf(c);
                  return (
                    <td key={cell.id} className={cn("border-b border-slate-100 px-2.5 align-middle break-words", dense ? "py-1" : "h-9 py-1.5", align === "right" && "text-right tabular-nums", align === "center" && "text-center", c.nowrap && "whitespace-nowrap", c.className)}>
                      {formatCell(cell.getValue() as CellValue, c.format)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager && (pager.next || pager.first) && <Pager pager={pager} />}
    </div>
  );
}

/** Keyset paging: "first page" and "next page" links (no page numbers: lists are never counted deep). */
export function Pager({ pager }: { pager: KeysetPager }) {
  const t = useTranslations("common");
  return (
    <nav aria-label={t("pagination")} className="flex items-center justify-end gap-3 border-t border-slate-100 px-3 py-2 text-sm">
      {pager.first && (
        <Link href={pager.first} className="text-brand-700 hover:underline">
          {t("firstPage")}
        </Link>
      )}
      {pager.next && (
        <Link href={pager.next} className="text-brand-700 hover:underline" rel="next">
          {t("nextPage")}
        </Link>
      )}
    </nav>
  );
}

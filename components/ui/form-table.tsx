"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { DataTable, type CellValue, type DataColumn, type DataRow } from "@/components/ui/data-table";
import { Checkbox, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction, type ActionOutcome, type UseActionOptions } from "@/components/ui/use-action";

// A table whose rows are small forms: the editable cells of a row are controls of that row's
// form, and one Save per row sends them (with the row's keys) to a pipeline action as FormData.
// Errors of a field show in its own cell; other errors above the table, naming the row. Cells stay
// one line high: text controls keep their maxLength but show no character counter.
//   <FormTable label={t("limits")} action={saveLimitAction} success={t("saved")}
//     columns={[{ id: "role", header: t("role") }, { id: "credit", header: t("credit"), control: { type: "number", min: 0 } }]}
//     rows={[{ id: "AGENT", label: t("roles.AGENT"), keys: { role: "AGENT", version: 3 }, values: { role: t("roles.AGENT"), credit: 50 } }]} />

export type FormTableControl = (
  | { type: "number"; min?: number; max?: number; step?: number | "any" }
  | { type: "text"; maxLength?: number }
  | { type: "select"; options: ReadonlyArray<{ value: string | number; label: string }> }
  | { type: "checkbox" }
) & {
  /** The form field's name (default: the column id). */
  name?: string;
  /** Width and the like of the control (numbers default to a narrow right-aligned box). */
  className?: string;
};

export interface FormTableColumn extends DataColumn {
  /** Makes the column editable: a control prefilled with the row's value. */
  control?: FormTableControl;
  /** The control's accessible name after the row's label (default: the header, when it is text). */
  controlLabel?: string;
}

export interface FormTableRow {
  /** Stable across saves (not a version), so the focus stays on the row's Save button. */
  id: string | number;
  /** Names the row in the accessible names of its controls and of its Save button. */
  label: string;
  /** Sent with the row's values as hidden fields (ids, versions). */
  keys: Record<string, string | number>;
  values: Record<string, CellValue>;
}

export type FormTableProps<T> = UseActionOptions<T> & {
  label: string;
  columns: FormTableColumn[];
  rows: FormTableRow[];
  action: (form: FormData) => Promise<ActionOutcome<T>>;
  saveLabel?: string;
  empty?: React.ReactNode;
  className?: string;
};

export function FormTable<T>({ label, columns, rows, action, saveLabel, empty, className, ...options }: FormTableProps<T>) {
  const t = useTranslations("common");
  const prefix = useId();
  const [active, setActive] = useState<FormTableRow["id"] | null>(null);
  const { run, pending, error, fieldError } = useAction(action, options);
  const save = saveLabel ?? t("save");
  const activeRow = rows.find((r) => r.id === active);

  const dataColumns: DataColumn[] = [
    ...columns.map((c): DataColumn => (c.control?.type === "number" ? { align: "right", ...c } : c)),
    { id: "_save", header: <span className="sr-only">{save}</span>, align: "right" },
  ];
  const dataRows: DataRow[] = rows.map((row) => {
    const form = `${prefix}-${row.id}`;
    const cells: DataRow = { id: row.id };
    for (const c of columns) {
      if (!c.control) {
        cells[c.id] = row.values[c.id];
        continue;
      }
      const name = c.control.name ?? c.id;
      const message = row.id === active ? fieldError(name) : undefined;
      const errorId = `${form}-${name}-error`;
      const props = {
        form,
        name,
        "aria-label": `${row.label} ${c.controlLabel ?? (typeof c.header === "string" ? c.header : name)}`,
        "aria-invalid": message ? true : undefined,
        "aria-describedby": message ? errorId : undefined,
      };
      cells[c.id] = (
        <>
          <Control control={c.control} value={row.values[c.id]} props={props} />
          {message && (
            <p id={errorId} className="mt-0.5 text-left text-xs text-bad">
              {message}
            </p>
          )}
        </>
      );
    }
    cells._save = (
      <form
        id={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setActive(row.id);
          void run(new FormData(e.currentTarget));
        }}
      >
        {Object.entries(row.keys).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <Button type="submit" size="sm" pending={pending && row.id === active} aria-label={`${save} ${row.label}`}>
          {save}
        </Button>
      </form>
    );
    return cells;
  });

  return (
    <div className={className}>
      {error && activeRow && (
        <Alert tone="error" className="m-2">
          {activeRow.label}: {error}
        </Alert>
      )}
      <DataTable label={label} columns={dataColumns} rows={dataRows} empty={empty} dense />
    </div>
  );
}

type ControlProps = { form: string; name: string; "aria-label": string; "aria-invalid"?: boolean; "aria-describedby"?: string };

function Control({ control, value, props }: { control: FormTableControl; value: CellValue; props: ControlProps }) {
  switch (control.type) {
    case "number":
      return (
        <TextInput
          type="number"
          min={control.min}
          max={control.max}
          step={control.step}
          defaultValue={value == null ? "" : String(value)}
          className={control.className ?? "w-20 text-right tabular-nums"}
          {...props}
        />
      );
    case "text":
      return (
        <TextInput maxLength={control.maxLength} counter={false} defaultValue={value == null ? "" : String(value)} className={control.className} {...props} />
      );
    case "select":
      return <Select options={control.options} defaultValue={value == null ? "" : String(value)} className={control.className} {...props} />;
    case "checkbox":
      return <Checkbox defaultChecked={value === true} className={control.className} {...props} />;
  }
}

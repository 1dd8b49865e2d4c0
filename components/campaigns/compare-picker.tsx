"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { MultiSelect, type MultiSelectOption } from "@/components/ui/multi-select";

/** The campaigns to compare: a GET form, so the choice lives in the URL (?ids=1&ids=2). Strings come translated from the page. */
export function ComparePicker({
  options,
  chosen,
  label,
  hint,
  submit,
}: {
  options: MultiSelectOption[];
  chosen: string[];
  label: string;
  hint: string;
  submit: string;
}) {
  return (
    <form method="get" action="/campaigns/compare" className="flex flex-wrap items-end gap-3">
      <Field id="compare-ids" label={label} hint={hint}>
        <MultiSelect name="ids" label={label} options={options} defaultValue={chosen} className="min-w-72" />
      </Field>
      <Button type="submit" variant="primary">
        {submit}
      </Button>
    </form>
  );
}

"use client";

import { Field } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";

/** A required one-line title (200 characters) and its longer description (4000): a complaint's
 *  summary and details, an incident's title and description (lib/complaints/schemas.ts). */
export function SummaryFields({ id, names, labels, rows = 3, fieldError, defaultTitle, autoFocus }: { id: string; names: [title: string, description: string]; labels: [title: string, description: string]; rows?: number; fieldError: (name: string) => string | undefined; defaultTitle?: string; autoFocus?: boolean }) {
  return (
    <>
      <Field id={`${id}-${names[0]}`} label={labels[0]} error={fieldError(names[0])} required>
        <TextInput name={names[0]} maxLength={200} defaultValue={defaultTitle?.slice(0, 200)} autoFocus={autoFocus} />
      </Field>
      <Field id={`${id}-${names[1]}`} label={labels[1]} error={fieldError(names[1])}>
        <TextArea name={names[1]} rows={rows} maxLength={4000} />
      </Field>
    </>
  );
}

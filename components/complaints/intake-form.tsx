"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { openComplaintAction } from "@/app/(app)/complaints/actions";
import { ATTACHMENT_TYPES, COMPLAINT_CHANNELS, COMPLAINT_GRADES } from "@/lib/complaints/schemas";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Combobox } from "@/components/ui/combobox";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { Kbd } from "@/components/ui/kbd";
import { SummaryFields } from "@/components/complaints/summary-fields";

/** What the intake starts with when it is opened from a logged contact (all optional). */
export interface IntakePrefill {
  interactionId: number;
  lineId: number | null;
  channel: string;
  categoryId: number | null;
  summary: string;
}

interface Props {
  customerId: number;
  lines: { id: number; msisdnMasked: string }[];
  categories: { id: number; parentId: number | null; nameZh: string; nameEn: string; defaultGrade?: string }[];
  prefill?: IntakePrefill | null;
}

/**
 * The complaint intake. Categories are leaves only, typed to filter, with no default (a complaint
 * filed under "Billing" itself says nothing); opened from a contact, the category follows from the
 * contact's reason, and the line, channel and summary from the contact. Ctrl/⌘+Enter submits.
 */
export function IntakeForm({ customerId, lines, categories, prefill }: Props) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  // One key per form render: a double click or a retry of the same submission opens one complaint.
  const [key] = useState(() => crypto.randomUUID());
  const name = (c: { nameZh: string; nameEn: string }) => (locale === "en" ? c.nameEn : c.nameZh);
  const byId = new Map(categories.map((c) => [c.id, c]));
  // The grade follows the category's default (admins set it per category) until the agent picks one.
  const defaultGradeOf = (id: string) => byId.get(Number(id))?.defaultGrade ?? "GENERAL";
  const [grade, setGrade] = useState<string>(() => (prefill?.categoryId != null ? defaultGradeOf(String(prefill.categoryId)) : "GENERAL"));
  const [gradeChosen, setGradeChosen] = useState(false);
  const hasChildren = new Set(categories.map((c) => c.parentId).filter((id): id is number => id !== null));
  // Leaves only, under their parent's name; found by either language's name and the parent's.
  const categoryOptions = categories
    .filter((c) => !hasChildren.has(c.id))
    .map((c) => {
      const parent = c.parentId !== null ? byId.get(c.parentId) : undefined;
      return {
        value: String(c.id),
        label: parent ? `${name(parent)} / ${name(c)}` : name(c),
        keywords: [c.nameZh, c.nameEn, ...(parent ? [parent.nameZh, parent.nameEn] : [])],
      };
    });
  const prefilledCategory =
    prefill?.categoryId != null && categoryOptions.some((o) => o.value === String(prefill.categoryId)) ? String(prefill.categoryId) : "";
  return (
    <Card className="max-w-3xl p-4">
      <ActionForm
        action={openComplaintAction}
        success={(r) => t("complaints.form.opened", { no: r.complaintNo })}
        refresh={false}
        onSuccess={(r) => router.push(`/complaints/${r.id}`)}
        className="space-y-3"
      >
        {({ pending, fieldError }) => (
          <>
            <input type="hidden" name="customerId" value={customerId} />
            <input type="hidden" name="idempotencyKey" value={key} />
            {prefill && <input type="hidden" name="sourceInteractionId" value={prefill.interactionId} />}
            {fieldError("sourceInteractionId") && <p className="text-sm text-bad">{fieldError("sourceInteractionId")}</p>}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                id="intake-category"
                label={t("complaints.form.category")}
                hint={prefilledCategory ? t("complaints.form.categoryFromReason") : undefined}
                error={fieldError("categoryId")}
                required
              >
                <Combobox
                  name="categoryId"
                  defaultValue={prefilledCategory}
                  onChange={(v) => !gradeChosen && setGrade(defaultGradeOf(v))}
                  options={categoryOptions}
                  placeholder={t("complaints.form.chooseCategory")}
                  autoFocus={!prefilledCategory}
                />
              </Field>
              <Field id="intake-grade" label={t("complaints.form.grade")} hint={t(`complaints.gradeHelp.${grade}`)} error={fieldError("grade")} required>
                <Select
                  name="grade"
                  value={grade}
                  onChange={(e) => {
                    setGrade(e.target.value);
                    setGradeChosen(true);
                  }}
                  options={COMPLAINT_GRADES.map((g) => ({ value: g, label: t(`complaints.grade.${g}`) }))}
                />
              </Field>
              <Field id="intake-line" label={t("complaints.form.line")} error={fieldError("lineId")}>
                <Select
                  name="lineId"
                  defaultValue={prefill?.lineId ?? ""}
                  placeholder={t("complaints.form.noLine")}
                  options={lines.map((l) => ({ value: l.id, label: l.msisdnMasked }))}
                />
              </Field>
              <Field id="intake-channel" label={t("complaints.form.channel")} error={fieldError("channel")} required>
                <Select
                  name="channel"
                  defaultValue={prefill?.channel ?? "HOTLINE"}
                  options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))}
                />
              </Field>
            </div>
            <SummaryFields
              id="intake"
              names={["summary", "details"]}
              labels={[t("complaints.form.summary"), t("complaints.form.details")]}
              rows={4}
              fieldError={fieldError}
              defaultTitle={prefill?.summary}
              autoFocus={!!prefilledCategory}
            />
            <Field id="intake-attachment" label={t("complaints.form.attachment")} error={fieldError("attachment")}>
              <FileInput name="attachment" accept={ATTACHMENT_TYPES.join(",")} />
            </Field>
            <Field id="intake-appeal" label={t("complaints.form.appeal")} inline>
              <Checkbox name="isAppeal" />
            </Field>
            <Button type="submit" variant="primary" pending={pending} aria-keyshortcuts="Control+Enter">
              {t("complaints.form.submit")} <Kbd className="ml-1">Ctrl+Enter</Kbd>
            </Button>
          </>
        )}
      </ActionForm>
    </Card>
  );
}

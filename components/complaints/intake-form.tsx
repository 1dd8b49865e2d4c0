"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { openComplaintAction } from "@/app/(app)/complaints/actions";
import { ATTACHMENT_TYPES, COMPLAINT_CHANNELS, COMPLAINT_GRADES } from "@/lib/complaints/schemas";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { SummaryFields } from "@/components/complaints/summary-fields";

interface Props {
  customerId: number;
  lines: { id: number; msisdnMasked: string }[];
  categories: { id: number; parentId: number | null; nameZh: string; nameEn: string }[];
}

export function IntakeForm({ customerId, lines, categories }: Props) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  // One key per form render: a double click or a retry of the same submission opens one complaint.
  const [key] = useState(() => crypto.randomUUID());
  const [grade, setGrade] = useState<string>("GENERAL");
  const name = (c: { nameZh: string; nameEn: string }) => (locale === "en" ? c.nameEn : c.nameZh);
  // Parents first, each followed by its children ("Billing", "Billing / Roaming charges").
  const categoryOptions = categories
    .filter((c) => c.parentId === null)
    .flatMap((p) => [{ value: p.id, label: name(p) }, ...categories.filter((c) => c.parentId === p.id).map((c) => ({ value: c.id, label: `${name(p)} / ${name(c)}` }))]);
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
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id="intake-category" label={t("complaints.form.category")} error={fieldError("categoryId")} required>
                <Select name="categoryId" defaultValue="" placeholder={t("common.choose")} options={categoryOptions} />
              </Field>
              <Field id="intake-grade" label={t("complaints.form.grade")} hint={t(`complaints.gradeHelp.${grade}`)} error={fieldError("grade")} required>
                <Select name="grade" value={grade} onChange={(e) => setGrade(e.target.value)} options={COMPLAINT_GRADES.map((g) => ({ value: g, label: t(`complaints.grade.${g}`) }))} />
              </Field>
              <Field id="intake-line" label={t("complaints.form.line")} error={fieldError("lineId")}>
                <Select name="lineId" defaultValue="" placeholder={t("complaints.form.noLine")} options={lines.map((l) => ({ value: l.id, label: l.msisdnMasked }))} />
              </Field>
              <Field id="intake-channel" label={t("complaints.form.channel")} error={fieldError("channel")} required>
                <Select name="channel" defaultValue="HOTLINE" options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))} />
              </Field>
            </div>
            <SummaryFields id="intake" names={["summary", "details"]} labels={[t("complaints.form.summary"), t("complaints.form.details")]} rows={4} fieldError={fieldError} />
            <Field id="intake-attachment" label={t("complaints.form.attachment")} error={fieldError("attachment")}>
              <FileInput name="attachment" accept={ATTACHMENT_TYPES.join(",")} />
            </Field>
            <Field id="intake-appeal" label={t("complaints.form.appeal")} inline>
              <Checkbox name="isAppeal" />
            </Field>
            <Button type="submit" variant="primary" pending={pending}>
              {t("complaints.form.submit")}
            </Button>
          </>
        )}
      </ActionForm>
    </Card>
  );
}

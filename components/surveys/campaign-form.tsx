"use client";

import { useLocale, useTranslations } from "next-intl";
import { cityLabel } from "@/lib/i18n/cities";
import { sendSurveyCampaignAction } from "@/app/(app)/surveys/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

/** Sends a relationship survey (NPS or CSI) to every consenting active customer, or one city's. */
export function CampaignForm({ templates, regions }: { templates: Array<{ value: number; label: string }>; regions: string[] }) {
  const t = useTranslations("surveys");
  const locale = useLocale();
  return (
    <ActionForm action={sendSurveyCampaignAction} success={(d) => t("sent", { n: d.sent })}>
      {({ pending, fieldError }) => (
        <div className="flex flex-wrap items-end gap-3">
          <Field id="campaign-template" label={t("campaign.template")} error={fieldError("templateId")} required className="w-64">
            <Select name="templateId" options={templates} />
          </Field>
          <Field id="campaign-city" label={t("campaign.region")} error={fieldError("city")} className="w-48">
            <Select name="city" placeholder={t("campaign.allActive")} options={regions.map((r) => ({ value: r, label: cityLabel(r, locale) }))} />
          </Field>
          <Field id="campaign-limit" label={t("campaign.limit")} error={fieldError("limit")} className="w-40">
            <TextInput type="number" name="limit" min={1} />
          </Field>
          <Button type="submit" variant="primary" pending={pending}>
            {t("campaign.send")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}

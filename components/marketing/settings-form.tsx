"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { updateMarketingSettingsAction } from "@/app/(app)/admin/marketing/actions";
import type { MarketingSettings } from "@/lib/marketing/schemas";

const CHANNELS = ["OUTBOUND_CALL", "SMS", "EMAIL", "PUSH", "WECHAT"] as const;

/** The contact rules every campaign and automation rule obeys (issue 22). */
export function MarketingSettingsForm({ settings, version }: { settings: MarketingSettings; version: number }) {
  const t = useTranslations("marketing.form");
  const te = useTranslations("enums.campaignChannel");
  return (
    <ActionForm action={updateMarketingSettingsAction} success={t("saved")} aria-label={t("label")}>
      {({ pending, fieldError }) => (
        <div className="space-y-4">
          <input type="hidden" name="version" value={version} />
          <fieldset className="flex flex-wrap items-start gap-3" aria-describedby="quiet-hint">
            <legend className="mb-1 text-sm font-semibold">{t("quietHours")}</legend>
            <p id="quiet-hint" className="basis-full text-xs text-slate-600">
              {t("quietHint")}
            </p>
            <Field id="quietStart" label={t("quietStart")} error={fieldError("quietStart")} className="w-44">
              <TextInput name="quietStart" type="time" defaultValue={settings.quietHours.start} required />
            </Field>
            <Field id="quietEnd" label={t("quietEnd")} error={fieldError("quietEnd")} className="w-44">
              <TextInput name="quietEnd" type="time" defaultValue={settings.quietHours.end} required />
            </Field>
          </fieldset>
          <fieldset className="flex flex-wrap items-start gap-3">
            <legend className="mb-1 text-sm font-semibold">{t("caps")}</legend>
            <Field id="windowDays" label={t("windowDays")} hint={t("between", { min: 1, max: 365 })} error={fieldError("windowDays")} className="w-36">
              <TextInput name="windowDays" type="number" min={1} max={365} defaultValue={settings.caps.windowDays} className="tabular-nums" required />
            </Field>
            <Field id="capOverall" label={t("capOverall")} hint={t("between", { min: 0, max: 100 })} error={fieldError("capOverall")} className="w-36">
              <TextInput name="capOverall" type="number" min={0} max={100} defaultValue={settings.caps.overall} className="tabular-nums" required />
            </Field>
            {CHANNELS.map((c) => (
              <Field key={c} id={`cap${c}`} label={t("capChannel", { channel: te(c) })} error={fieldError(`cap${c}`)} className="w-36">
                <TextInput name={`cap${c}`} type="number" min={0} max={100} defaultValue={settings.caps.perChannel[c]} className="tabular-nums" required />
              </Field>
            ))}
          </fieldset>
          <fieldset className="flex flex-wrap items-start gap-3">
            <legend className="mb-1 text-sm font-semibold">{t("delivery")}</legend>
            <Field id="maxAttempts" label={t("maxAttempts")} hint={t("between", { min: 1, max: 20 })} error={fieldError("maxAttempts")} className="w-36">
              <TextInput name="maxAttempts" type="number" min={1} max={20} defaultValue={settings.maxAttempts} className="tabular-nums" required />
            </Field>
            <Field id="retryBaseSeconds" label={t("retryBaseSeconds")} hint={t("retryHint")} error={fieldError("retryBaseSeconds")} className="w-52">
              <TextInput name="retryBaseSeconds" type="number" min={5} max={3600} defaultValue={settings.retryBaseSeconds} className="tabular-nums" required />
            </Field>
            <Field id="gatewayUrl" label={t("gatewayUrl")} hint={t("gatewayHint")} error={fieldError("gatewayUrl")} className="min-w-72 flex-1">
              <TextInput name="gatewayUrl" type="url" maxLength={500} defaultValue={settings.gatewayUrl} placeholder="https://sms-gateway.example.com/send" />
            </Field>
          </fieldset>
          <Button type="submit" variant="primary" pending={pending}>
            {t("save")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}

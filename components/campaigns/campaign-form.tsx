"use client";

import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { createCampaignAction, updateCampaignAction } from "@/app/(app)/campaigns/actions";
import { CAMPAIGN_CHANNELS, MESSAGE_CHANNELS, type CampaignChannelName } from "@/lib/marketing/schemas";
import { PLACEHOLDERS, renderTemplate, unknownPlaceholders } from "@/lib/marketing/template";
import { CONVERSION_KINDS, OFFER_MODES, SAMPLE_VALUES } from "@/lib/campaigns/schemas";
import type { CampaignFormOptions } from "@/lib/campaigns/queries";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert, Section } from "@/components/ui/card";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { MultiSelect } from "@/components/ui/multi-select";
import { useAction } from "@/components/ui/use-action";

export interface CampaignFormValues {
  name: string;
  objective: string;
  segmentId: string;
  audienceMode: "DYNAMIC" | "STATIC";
  channels: CampaignChannelName[];
  startsAt: string;
  endsAt: string;
  budget: string;
  channelCosts: Record<CampaignChannelName, string>;
  offerMode: (typeof OFFER_MODES)[number];
  offerRuleId: string;
  scriptZh: string;
  scriptEn: string;
  messageZh: string;
  messageEn: string;
  emailSubjectZh: string;
  emailSubjectEn: string;
  controlPct: string;
  seed: string;
  successKinds: string[];
  successWindowDays: string;
  successPlanIds: string[];
  spendIncreasePct: string;
  callTeamId: string;
  callSkill: string;
}

/** "2026-12-08T09:00" (Asia/Shanghai, as components/campaigns/form-values.ts writes it) → an ISO time. */
function fromShanghaiInput(s: string): string {
  return s ? `${s}:00+08:00` : "";
}

type TemplateField = "scriptZh" | "scriptEn" | "messageZh" | "messageEn" | "emailSubjectZh" | "emailSubjectEn";

/** The plan form: the same zod schema as the lib function validates on the server; field errors next to their fields. */
export function CampaignForm({
  options,
  initial,
  edit,
}: {
  options: CampaignFormOptions;
  initial: CampaignFormValues;
  edit?: { id: number; version: number };
}) {
  const t = useTranslations("campaigns.form");
  const te = useTranslations("enums");
  const locale = useLocale();
  const router = useRouter();
  const [v, setV] = useState<CampaignFormValues>(initial);
  const set = <K extends keyof CampaignFormValues>(k: K, value: CampaignFormValues[K]) => setV((p) => ({ ...p, [k]: value }));
  const create = useAction(createCampaignAction, { success: t("created"), refresh: false, onSuccess: (r) => router.push(`/campaigns/${r.id}`) });
  const update = useAction(updateCampaignAction, { success: t("saved"), refresh: false, onSuccess: () => router.push(`/campaigns/${edit?.id}`) });
  const { pending, error, fieldError } = edit ? update : create;
  const name = (o: { nameZh: string; nameEn: string }) => (locale === "en" ? o.nameEn : o.nameZh);
  const hasCall = v.channels.includes("OUTBOUND_CALL");
  const hasMessage = v.channels.some((c) => (MESSAGE_CHANNELS as readonly string[]).includes(c));
  const hasEmail = v.channels.includes("EMAIL");

  const payload = () => ({
    name: v.name,
    objective: v.objective,
    segmentId: v.segmentId,
    audienceMode: v.audienceMode,
    channels: v.channels,
    startsAt: fromShanghaiInput(v.startsAt),
    endsAt: fromShanghaiInput(v.endsAt),
    budget: v.budget,
    channelCosts: Object.fromEntries(CAMPAIGN_CHANNELS.map((c) => [c, v.channelCosts[c] || "0"])),
    offerMode: v.offerMode,
    offerRuleId: v.offerMode === "FIXED" ? v.offerRuleId : "",
    scriptZh: hasCall ? v.scriptZh : "",
    scriptEn: hasCall ? v.scriptEn : "",
    messageZh: hasMessage ? v.messageZh : "",
    messageEn: hasMessage ? v.messageEn : "",
    emailSubjectZh: hasEmail ? v.emailSubjectZh : "",
    emailSubjectEn: hasEmail ? v.emailSubjectEn : "",
    controlShare: v.controlPct === "" ? "" : Number(v.controlPct) / 100,
    seed: v.seed,
    successKinds: v.successKinds,
    successWindowDays: v.successWindowDays,
    successPlanIds: v.successPlanIds,
    spendIncreasePct: v.spendIncreasePct === "" ? "" : Number(v.spendIncreasePct) / 100,
    callTeamId: hasCall ? v.callTeamId : "",
    callSkill: hasCall ? v.callSkill : "",
  });
  const submit = () => {
    if (edit) void update.run({ ...payload(), id: edit.id, version: edit.version });
    else void create.run(payload());
  };
  // Typos in placeholders show while typing, before the server refuses them.
  const liveError = (f: TemplateField) => {
    const unknown = unknownPlaceholders(v[f]);
    return unknown.length ? t("unknownPlaceholders", { list: unknown.map((u) => `{${u}}`).join(", ") }) : fieldError(f);
  };
  const preview = useMemo(
    () => ({
      zh: { script: renderTemplate(v.scriptZh, SAMPLE_VALUES["zh-CN"]), message: renderTemplate(v.messageZh, SAMPLE_VALUES["zh-CN"]) },
      en: { script: renderTemplate(v.scriptEn, SAMPLE_VALUES.en), message: renderTemplate(v.messageEn, SAMPLE_VALUES.en) },
    }),
    [v.scriptZh, v.scriptEn, v.messageZh, v.messageEn],
  );
  const field = (id: keyof CampaignFormValues) => fieldError(id);
  const selectedSegment = options.segments.find((s) => String(s.id) === v.segmentId);

  return (
    <form
      className="space-y-4"
      aria-label={edit ? t("titleEdit") : t("titleNew")}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Section title={t("basics")}>
        <div className="grid gap-3 lg:grid-cols-2">
          <Field id="name" label={t("name")} error={field("name")} required>
            <TextInput value={v.name} maxLength={120} onChange={(e) => set("name", e.target.value)} />
          </Field>
          <Field id="objective" label={t("objective")} error={field("objective")}>
            <TextInput value={v.objective} maxLength={1000} onChange={(e) => set("objective", e.target.value)} />
          </Field>
          <Field id="startsAt" label={t("startsAt")} hint={t("timeZoneHint")} error={field("startsAt")} required>
            <TextInput type="datetime-local" value={v.startsAt} onChange={(e) => set("startsAt", e.target.value)} />
          </Field>
          <Field id="endsAt" label={t("endsAt")} error={field("endsAt")} required>
            <TextInput type="datetime-local" value={v.endsAt} onChange={(e) => set("endsAt", e.target.value)} />
          </Field>
        </div>
      </Section>

      <Section title={t("audience")}>
        <div className="grid gap-3 lg:grid-cols-2">
          <Field
            id="segmentId"
            label={t("segment")}
            hint={selectedSegment ? t("segmentSize", { count: selectedSegment.size }) : t("segmentHint")}
            error={field("segmentId")}
            required
          >
            <Select
              value={v.segmentId}
              placeholder={t("choose")}
              onChange={(e) => set("segmentId", e.target.value)}
              options={options.segments.map((s) => ({ value: s.id, label: `${s.name} (${t(`kind.${s.kind}`)})` }))}
            />
          </Field>
          <Field id="audienceMode" label={t("audienceMode")} hint={t(`audienceModeHint.${v.audienceMode}`)} error={field("audienceMode")}>
            <Select
              value={v.audienceMode}
              onChange={(e) => set("audienceMode", e.target.value as "DYNAMIC" | "STATIC")}
              options={(["DYNAMIC", "STATIC"] as const).map((m) => ({ value: m, label: t(`audienceModes.${m}`) }))}
            />
          </Field>
          <Field id="controlPct" label={t("controlPct")} hint={t("controlHint")} error={fieldError("controlShare")} required>
            <TextInput type="number" min={0} max={50} step={1} inputMode="numeric" value={v.controlPct} onChange={(e) => set("controlPct", e.target.value)} />
          </Field>
          <Field id="seed" label={t("seed")} hint={t("seedHint")} error={field("seed")} required>
            <TextInput type="number" min={1} step={1} value={v.seed} onChange={(e) => set("seed", e.target.value)} />
          </Field>
        </div>
      </Section>

      <Section title={t("channelsAndBudget")}>
        <div className="grid gap-3 lg:grid-cols-2">
          {/* No `required` here: it would put aria-required on the list's button (not allowed on a button); the star is drawn by hand. */}
          <Field
            id="channels"
            label={
              <>
                {t("channels")}{" "}
                <span aria-hidden className="text-bad">
                  *
                </span>
              </>
            }
            error={field("channels")}
          >
            <MultiSelect
              label={t("channels")}
              value={v.channels}
              onChange={(c) => set("channels", c as CampaignChannelName[])}
              options={CAMPAIGN_CHANNELS.map((c) => ({ value: c, label: te(`campaignChannel.${c}`) }))}
            />
          </Field>
          <Field id="budget" label={t("budget")} error={field("budget")} required>
            <TextInput type="number" min={0} step="0.01" value={v.budget} onChange={(e) => set("budget", e.target.value)} />
          </Field>
        </div>
        {v.channels.length > 0 && (
          <fieldset className="mt-3">
            <legend className="text-sm font-medium text-slate-700">{t("costPerContact")}</legend>
            <div className="mt-1 flex flex-wrap gap-3">
              {v.channels.map((c) => (
                <Field key={c} id={`cost-${c}`} label={te(`campaignChannel.${c}`)} error={fieldError(`channelCosts.${c}`)} className="w-40">
                  <TextInput
                    type="number"
                    min={0}
                    step="0.01"
                    value={v.channelCosts[c]}
                    onChange={(e) => set("channelCosts", { ...v.channelCosts, [c]: e.target.value })}
                  />
                </Field>
              ))}
            </div>
          </fieldset>
        )}
        {hasCall && (
          <div className="mt-3 grid gap-3 lg:grid-cols-2">
            <Field id="callTeamId" label={t("callTeam")} error={field("callTeamId")} required>
              <Select
                value={v.callTeamId}
                placeholder={t("choose")}
                onChange={(e) => set("callTeamId", e.target.value)}
                options={options.teams.map((tm) => ({ value: tm.id, label: name(tm) }))}
              />
            </Field>
            <Field id="callSkill" label={t("callSkill")} hint={t("callSkillHint")} error={field("callSkill")}>
              <Select
                value={v.callSkill}
                onChange={(e) => set("callSkill", e.target.value)}
                options={[{ value: "", label: t("anySkill") }, ...options.skills.map((s) => ({ value: s, label: s }))]}
              />
            </Field>
          </div>
        )}
      </Section>

      <Section title={t("offer")}>
        <div className="grid gap-3 lg:grid-cols-2">
          <Field id="offerMode" label={t("offerMode")} error={field("offerMode")}>
            <Select
              value={v.offerMode}
              onChange={(e) => set("offerMode", e.target.value as CampaignFormValues["offerMode"])}
              options={OFFER_MODES.map((m) => ({ value: m, label: te(`offerMode.${m}`) }))}
            />
          </Field>
          {v.offerMode === "FIXED" && (
            <Field id="offerRuleId" label={t("offerRule")} error={field("offerRuleId")} required>
              <Select
                value={v.offerRuleId}
                placeholder={t("choose")}
                onChange={(e) => set("offerRuleId", e.target.value)}
                options={options.offers.map((o) => ({ value: o.id, label: name(o) }))}
              />
            </Field>
          )}
        </div>
      </Section>

      <Section title={t("content")} description={t("placeholdersHint", { list: PLACEHOLDERS.map((p) => `{${p}}`).join(" ") })}>
        <div className="grid gap-3 lg:grid-cols-2">
          {hasCall && (
            <>
              <Field id="scriptZh" label={t("scriptZh")} error={liveError("scriptZh")}>
                <TextArea rows={4} maxLength={4000} value={v.scriptZh} onChange={(e) => set("scriptZh", e.target.value)} />
              </Field>
              <Field id="scriptEn" label={t("scriptEn")} error={liveError("scriptEn")}>
                <TextArea rows={4} maxLength={4000} value={v.scriptEn} onChange={(e) => set("scriptEn", e.target.value)} />
              </Field>
            </>
          )}
          {hasEmail && (
            <>
              <Field id="emailSubjectZh" label={t("emailSubjectZh")} error={liveError("emailSubjectZh")} required>
                <TextInput maxLength={200} value={v.emailSubjectZh} onChange={(e) => set("emailSubjectZh", e.target.value)} />
              </Field>
              <Field id="emailSubjectEn" label={t("emailSubjectEn")} error={liveError("emailSubjectEn")} required>
                <TextInput maxLength={200} value={v.emailSubjectEn} onChange={(e) => set("emailSubjectEn", e.target.value)} />
              </Field>
            </>
          )}
          {hasMessage && (
            <>
              <Field id="messageZh" label={t("messageZh")} error={liveError("messageZh")} required>
                <TextArea rows={3} maxLength={1000} value={v.messageZh} onChange={(e) => set("messageZh", e.target.value)} />
              </Field>
              <Field id="messageEn" label={t("messageEn")} error={liveError("messageEn")} required>
                <TextArea rows={3} maxLength={1000} value={v.messageEn} onChange={(e) => set("messageEn", e.target.value)} />
              </Field>
            </>
          )}
          {!hasCall && !hasMessage && <p className="text-sm text-slate-600">{t("chooseChannelsFirst")}</p>}
        </div>
        {(hasCall || hasMessage) && (
          <div className="mt-3 rounded border border-slate-200 bg-slate-50 p-3 text-sm" aria-live="polite" data-testid="campaign-preview">
            <h3 className="font-medium text-slate-700">{t("preview")}</h3>
            <dl className="mt-1 grid gap-x-4 gap-y-1 lg:grid-cols-[max-content_1fr]">
              {hasCall && (
                <>
                  <dt className="text-slate-500">{t("scriptZh")}</dt>
                  <dd className="whitespace-pre-wrap">{preview.zh.script || "—"}</dd>
                  <dt className="text-slate-500">{t("scriptEn")}</dt>
                  <dd className="whitespace-pre-wrap">{preview.en.script || "—"}</dd>
                </>
              )}
              {hasMessage && (
                <>
                  <dt className="text-slate-500">{t("messageZh")}</dt>
                  <dd className="whitespace-pre-wrap">{preview.zh.message || "—"}</dd>
                  <dt className="text-slate-500">{t("messageEn")}</dt>
                  <dd className="whitespace-pre-wrap">{preview.en.message || "—"}</dd>
                </>
              )}
            </dl>
          </div>
        )}
      </Section>

      <Section title={t("success")}>
        <div className="grid gap-3 lg:grid-cols-2">
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">
              {t("successKinds")}{" "}
              <span className="text-bad" aria-hidden>
                *
              </span>
            </legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {CONVERSION_KINDS.map((k) => (
                <Field key={k} id={`kind-${k}`} label={te(`conversionKind.${k}`)} inline>
                  <Checkbox
                    checked={v.successKinds.includes(k)}
                    onChange={(e) =>
                      set(
                        "successKinds",
                        e.target.checked ? CONVERSION_KINDS.filter((x) => x === k || v.successKinds.includes(x)) : v.successKinds.filter((x) => x !== k),
                      )
                    }
                  />
                </Field>
              ))}
            </div>
            {fieldError("successKinds") && <p className="mt-1 text-sm text-bad">{fieldError("successKinds")}</p>}
          </fieldset>
          <Field id="successWindowDays" label={t("successWindowDays")} error={field("successWindowDays")} required>
            <TextInput type="number" min={1} max={365} value={v.successWindowDays} onChange={(e) => set("successWindowDays", e.target.value)} />
          </Field>
          {v.successKinds.includes("PLAN_CHANGE") && (
            <Field id="successPlanIds" label={t("successPlans")} hint={t("successPlansHint")} error={field("successPlanIds")}>
              <MultiSelect
                label={t("successPlans")}
                value={v.successPlanIds}
                onChange={(p) => set("successPlanIds", p)}
                placeholder={t("anyHigherPlan")}
                options={options.plans.map((p) => ({ value: String(p.id), label: name(p) }))}
              />
            </Field>
          )}
          {v.successKinds.includes("SPEND_INCREASE") && (
            <Field id="spendIncreasePct" label={t("spendIncreasePct")} error={field("spendIncreasePct")}>
              <TextInput type="number" min={0} max={500} value={v.spendIncreasePct} onChange={(e) => set("spendIncreasePct", e.target.value)} />
            </Field>
          )}
        </div>
      </Section>

      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" pending={pending}>
          {edit ? t("save") : t("create")}
        </Button>
        <ButtonLink href={edit ? `/campaigns/${edit.id}` : "/campaigns"} variant="ghost">
          {t("cancel")}
        </ButtonLink>
      </div>
    </form>
  );
}

"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { createRuleAction, updateRuleAction } from "@/app/(app)/automation/actions";
import { createCareRuleAction, updateCareRuleAction } from "@/app/(app)/admin/care/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { MultiSelect } from "@/components/ui/multi-select";
import { useAction } from "@/components/ui/use-action";
import {
  AUTOMATION_TRIGGERS,
  CARE_RULE_TASK_KINDS,
  PURPOSE_ACTIONS,
  type AutomationPurposeName,
  CALL_TASK_NOTE_MAX,
  MESSAGE_MAX,
  TRIGGER_DEFS,
  VALUE_TIERS,
  type AutomationActionName,
  type AutomationTriggerName,
} from "@/lib/automation/schemas";
import { MESSAGE_CHANNELS, type MessageChannelName } from "@/lib/marketing/schemas";
import { PLACEHOLDERS, unknownPlaceholders } from "@/lib/marketing/template";
import type { RuleFormOptions } from "@/lib/automation/rule-queries";

export interface RuleFormInitial {
  id: number;
  version: number;
  name: string;
  trigger: AutomationTriggerName;
  triggerParam: number;
  segmentId: number | null;
  tiers: string[];
  action: AutomationActionName;
  actionParams: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? String(v) : "");

/** Trigger → conditions → action: a new rule, or an edit of a draft or paused one. */
export function RuleForm({ options, initial, purpose = "MARKETING" }: { options: RuleFormOptions; initial?: RuleFormInitial; purpose?: AutomationPurposeName }) {
  const t = useTranslations("automation.form");
  const te = useTranslations("enums");
  const locale = useLocale();
  const router = useRouter();
  const p = initial?.actionParams ?? {};
  const [name, setName] = useState(initial?.name ?? "");
  const [trigger, setTrigger] = useState<AutomationTriggerName>(initial?.trigger ?? "CONTRACT_ENDING");
  const [param, setParam] = useState(String(initial?.triggerParam || TRIGGER_DEFS[initial?.trigger ?? "CONTRACT_ENDING"].param?.default || ""));
  const [segmentId, setSegmentId] = useState(initial?.segmentId ? String(initial.segmentId) : "");
  const [tiers, setTiers] = useState<string[]>(initial?.tiers ?? []);
  const actions = PURPOSE_ACTIONS[purpose];
  const base = purpose === "CARE" ? "/admin/care/rules" : "/automation";
  const [action, setAction] = useState<AutomationActionName>(initial?.action ?? actions[0]);
  const [careKind, setCareKind] = useState(str(p.kind) || "CONTRACT_EXPIRY");
  const [pointsSource, setPointsSource] = useState(str(p.source) || "FIXED");
  const [points, setPoints] = useState(num(p.points));
  const [teamId, setTeamId] = useState(num(p.teamId));
  const [note, setNote] = useState(str(p.note));
  const [channel, setChannel] = useState<MessageChannelName>((str(p.channel) as MessageChannelName) || "SMS");
  const [messageZh, setMessageZh] = useState(str(p.messageZh));
  const [messageEn, setMessageEn] = useState(str(p.messageEn));
  const [subjectZh, setSubjectZh] = useState(str(p.subjectZh));
  const [subjectEn, setSubjectEn] = useState(str(p.subjectEn));
  const [campaignId, setCampaignId] = useState(num(p.campaignId));

  const onSaved = (d: { id: number }) => router.push(`${base}/${d.id}`);
  const create = useAction(purpose === "CARE" ? createCareRuleAction : createRuleAction, { success: t("saved"), onSuccess: onSaved, refresh: false });
  const update = useAction(purpose === "CARE" ? updateCareRuleAction : updateRuleAction, { success: t("saved"), onSuccess: onSaved, refresh: false });
  const { pending, error, fieldError } = initial ? update : create;

  const paramDef = TRIGGER_DEFS[trigger].param;
  const actionParams =
    action === "CALL_TASK"
      ? { teamId: Number(teamId) || 0, note }
      : action === "SEND_MESSAGE"
        ? { channel, messageZh, messageEn, subjectZh: channel === "EMAIL" ? subjectZh : "", subjectEn: channel === "EMAIL" ? subjectEn : "" }
        : action === "CARE_TASK"
          ? { teamId: Number(teamId) || 0, kind: careKind, note }
          : action === "GRANT_POINTS"
            ? { source: pointsSource, points: Number(points) || 0 }
            : { campaignId: Number(campaignId) || 0 };
  const rule = {
    name,
    trigger,
    triggerParam: paramDef ? Number(param) || 0 : 0,
    conditions: { segmentId: segmentId ? Number(segmentId) : null, tiers },
    action,
    actionParams,
  };
  const save = () => (initial ? update.run({ ...rule, id: initial.id, version: initial.version }) : create.run(rule));
  // Unknown placeholders are said at once (the server refuses them too).
  const typo = (text: string) => {
    const unknown = unknownPlaceholders(text);
    return unknown.length ? t("unknownPlaceholders", { names: unknown.map((u) => `{${u}}`).join(", ") }) : undefined;
  };
  const err = (f: string, text?: string) => fieldError(f) ?? (text !== undefined ? typo(text) : undefined);
  const teamName = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      aria-label={initial ? t("editTitle") : t("newTitle")}
    >
      {error && <Alert tone="error">{error}</Alert>}
      <Card className="space-y-3 p-4">
        <Field id="rule-name" label={t("name")} error={fieldError("name")} required>
          <TextInput value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder={t("namePlaceholder")} />
        </Field>
      </Card>
      <Card className="space-y-3 p-4">
        <h2 className="text-sm font-semibold">{t("when")}</h2>
        <div className="flex flex-wrap gap-3">
          <Field id="rule-trigger" label={t("trigger")} error={fieldError("trigger")} className="w-72" required>
            <Select
              value={trigger}
              onChange={(e) => {
                const next = e.target.value as AutomationTriggerName;
                setTrigger(next);
                setParam(String(TRIGGER_DEFS[next].param?.default ?? ""));
              }}
              options={AUTOMATION_TRIGGERS.map((v) => ({ value: v, label: te(`automationTrigger.${v}`) }))}
            />
          </Field>
          {paramDef && (
            <Field
              id="rule-param"
              label={t(`param.${paramDef.unit}`)}
              hint={t("paramRange", { min: paramDef.min, max: paramDef.max })}
              error={fieldError("triggerParam")}
              className="w-48"
              required
            >
              <TextInput type="number" inputMode="numeric" min={paramDef.min} max={paramDef.max} value={param} onChange={(e) => setParam(e.target.value)} />
            </Field>
          )}
        </div>
        <p className="text-xs text-slate-600">{t(`triggerHint.${trigger}`)}</p>
      </Card>
      <Card className="space-y-3 p-4">
        <h2 className="text-sm font-semibold">{t("who")}</h2>
        <div className="flex flex-wrap gap-3">
          <Field id="rule-segment" label={t("segment")} error={fieldError("conditions.segmentId")} className="w-72">
            <Select
              value={segmentId}
              onChange={(e) => setSegmentId(e.target.value)}
              options={[{ value: "", label: t("anySegment") }, ...options.segments.map((s) => ({ value: String(s.id), label: s.name }))]}
            />
          </Field>
          <Field id="rule-tiers" label={t("tiers")} error={fieldError("conditions.tiers")} className="w-72">
            <MultiSelect
              label={t("tiers")}
              options={VALUE_TIERS.map((v) => ({ value: v, label: te(`valueTier.${v}`) }))}
              value={tiers}
              onChange={setTiers}
              placeholder={t("anyTier")}
            />
          </Field>
        </div>
        <p className="text-xs text-slate-600">{t("consentAlways")}</p>
      </Card>
      <Card className="space-y-3 p-4">
        <h2 className="text-sm font-semibold">{t("then")}</h2>
        <Field id="rule-action" label={t("action")} error={fieldError("action")} className="w-72" required>
          <Select
            value={action}
            onChange={(e) => setAction(e.target.value as AutomationActionName)}
            options={actions.map((v) => ({ value: v, label: te(`automationAction.${v}`) }))}
          />
        </Field>
        {action === "CARE_TASK" && (
          <div className="space-y-2">
            <div className="flex flex-wrap gap-3">
              <Field id="rule-team" label={t("team")} error={fieldError("actionParams.teamId")} className="w-72" required>
                <Select
                  value={teamId}
                  onChange={(e) => setTeamId(e.target.value)}
                  placeholder={t("chooseTeam")}
                  options={options.teams.map((x) => ({ value: String(x.id), label: teamName(x) }))}
                />
              </Field>
              <Field id="rule-care-kind" label={t("careKind")} error={fieldError("actionParams.kind")} className="w-64" required>
                <Select value={careKind} onChange={(e) => setCareKind(e.target.value)} options={CARE_RULE_TASK_KINDS.map((v) => ({ value: v, label: te(`careTaskKind.${v}`) }))} />
              </Field>
              <Field id="rule-note" label={t("note")} error={fieldError("actionParams.note")} className="min-w-72 flex-1" required>
                <TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={CALL_TASK_NOTE_MAX} rows={2} />
              </Field>
            </div>
            <p className="text-xs text-slate-600">{t("careTaskHint")}</p>
          </div>
        )}
        {action === "GRANT_POINTS" && (
          <div className="flex flex-wrap gap-3">
            <Field id="rule-points-source" label={t("pointsSource")} error={fieldError("actionParams.source")} className="w-96" required>
              <Select
                value={pointsSource}
                onChange={(e) => setPointsSource(e.target.value)}
                options={[
                  { value: "FIXED", label: t("pointsFixed") },
                  { value: "GRADE_BIRTHDAY", label: t("pointsGradeBirthday") },
                ]}
              />
            </Field>
            {pointsSource === "FIXED" && (
              <Field id="rule-points" label={t("points")} error={fieldError("actionParams.points")} className="w-40" required>
                <TextInput type="number" inputMode="numeric" min={1} max={100000} value={points} onChange={(e) => setPoints(e.target.value)} />
              </Field>
            )}
          </div>
        )}
        {action === "CALL_TASK" && (
          <div className="flex flex-wrap gap-3">
            <Field id="rule-team" label={t("team")} error={fieldError("actionParams.teamId")} className="w-72" required>
              <Select
                value={teamId}
                onChange={(e) => setTeamId(e.target.value)}
                placeholder={t("chooseTeam")}
                options={options.teams.map((x) => ({ value: String(x.id), label: teamName(x) }))}
              />
            </Field>
            <Field id="rule-note" label={t("note")} hint={t("noteHint")} error={fieldError("actionParams.note")} className="min-w-72 flex-1" required>
              <TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={CALL_TASK_NOTE_MAX} rows={2} />
            </Field>
          </div>
        )}
        {action === "SEND_MESSAGE" && (
          <div className="space-y-3">
            <Field id="rule-channel" label={t("channel")} error={fieldError("actionParams.channel")} className="w-72" required>
              <Select
                value={channel}
                onChange={(e) => setChannel(e.target.value as MessageChannelName)}
                options={MESSAGE_CHANNELS.map((v) => ({ value: v, label: te(`campaignChannel.${v}`) }))}
              />
            </Field>
            <p className="text-xs text-slate-600">{t("placeholders", { list: PLACEHOLDERS.map((x) => `{${x}}`).join(" ") })}</p>
            {channel === "EMAIL" && (
              <div className="grid gap-3 lg:grid-cols-2">
                <Field id="rule-subject-zh" label={t("subjectZh")} error={err("actionParams.subjectZh", subjectZh)}>
                  <TextInput value={subjectZh} onChange={(e) => setSubjectZh(e.target.value)} maxLength={120} />
                </Field>
                <Field id="rule-subject-en" label={t("subjectEn")} error={err("actionParams.subjectEn", subjectEn)}>
                  <TextInput value={subjectEn} onChange={(e) => setSubjectEn(e.target.value)} maxLength={120} />
                </Field>
              </div>
            )}
            <div className="grid gap-3 lg:grid-cols-2">
              <Field id="rule-message-zh" label={t("messageZh")} error={err("actionParams.messageZh", messageZh)} required>
                <TextArea value={messageZh} onChange={(e) => setMessageZh(e.target.value)} maxLength={MESSAGE_MAX} rows={3} />
              </Field>
              <Field id="rule-message-en" label={t("messageEn")} error={err("actionParams.messageEn", messageEn)} required>
                <TextArea value={messageEn} onChange={(e) => setMessageEn(e.target.value)} maxLength={MESSAGE_MAX} rows={3} />
              </Field>
            </div>
          </div>
        )}
        {action === "ENROL_CAMPAIGN" && (
          <Field id="rule-campaign" label={t("campaign")} hint={t("campaignHint")} error={fieldError("actionParams.campaignId")} className="w-96" required>
            <Select
              value={campaignId}
              onChange={(e) => setCampaignId(e.target.value)}
              placeholder={options.campaigns.length ? t("chooseCampaign") : t("noCampaigns")}
              options={options.campaigns.map((c) => ({ value: String(c.id), label: `${c.name} (${te(`campaignStatus.${c.status}`)})` }))}
            />
          </Field>
        )}
      </Card>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" pending={pending}>
          {initial ? t("saveChanges") : t("create")}
        </Button>
        <ButtonLink href={initial ? `${base}/${initial.id}` : purpose === "CARE" ? "/admin/care" : "/automation"} variant="ghost">
          {t("cancel")}
        </ButtonLink>
      </div>
      <p className="text-xs text-slate-600">{t("draftHint")}</p>
    </form>
  );
}

"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { createScriptAction, setScriptActiveAction, updateScriptAction } from "@/app/(app)/admin/scripts/actions";
import { renderScript, SCRIPT_PLACEHOLDERS, unknownPlaceholders, type ScriptValues } from "@/lib/scripts/placeholders";
import { SCRIPT_STAGES, type ScriptStageName } from "@/lib/scripts/schemas";
import { Alert } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

export interface ScriptTargets {
  categories: Array<{ id: number; label: string }>;
  campaigns: Array<{ id: number; label: string }>;
}

export interface EditableScript {
  id: number;
  version: number;
  stage: ScriptStageName;
  complaintCategoryId: number | null;
  campaignId: number | null;
  nameZh: string;
  nameEn: string;
  bodyZh: string;
  bodyEn: string;
  sortOrder: number;
  isActive: boolean;
}

type Draft = Omit<EditableScript, "id" | "version" | "complaintCategoryId" | "campaignId"> & { complaintCategoryId: string; campaignId: string };

/** A fictional sample customer for the preview (never a real one: an admin sees no subscriber data here). */
const SAMPLE: Record<"zh" | "en", ScriptValues> = {
  zh: {
    customerName: "李先生",
    msisdn: "138****5678",
    agentName: "王芳",
    planName: "5G畅享套餐",
    complaintNo: "TS202612070001",
    categoryName: "宽带故障",
    dueAt: "2026年12月9日 18:00",
    campaignName: "千兆宽带升级",
    offerName: "宽带提速半年免费",
  },
  en: {
    customerName: "Mr Li",
    msisdn: "138****5678",
    agentName: "Wang Fang",
    planName: "5G Unlimited",
    complaintNo: "TS202612070001",
    categoryName: "Broadband fault",
    dueAt: "9 Dec 2026, 18:00",
    campaignName: "Gigabit upgrade",
    offerName: "Six months' free speed boost",
  },
};

function Preview({ body, lang }: { body: string; lang: "zh" | "en" }) {
  const t = useTranslations("scripts.admin");
  const tp = useTranslations("scripts.placeholder");
  return (
    <div>
      <h4 className="text-xs font-medium text-slate-600">{lang === "zh" ? t("previewZh") : t("previewEn")}</h4>
      <blockquote className="mt-1 min-h-10 rounded border-l-4 border-brand-600 bg-slate-50 px-3 py-2 text-sm leading-relaxed break-words whitespace-pre-line">
        {body.trim()
          ? renderScript(body, SAMPLE[lang]).map((s, i) =>
              s.kind === "text" ? (
                <span key={i}>{s.text}</span>
              ) : s.kind === "value" ? (
                <strong key={i} className="font-semibold text-brand-700">
                  {s.text}
                </strong>
              ) : (
                <span key={i}>{tp(s.name)}</span>
              ),
            )
          : t("previewEmpty")}
      </blockquote>
    </div>
  );
}

/** The create / edit form: both languages side by side, the live preview with a sample customer under each. */
function ScriptForm({
  formId,
  initial,
  targets,
  fieldError,
}: {
  formId: string;
  initial: Draft;
  targets: ScriptTargets;
  fieldError: (n: string) => string | undefined;
}) {
  const t = useTranslations("scripts.admin");
  const te = useTranslations("enums.scriptStage");
  const [d, setD] = useState(initial);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const unknownZh = unknownPlaceholders(d.bodyZh);
  const unknownEn = unknownPlaceholders(d.bodyEn);
  const p = (n: string) => `${formId}-${n}`;
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={p("stage")} label={t("stage")} error={fieldError("stage")} required>
          <Select
            name="stage"
            value={d.stage}
            onChange={(e) => set("stage", e.target.value as ScriptStageName)}
            options={SCRIPT_STAGES.map((s) => ({ value: s, label: te(s) }))}
          />
        </Field>
        {d.stage === "CAMPAIGN" ? (
          <Field id={p("campaignId")} label={t("campaign")} hint={t("campaignHint")} error={fieldError("campaignId")}>
            <Select
              name="campaignId"
              value={d.campaignId}
              onChange={(e) => set("campaignId", e.target.value)}
              placeholder={t("general")}
              options={targets.campaigns.map((c) => ({ value: String(c.id), label: c.label }))}
            />
          </Field>
        ) : (
          <Field id={p("complaintCategoryId")} label={t("category")} hint={t("categoryHint")} error={fieldError("complaintCategoryId")}>
            <Select
              name="complaintCategoryId"
              value={d.complaintCategoryId}
              onChange={(e) => set("complaintCategoryId", e.target.value)}
              placeholder={t("general")}
              options={targets.categories.map((c) => ({ value: String(c.id), label: c.label }))}
            />
          </Field>
        )}
        <Field id={p("sortOrder")} label={t("sortOrder")} error={fieldError("sortOrder")}>
          <TextInput
            name="sortOrder"
            type="number"
            min={0}
            max={9999}
            value={d.sortOrder}
            onChange={(e) => set("sortOrder", Number(e.target.value))}
            className="text-right tabular-nums"
          />
        </Field>
      </div>
      {d.stage === "CAMPAIGN" ? <input type="hidden" name="complaintCategoryId" value="" /> : <input type="hidden" name="campaignId" value="" />}
      <div className="grid gap-3 md:grid-cols-2">
        <div className="space-y-3">
          <Field id={p("nameZh")} label={t("nameZh")} error={fieldError("nameZh")} required>
            <TextInput name="nameZh" maxLength={80} value={d.nameZh} onChange={(e) => set("nameZh", e.target.value)} />
          </Field>
          <Field
            id={p("bodyZh")}
            label={t("bodyZh")}
            error={fieldError("bodyZh") ?? (unknownZh.length ? t("unknown", { names: unknownZh.join(", ") }) : undefined)}
            required
          >
            <TextArea name="bodyZh" rows={4} maxLength={2000} value={d.bodyZh} onChange={(e) => set("bodyZh", e.target.value)} />
          </Field>
          <Preview body={d.bodyZh} lang="zh" />
        </div>
        <div className="space-y-3">
          <Field id={p("nameEn")} label={t("nameEn")} error={fieldError("nameEn")} required>
            <TextInput name="nameEn" maxLength={120} value={d.nameEn} onChange={(e) => set("nameEn", e.target.value)} />
          </Field>
          <Field
            id={p("bodyEn")}
            label={t("bodyEn")}
            error={fieldError("bodyEn") ?? (unknownEn.length ? t("unknown", { names: unknownEn.join(", ") }) : undefined)}
            required
          >
            <TextArea name="bodyEn" rows={4} maxLength={2000} value={d.bodyEn} onChange={(e) => set("bodyEn", e.target.value)} />
          </Field>
          <Preview body={d.bodyEn} lang="en" />
        </div>
      </div>
      <p className="text-xs text-slate-500">
        {t("placeholders")} {SCRIPT_PLACEHOLDERS.map((n) => `{${n}}`).join(" ")}
      </p>
      <Field id={p("isActive")} label={t("active")} inline>
        <Checkbox name="isActive" checked={d.isActive} onChange={(e) => set("isActive", e.target.checked)} />
      </Field>
    </div>
  );
}

const EMPTY: Draft = {
  stage: "GREETING",
  complaintCategoryId: "",
  campaignId: "",
  nameZh: "",
  nameEn: "",
  bodyZh: "",
  bodyEn: "",
  sortOrder: 100,
  isActive: true,
};

/** A new script. */
export function NewScriptForm({ targets }: { targets: ScriptTargets }) {
  const t = useTranslations("scripts.admin");
  const [key, setKey] = useState(0);
  const { run, pending, error, fieldError } = useAction(createScriptAction, { success: t("created"), onSuccess: () => setKey((k) => k + 1) });
  return (
    <form
      aria-label={t("newTitle")}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run(new FormData(e.currentTarget));
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !pending) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
      className="space-y-3"
    >
      {error && <Alert tone="error">{error}</Alert>}
      <ScriptForm key={key} formId="new-script" initial={EMPTY} targets={targets} fieldError={fieldError} />
      <Button type="submit" variant="primary" pending={pending}>
        {t("create")}
      </Button>
    </form>
  );
}

/** Edit one script in a dialog (the version it was read at goes along: a stale one is refused). */
export function EditScriptDialog({ script, name, targets }: { script: EditableScript; name: string; targets: ScriptTargets }) {
  const t = useTranslations("scripts.admin");
  const formId = `edit-script-${script.id}`;
  const [open, setOpen] = useState(false);
  const { run, pending, error, fieldError } = useAction(updateScriptAction, { success: t("saved"), onSuccess: () => setOpen(false) });
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      size="lg"
      title={t("editTitle", { name })}
      trigger={
        <Button size="sm" variant="ghost" aria-label={t("editLabel", { name })}>
          {t("edit")}
        </Button>
      }
      footer={<DialogFooter submitLabel={t("save")} form={formId} pending={pending} />}
    >
      <form
        id={formId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          f.set("id", String(script.id));
          f.set("version", String(script.version));
          void run(f);
        }}
      >
        {error && <Alert tone="error">{error}</Alert>}
        <ScriptForm
          formId={formId}
          initial={{
            ...script,
            complaintCategoryId: script.complaintCategoryId ? String(script.complaintCategoryId) : "",
            campaignId: script.campaignId ? String(script.campaignId) : "",
          }}
          targets={targets}
          fieldError={fieldError}
        />
      </form>
    </Dialog>
  );
}

/** Deactivate (agents stop seeing it) or activate again. */
export function ScriptActiveButton({ script, name }: { script: { id: number; version: number; isActive: boolean }; name: string }) {
  const t = useTranslations("scripts.admin");
  const { run, pending } = useAction(setScriptActiveAction, { success: script.isActive ? t("deactivated") : t("activated") });
  return (
    <Button
      size="sm"
      variant="ghost"
      pending={pending}
      aria-label={script.isActive ? t("deactivateLabel", { name }) : t("activateLabel", { name })}
      onClick={() => void run({ id: script.id, version: script.version, isActive: !script.isActive })}
    >
      {script.isActive ? t("deactivate") : t("activate")}
    </Button>
  );
}

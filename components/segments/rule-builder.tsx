"use client";

import { useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { countSegmentAction, saveSegmentAction, updateSegmentAction } from "@/app/(app)/segments/actions";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { MultiSelect } from "@/components/ui/multi-select";
import { useAction } from "@/components/ui/use-action";
import { cityLabel } from "@/lib/i18n/cities";
import { EMPTY_RULES, MAX_DEPTH, OPERATORS, SEGMENT_FIELDS, SEGMENT_FIELD_KEYS, segmentRules, type Condition, type Group, type SegmentField } from "@/lib/segments/rules";

type Options = { cities: string[]; plans: Array<{ code: string; nameZh: string; nameEn: string }> };

function defaultCondition(field: SegmentField, options: Options): Condition {
  const spec = SEGMENT_FIELDS[field] as { type: string; options?: readonly string[] };
  switch (spec.type) {
    case "number":
      return { kind: "condition", field, op: "gte", value: 0 };
    case "enum":
      return { kind: "condition", field, op: "in", value: [spec.options![0]] };
    case "boolean":
      return { kind: "condition", field, op: "is", value: true };
    case "complaints":
      return { kind: "condition", field, op: "atLeast", value: { count: 1, days: 90 } };
    default:
      if (field === "city") return { kind: "condition", field, op: "eq", value: options.cities[0] ?? "" };
      if (field === "plan") return { kind: "condition", field, op: "in", value: [options.plans[0]?.code ?? ""] };
      return { kind: "condition", field, op: "eq", value: "" };
  }
}

function valueForOp(c: Condition, op: string): unknown {
  const type = SEGMENT_FIELDS[c.field].type;
  if (type === "number") {
    const base = Array.isArray(c.value) ? Number(c.value[0]) : Number(c.value);
    return op === "between" ? [base, base] : base;
  }
  if (type === "text") {
    const list = Array.isArray(c.value) ? (c.value as string[]) : [String(c.value ?? "")];
    return op === "in" || op === "notIn" ? list : (list[0] ?? "");
  }
  return c.value;
}

/** A number box of the builder's rows (no counter: the values are short). */
function NumberInput({ value, onChange, className, ...rest }: { value: number; onChange: (n: number) => void; className: string; id?: string; "aria-label"?: string; min?: number; max?: number }) {
  return <TextInput type="number" value={value} onChange={(e) => onChange(Number(e.target.value))} className={className} {...rest} />;
}

function ConditionEditor({ c, onChange, onRemove, options }: { c: Condition; onChange: (c: Condition) => void; onRemove: () => void; options: Options }) {
  const t = useTranslations("segments.builder");
  const locale = useLocale();
  const id = useId();
  const spec = SEGMENT_FIELDS[c.field] as { type: keyof typeof OPERATORS; options?: readonly string[] };
  const ops = OPERATORS[spec.type];
  const multi = c.op === "in" || c.op === "notIn";
  const choiceOptions: Array<{ value: string; label: string }> | null =
    spec.type === "enum"
      ? spec.options!.map((o) => ({ value: o, label: t(`option.${c.field}.${o}`) }))
      : c.field === "city"
        ? options.cities.map((x) => ({ value: x, label: cityLabel(x, locale) }))
        : c.field === "plan"
          ? options.plans.map((p) => ({ value: p.code, label: `${locale === "en" ? p.nameEn : p.nameZh} (${p.code})` }))
          : null;

  let valueInput: React.ReactNode;
  if (spec.type === "number" && c.op === "between") {
    const [a, b] = c.value as [number, number];
    valueInput = (
      <>
        <NumberInput aria-label={t("from")} className="w-24" value={a} onChange={(n) => onChange({ ...c, value: [n, b] })} />
        <NumberInput aria-label={t("to")} className="w-24" value={b} onChange={(n) => onChange({ ...c, value: [a, n] })} />
      </>
    );
  } else if (spec.type === "number") {
    valueInput = (
      <>
        <NumberInput aria-label={t("value")} className="w-28" value={Number(c.value)} onChange={(n) => onChange({ ...c, value: n })} />
        <span className="text-xs text-slate-500">{t(`unit.${c.field}`)}</span>
      </>
    );
  } else if (spec.type === "boolean") {
    valueInput = (
      <Select
        aria-label={t("value")}
        className="w-auto"
        value={String(c.value)}
        onChange={(e) => onChange({ ...c, value: e.target.value === "true" })}
        options={[
          { value: "true", label: t("yes") },
          { value: "false", label: t("no") },
        ]}
      />
    );
  } else if (spec.type === "complaints") {
    const v = c.value as { count: number; days: number };
    valueInput = (
      <>
        <label htmlFor={`${id}-n`} className="text-xs">
          {t("complaintCount")}
        </label>
        <NumberInput id={`${id}-n`} min={1} className="w-16" value={v.count} onChange={(n) => onChange({ ...c, value: { ...v, count: n } })} />
        <label htmlFor={`${id}-d`} className="text-xs">
          {t("complaintDays")}
        </label>
        <NumberInput id={`${id}-d`} min={1} max={365} className="w-16" value={v.days} onChange={(n) => onChange({ ...c, value: { ...v, days: n } })} />
      </>
    );
  } else if (choiceOptions && multi) {
    valueInput = <MultiSelect label={t("value")} className="min-w-40" value={c.value as string[]} onChange={(v) => onChange({ ...c, value: v })} options={choiceOptions} />;
  } else if (choiceOptions && c.field === "city" && c.op !== "startsWith") {
    valueInput = <Select aria-label={t("value")} className="w-auto min-w-40" value={String(c.value)} onChange={(e) => onChange({ ...c, value: e.target.value })} options={choiceOptions} />;
  } else {
    const text = Array.isArray(c.value) ? (c.value as string[]).join(", ") : String(c.value ?? "");
    valueInput = (
      <TextInput
        aria-label={t("value")}
        className="w-40"
        value={text}
        placeholder={multi ? t("commaSeparated") : undefined}
        onChange={(e) =>
          onChange({
            ...c,
            value: multi
              ? e.target.value
                  .split(/[,，]/)
                  .map((s) => s.trim())
                  .filter(Boolean)
              : e.target.value,
          })
        }
      />
    );
  }

  return (
    <li className="flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-white p-2">
      <Select
        aria-label={t("attribute")}
        className="w-auto"
        value={c.field}
        onChange={(e) => onChange(defaultCondition(e.target.value as SegmentField, options))}
        options={SEGMENT_FIELD_KEYS.map((f) => ({ value: f, label: t(`field.${f}`) }))}
      />
      <Select aria-label={t("operator")} className="w-auto" value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value, value: valueForOp(c, e.target.value) })} options={ops.map((o) => ({ value: o, label: t(`op.${o}`) }))} />
      {valueInput}
      <Button variant="ghost" onClick={onRemove} className="ml-auto" aria-label={t("removeCondition")}>
        ×
      </Button>
    </li>
  );
}

function GroupEditor({ g, depth, onChange, onRemove, options }: { g: Group; depth: number; onChange: (g: Group) => void; onRemove?: () => void; options: Options }) {
  const t = useTranslations("segments.builder");
  const id = useId();
  const setChild = (i: number, child: Condition | Group | null) => {
    const children = [...g.children];
    if (child) children[i] = child;
    else children.splice(i, 1);
    onChange({ ...g, children });
  };
  return (
    <fieldset className={`space-y-2 rounded border p-2 ${depth > 1 ? "border-dashed border-slate-300 bg-slate-50" : "border-slate-200 bg-white"}`}>
      <legend className="flex items-center gap-2 px-1 text-sm">
        <label htmlFor={`${id}-c`}>{depth === 1 ? t("match") : t("subgroupMatch")}</label>
        <Select
          id={`${id}-c`}
          className="w-auto"
          value={g.combinator}
          onChange={(e) => onChange({ ...g, combinator: e.target.value as "AND" | "OR" })}
          options={[
            { value: "AND", label: t("all") },
            { value: "OR", label: t("any") },
          ]}
        />
      </legend>
      <ul className="space-y-2">
        {g.children.map((child, i) =>
          child.kind === "group" ? (
            <li key={i}>
              <GroupEditor g={child} depth={depth + 1} onChange={(x) => setChild(i, x)} onRemove={() => setChild(i, null)} options={options} />
            </li>
          ) : (
            <ConditionEditor key={i} c={child} onChange={(x) => setChild(i, x)} onRemove={() => setChild(i, null)} options={options} />
          ),
        )}
      </ul>
      <div className="flex gap-2">
        <Button onClick={() => onChange({ ...g, children: [...g.children, defaultCondition("tier", options)] })}>{t("addCondition")}</Button>
        {depth < MAX_DEPTH && <Button onClick={() => onChange({ ...g, children: [...g.children, { kind: "group", combinator: "OR", children: [] }] })}>{t("addGroup")}</Button>}
        {onRemove && (
          <Button variant="ghost" onClick={onRemove}>
            {t("removeGroup")}
          </Button>
        )}
      </div>
    </fieldset>
  );
}

/** A saved segment being edited: its rules, texts and the version they were read at. */
export interface SegmentDraft {
  id: number;
  version: number;
  name: string;
  description: string;
  kind: "DYNAMIC" | "STATIC";
  rules: Group;
}

/**
 * The segment builder: nested AND/OR rules, a debounced live count, save as dynamic or static.
 * Given `initial`, it edits that segment (version-checked; its members follow the new rules).
 */
export function RuleBuilder({ options, initial }: { options: Options; initial?: SegmentDraft }) {
  const t = useTranslations("segments.builder");
  const te = useTranslations("errors");
  const router = useRouter();
  const [rules, setRules] = useState<Group>(initial?.rules ?? EMPTY_RULES);
  const update = useAction(updateSegmentAction, { refresh: false, success: (d) => t("updated", { count: d.size }), onSuccess: (d) => router.push(`/segments/${d.id}`) });
  // The last answer and the rules it was for: a newer rule set shows it greyed until its own count arrives.
  const [answer, setAnswer] = useState<{ rules: Group; count: number; ms: number } | { rules: Group; failed: string } | null>(null);
  const save = useAction(saveSegmentAction, { refresh: false, success: (d) => t("saved", { count: d.size }), onSuccess: (d) => router.push(`/segments/${d.id}`) });
  const submit = initial ? update : save;
  const valid = segmentRules.safeParse(rules).success;

  useEffect(() => {
    if (!valid) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const r = await countSegmentAction(rules);
      if (!cancelled) setAnswer(r.ok ? { rules, count: r.data.count, ms: r.data.ms } : { rules, failed: r.error });
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [rules, valid]);
  const stale = answer?.rules !== rules;

  return (
    <div className="space-y-3">
      <GroupEditor g={rules} depth={1} onChange={setRules} options={options} />
      <p className="text-sm" role="status" aria-live="polite" aria-label={t("liveCount")}>
        {!valid ? (
          <span className="text-warn">{t("incomplete")}</span>
        ) : answer && "failed" in answer ? (
          <span className="text-bad">{te.has(answer.failed) ? te(answer.failed) : te("generic")}</span>
        ) : answer ? (
          <span className={stale ? "text-slate-500" : ""} aria-busy={stale}>
            <span data-testid="segment-count" data-stale={stale}>
              {t("matching", { count: answer.count })}
            </span>
            <span className="ml-2 text-xs text-slate-500">{t("countTook", { ms: answer.ms })}</span>
          </span>
        ) : (
          t("counting")
        )}
      </p>
      <Card className="p-3">
        <form
          className="flex flex-wrap items-start gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            if (initial) void update.run({ id: initial.id, version: initial.version, name: form.get("name"), description: form.get("description"), rules });
            else void save.run({ name: form.get("name"), description: form.get("description"), kind: form.get("kind"), rules });
          }}
        >
          <Field id="segment-name" label={t("name")} error={submit.fieldError("name")} required className="w-64">
            <TextInput name="name" maxLength={80} defaultValue={initial?.name} />
          </Field>
          <Field id="segment-description" label={t("description")} error={submit.fieldError("description")} className="w-72">
            <TextInput name="description" maxLength={300} defaultValue={initial?.description} />
          </Field>
          <fieldset className="mt-6 flex items-center gap-3 text-sm" disabled={!!initial}>
            <legend className="sr-only">{t("kind")}</legend>
            {(["DYNAMIC", "STATIC"] as const).map((k) => (
              <label key={k} className="flex items-center gap-1">
                <input type="radio" name="kind" value={k} defaultChecked={k === (initial?.kind ?? "DYNAMIC")} className="accent-brand-600" />
                {t(k === "DYNAMIC" ? "dynamic" : "static")}
              </label>
            ))}
          </fieldset>
          <Button type="submit" variant="primary" pending={submit.pending} disabled={!valid} className="mt-5">
            {submit.pending ? t("saving") : initial ? t("saveChanges") : t("save")}
          </Button>
        </form>
        {submit.error && (
          <Alert tone="error" className="mt-2">
            {submit.error}
          </Alert>
        )}
      </Card>
    </div>
  );
}

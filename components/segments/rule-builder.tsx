"use client";

import { useEffect, useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { countSegmentAction, saveSegmentAction } from "@/app/(app)/segments/actions";
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

const ctl = "rounded border border-slate-300 px-2 py-1 text-sm";

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
        ? options.cities.map((x) => ({ value: x, label: x }))
        : c.field === "plan"
          ? options.plans.map((p) => ({ value: p.code, label: `${locale === "en" ? p.nameEn : p.nameZh} (${p.code})` }))
          : null;

  let valueInput: React.ReactNode;
  if (spec.type === "number" && c.op === "between") {
    const [a, b] = c.value as [number, number];
    valueInput = (
      <>
        <label htmlFor={`${id}-a`} className="sr-only">
          {t("from")}
        </label>
        <input id={`${id}-a`} type="number" className={`${ctl} w-24`} value={a} onChange={(e) => onChange({ ...c, value: [Number(e.target.value), b] })} />
        <label htmlFor={`${id}-b`} className="sr-only">
          {t("to")}
        </label>
        <input id={`${id}-b`} type="number" className={`${ctl} w-24`} value={b} onChange={(e) => onChange({ ...c, value: [a, Number(e.target.value)] })} />
      </>
    );
  } else if (spec.type === "number") {
    valueInput = (
      <>
        <label htmlFor={`${id}-v`} className="sr-only">
          {t("value")}
        </label>
        <input id={`${id}-v`} type="number" className={`${ctl} w-28`} value={Number(c.value)} onChange={(e) => onChange({ ...c, value: Number(e.target.value) })} />
        <span className="text-xs text-slate-500">{t(`unit.${c.field}`)}</span>
      </>
    );
  } else if (spec.type === "boolean") {
    valueInput = (
      <>
        <label htmlFor={`${id}-v`} className="sr-only">
          {t("value")}
        </label>
        <select id={`${id}-v`} className={ctl} value={String(c.value)} onChange={(e) => onChange({ ...c, value: e.target.value === "true" })}>
          <option value="true">{t("yes")}</option>
          <option value="false">{t("no")}</option>
        </select>
      </>
    );
  } else if (spec.type === "complaints") {
    const v = c.value as { count: number; days: number };
    valueInput = (
      <>
        <label htmlFor={`${id}-n`} className="text-xs">
          {t("complaintCount")}
        </label>
        <input id={`${id}-n`} type="number" min={1} className={`${ctl} w-16`} value={v.count} onChange={(e) => onChange({ ...c, value: { ...v, count: Number(e.target.value) } })} />
        <label htmlFor={`${id}-d`} className="text-xs">
          {t("complaintDays")}
        </label>
        <input id={`${id}-d`} type="number" min={1} max={365} className={`${ctl} w-16`} value={v.days} onChange={(e) => onChange({ ...c, value: { ...v, days: Number(e.target.value) } })} />
      </>
    );
  } else if (choiceOptions && (multi || c.field === "city") && c.op !== "startsWith") {
    valueInput = (
      <>
        <label htmlFor={`${id}-v`} className="sr-only">
          {t("value")}
        </label>
        <select
          id={`${id}-v`}
          multiple={multi}
          size={multi ? Math.min(4, choiceOptions.length) : undefined}
          className={`${ctl} min-w-40`}
          value={multi ? (c.value as string[]) : String(c.value)}
          onChange={(e) => onChange({ ...c, value: multi ? Array.from(e.target.selectedOptions).map((o) => o.value) : e.target.value })}
        >
          {choiceOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </>
    );
  } else {
    const text = Array.isArray(c.value) ? (c.value as string[]).join(", ") : String(c.value ?? "");
    valueInput = (
      <>
        <label htmlFor={`${id}-v`} className="sr-only">
          {t("value")}
        </label>
        <input
          id={`${id}-v`}
          className={`${ctl} w-40`}
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
      </>
    );
  }

  return (
    <li className="flex flex-wrap items-center gap-2 rounded border border-slate-200 bg-white p-2">
      <label htmlFor={`${id}-f`} className="sr-only">
        {t("attribute")}
      </label>
      <select id={`${id}-f`} className={ctl} value={c.field} onChange={(e) => onChange(defaultCondition(e.target.value as SegmentField, options))}>
        {SEGMENT_FIELD_KEYS.map((f) => (
          <option key={f} value={f}>
            {t(`field.${f}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-o`} className="sr-only">
        {t("operator")}
      </label>
      <select id={`${id}-o`} className={ctl} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value, value: valueForOp(c, e.target.value) })}>
        {ops.map((o) => (
          <option key={o} value={o}>
            {t(`op.${o}`)}
          </option>
        ))}
      </select>
      {valueInput}
      <button type="button" onClick={onRemove} className="ml-auto rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" aria-label={t("removeCondition")}>
        ×
      </button>
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
    <fieldset className={`space-y-2 rounded border p-2 ${depth > 1 ? "border-dashed border-slate-300 bg-slate-50" : "border-slate-200"}`}>
      <legend className="px-1 text-sm">
        <label htmlFor={`${id}-c`} className="mr-2">
          {depth === 1 ? t("match") : t("subgroupMatch")}
        </label>
        <select id={`${id}-c`} className={ctl} value={g.combinator} onChange={(e) => onChange({ ...g, combinator: e.target.value as "AND" | "OR" })}>
          <option value="AND">{t("all")}</option>
          <option value="OR">{t("any")}</option>
        </select>
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
        <button type="button" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100" onClick={() => onChange({ ...g, children: [...g.children, defaultCondition("tier", options)] })}>
          {t("addCondition")}
        </button>
        {depth < MAX_DEPTH && (
          <button type="button" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100" onClick={() => onChange({ ...g, children: [...g.children, { kind: "group", combinator: "OR", children: [] }] })}>
            {t("addGroup")}
          </button>
        )}
        {onRemove && (
          <button type="button" className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" onClick={onRemove}>
            {t("removeGroup")}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** The segment builder: nested AND/OR rules, a debounced live count, save as dynamic or static. */
export function RuleBuilder({ options }: { options: Options }) {
  const t = useTranslations("segments.builder");
  const te = useTranslations("errors");
  const router = useRouter();
  const [rules, setRules] = useState<Group>(EMPTY_RULES);
  // The last answer and the rules it was for: a newer rule set shows it greyed until its own count arrives.
  const [answer, setAnswer] = useState<{ rules: Group; count: number; ms: number } | { rules: Group; failed: true } | null>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [kind, setKind] = useState<"DYNAMIC" | "STATIC">("DYNAMIC");
  const [error, setError] = useState<string | null>(null);
  const [saving, startSave] = useTransition();
  const valid = segmentRules.safeParse(rules).success;

  useEffect(() => {
    if (!valid) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const r = await countSegmentAction(rules);
      if (!cancelled) setAnswer(r.ok ? { rules, count: r.data.count, ms: r.data.ms } : { rules, failed: true });
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
          <span className="text-bad">{te("generic")}</span>
        ) : answer ? (
          <span className={stale ? "text-slate-400" : ""} aria-busy={stale}>
            <span data-testid="segment-count" data-stale={stale}>
              {t("matching", { count: answer.count })}
            </span>
            <span className="ml-2 text-xs text-slate-500">{t("countTook", { ms: answer.ms })}</span>
          </span>
        ) : (
          t("counting")
        )}
      </p>
      <form
        className="card flex flex-wrap items-end gap-3 p-3 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          startSave(async () => {
            setError(null);
            const r = await saveSegmentAction({ name, description, kind, rules });
            if (r.ok) router.push(`/segments/${r.data.id}`);
            else setError(r.fields?.name ? t("nameRequired") : te(r.error));
          });
        }}
      >
        <label className="flex flex-col gap-1">
          <span>{t("name")}</span>
          <input className={`${ctl} w-64`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
        </label>
        <label className="flex flex-col gap-1">
          <span>{t("description")}</span>
          <input className={`${ctl} w-72`} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={300} />
        </label>
        <fieldset className="flex items-center gap-3">
          <legend className="sr-only">{t("kind")}</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="kind" checked={kind === "DYNAMIC"} onChange={() => setKind("DYNAMIC")} />
            {t("dynamic")}
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="kind" checked={kind === "STATIC"} onChange={() => setKind("STATIC")} />
            {t("static")}
          </label>
        </fieldset>
        <button type="submit" disabled={saving || !valid} className="rounded bg-brand-600 px-3 py-1.5 text-white disabled:opacity-50">
          {saving ? t("saving") : t("save")}
        </button>
        {error && (
          <span role="alert" className="text-bad">
            {error}
          </span>
        )}
      </form>
    </div>
  );
}

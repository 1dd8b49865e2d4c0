"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { scoreSampleAction } from "@/app/(app)/quality/actions";
import type { FormItemView } from "@/lib/quality/queries";
import { computeScore } from "@/lib/quality/scoring";
import { QA_COMMENT_MAX } from "@/lib/quality/schemas";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Section } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { Kbd } from "@/components/ui/kbd";
import { cn } from "@/components/ui/cn";
import { isTyping } from "@/components/ui/use-shortcut";
import { useAction } from "@/components/ui/use-action";

/**
 * The scoring form (issue 24): the form's items by section; every item starts at full points (a
 * fatal item at "pass") and the supervisor deducts. Keys: J/K (or ↓/↑) move between items, a digit
 * gives the current item that many points (a fatal item: 1 pass, 0 fail), Ctrl+Enter saves. The
 * score is computed as it will be saved (lib/quality/scoring.ts).
 */
export function ScoreForm({ sampleId, version, items, passScore }: { sampleId: number; version: number; items: FormItemView[]; passScore: number }) {
  const t = useTranslations("quality.score");
  const te = useTranslations("enums.qaSection");
  const locale = useLocale();
  const router = useRouter();
  const [points, setPoints] = useState<Record<number, number>>(() => Object.fromEntries(items.map((i) => [i.id, i.maxPoints])));
  const [passed, setPassed] = useState<Record<number, boolean>>(() => Object.fromEntries(items.map((i) => [i.id, true])));
  const [comments, setComments] = useState<Record<number, string>>({});
  const [comment, setComment] = useState("");
  const [current, setCurrent] = useState(0);
  const rows = useRef<Array<HTMLFieldSetElement | null>>([]);
  const { run, pending, error, fieldError } = useAction(scoreSampleAction, {
    success: (d) => t("saved", { score: d.score }),
    onSuccess: () => router.push("/quality"),
  });
  const result = useMemo(
    () => computeScore(items, items.map((i) => ({ itemId: i.id, points: points[i.id] ?? 0, passed: passed[i.id] ?? true }))),
    [items, points, passed],
  );
  const save = () =>
    run({
      sampleId,
      version,
      comment,
      items: items.map((i) => ({ itemId: i.id, points: i.isFatal ? 0 : (points[i.id] ?? 0), passed: i.isFatal ? (passed[i.id] ?? true) : true, comment: comments[i.id] ?? "" })),
    });
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        if (!pending) void saveRef.current();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector('[role="dialog"]')) return;
      const move = (d: number) => {
        e.preventDefault();
        const n = Math.min(Math.max(current + d, 0), items.length - 1);
        setCurrent(n);
        rows.current[n]?.scrollIntoView({ block: "nearest" });
      };
      if (e.key === "j" || e.key === "J" || e.key === "ArrowDown") return move(1);
      if (e.key === "k" || e.key === "K" || e.key === "ArrowUp") return move(-1);
      if (/^[0-9]$/.test(e.key)) {
        const item = items[current];
        if (!item) return;
        const n = Number(e.key);
        e.preventDefault();
        if (item.isFatal) {
          if (n <= 1) setPassed((p) => ({ ...p, [item.id]: n === 1 }));
        } else if (n <= item.maxPoints) setPoints((p) => ({ ...p, [item.id]: n }));
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [current, items, pending]);

  const label = (i: FormItemView) => (locale === "en" ? i.labelEn : i.labelZh);
  const sections = [...new Set(items.map((i) => i.section))];
  return (
    <form
      aria-label={t("title")}
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="text-xs text-slate-600">
        {t.rich("keys", { k: (c) => <Kbd>{c}</Kbd> })}
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      {sections.map((section) => (
        <Section key={section} title={te(section)}>
          <div className="space-y-2">
            {items.map((item, n) =>
              item.section !== section ? null : (
                <fieldset
                  key={item.id}
                  ref={(el) => {
                    rows.current[n] = el;
                  }}
                  onFocus={() => setCurrent(n)}
                  onClick={() => setCurrent(n)}
                  aria-describedby={`item-${item.id}-error`}
                  className={cn("rounded border p-2", n === current ? "border-brand-600 bg-brand-50/40" : "border-slate-200")}
                >
                  <legend className="px-1 text-sm font-medium">
                    {label(item)}
                    {item.isFatal && (
                      <Badge tone="bad" className="ml-2">
                        {t("fatal")}
                      </Badge>
                    )}
                    {!item.isFatal && <span className="ml-2 text-xs text-slate-500">{t("weightOf", { weight: item.weight, max: item.maxPoints })}</span>}
                    {item.normId !== null && <span className="ml-2 text-xs text-slate-500">{t("norm", { norm: (locale === "en" ? item.normEn : item.normZh) ?? "" })}</span>}
                  </legend>
                  <div className="flex flex-wrap items-start gap-3">
                    <div role="radiogroup" aria-label={t("pointsOf", { item: label(item) })} className="flex flex-wrap gap-1">
                      {(item.isFatal ? [1, 0] : Array.from({ length: item.maxPoints + 1 }, (_, k) => item.maxPoints - k)).map((v) => {
                        const checked = item.isFatal ? (passed[item.id] ?? true) === (v === 1) : points[item.id] === v;
                        return (
                          <label
                            key={v}
                            className={cn(
                              "flex cursor-pointer items-center gap-1 rounded border px-2 py-1 text-sm",
                              checked ? "border-brand-600 bg-brand-50 font-medium" : "border-slate-300 bg-white hover:bg-slate-50",
                            )}
                          >
                            <input
                              type="radio"
                              name={`item-${item.id}`}
                              value={v}
                              checked={checked}
                              aria-keyshortcuts={v <= 9 ? String(v) : undefined}
                              onChange={() => (item.isFatal ? setPassed((p) => ({ ...p, [item.id]: v === 1 })) : setPoints((p) => ({ ...p, [item.id]: v })))}
                              className="size-4 accent-brand-600"
                            />
                            {item.isFatal ? (v === 1 ? t("pass") : t("fail")) : <span className="tabular-nums">{v}</span>}
                          </label>
                        );
                      })}
                    </div>
                    <Field id={`item-${item.id}-comment`} label={t("itemComment")} className="min-w-64 flex-1">
                      <TextInput value={comments[item.id] ?? ""} maxLength={QA_COMMENT_MAX} onChange={(e) => setComments((c) => ({ ...c, [item.id]: e.target.value }))} />
                    </Field>
                  </div>
                  <p id={`item-${item.id}-error`} aria-live="polite" className="text-xs text-bad">
                    {fieldError(`items.${n}.points`)}
                  </p>
                </fieldset>
              ),
            )}
          </div>
        </Section>
      ))}
      <Field id="score-comment" label={t("comment")} error={fieldError("comment")}>
        <TextArea value={comment} maxLength={QA_COMMENT_MAX} counter onChange={(e) => setComment(e.target.value)} />
      </Field>
      <div className="flex flex-wrap items-center gap-3" aria-live="polite">
        <span className="text-sm">
          {t("result")}: <strong className="tabular-nums">{result.score.toFixed(2)}</strong>
        </span>
        {result.fatal ? <Badge tone="bad">{t("fatalFailed")}</Badge> : result.score >= passScore ? <Badge tone="ok">{t("pass")}</Badge> : <Badge tone="warn">{t("belowPass", { pass: passScore })}</Badge>}
        <Button type="submit" variant="primary" pending={pending}>
          {t("save")} <Kbd>Ctrl+Enter</Kbd>
        </Button>
      </div>
    </form>
  );
}

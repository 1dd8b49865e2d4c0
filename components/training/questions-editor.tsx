"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { saveQuestionsAction } from "@/app/(app)/training/actions";
import { MAX_OPTIONS, MAX_QUESTIONS, OPTION_MAX, PROMPT_MAX } from "@/lib/training/schemas";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

type Q = { prompt: string; options: string[]; correctIndex: number };

/** The session's short test: multiple-choice questions, the correct option of each; saved all at once. */
export function QuestionsEditor({ sessionId, version, questions, locked }: { sessionId: number; version: number; questions: Q[]; locked: boolean }) {
  const t = useTranslations("training.test");
  const [qs, setQs] = useState<Q[]>(questions.length ? questions : []);
  const save = useAction(saveQuestionsAction, { success: t("saved") });
  const patch = (i: number, q: Partial<Q>) => setQs(qs.map((x, j) => (j === i ? { ...x, ...q } : x)));
  return (
    <form
      aria-label={t("title")}
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run({ sessionId, version, questions: qs });
      }}
    >
      {locked && <Alert tone="info">{t("locked")}</Alert>}
      {save.error && <Alert tone="error">{save.fieldError("questions") ?? save.error}</Alert>}
      {qs.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
      {qs.map((q, i) => (
        <fieldset key={i} className="space-y-2 rounded border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("question", { n: i + 1 })}</legend>
          <Field id={`q${i}-prompt`} label={t("prompt")} error={save.fieldError(`questions.${i}.prompt`)} required>
            <TextInput value={q.prompt} maxLength={PROMPT_MAX} onChange={(e) => patch(i, { prompt: e.target.value })} disabled={locked} />
          </Field>
          <div className="grid gap-2 md:grid-cols-2">
            {q.options.map((o, k) => (
              <Field key={k} id={`q${i}-o${k}`} label={t("option", { n: k + 1 })} error={save.fieldError(`questions.${i}.options.${k}`)} required>
                <TextInput value={o} maxLength={OPTION_MAX} onChange={(e) => patch(i, { options: q.options.map((x, m) => (m === k ? e.target.value : x)) })} disabled={locked} />
              </Field>
            ))}
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <Field id={`q${i}-correct`} label={t("correct")} error={save.fieldError(`questions.${i}.correctIndex`)}>
              <Select value={String(q.correctIndex)} onChange={(e) => patch(i, { correctIndex: Number(e.target.value) })} disabled={locked} options={q.options.map((_, k) => ({ value: String(k), label: t("option", { n: k + 1 }) }))} />
            </Field>
            {!locked && q.options.length < MAX_OPTIONS && (
              <Button type="button" size="sm" variant="ghost" onClick={() => patch(i, { options: [...q.options, ""] })}>
                {t("addOption")}
              </Button>
            )}
            {!locked && q.options.length > 2 && (
              <Button type="button" size="sm" variant="ghost" onClick={() => patch(i, { options: q.options.slice(0, -1), correctIndex: Math.min(q.correctIndex, q.options.length - 2) })}>
                {t("removeOption")}
              </Button>
            )}
            {!locked && (
              <Button type="button" size="sm" variant="ghost" aria-label={t("removeQuestionOf", { n: i + 1 })} onClick={() => setQs(qs.filter((_, j) => j !== i))}>
                {t("removeQuestion")}
              </Button>
            )}
          </div>
        </fieldset>
      ))}
      {!locked && (
        <div className="flex flex-wrap gap-2">
          {qs.length < MAX_QUESTIONS && (
            <Button type="button" onClick={() => setQs([...qs, { prompt: "", options: ["", "", ""], correctIndex: 0 }])}>
              {t("addQuestion")}
            </Button>
          )}
          <Button type="submit" variant="primary" pending={save.pending}>
            {t("save")}
          </Button>
        </div>
      )}
    </form>
  );
}

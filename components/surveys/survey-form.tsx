"use client";

import { useState } from "react";
import { submitSurveyAnswerAction } from "@/app/s/[token]/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

type Text = Record<"scaleLow" | "scaleHigh" | "comment" | "submit" | "submitting" | "chooseScore" | "thanks" | "used" | "expired" | "unknown" | "error" | "rateLimited" | "scoreLabel", string>;

/**
 * One question on a 1–5 (CSAT) or 0–10 (NPS) scale, or 1–5 per CSI dimension, plus a comment.
 * The texts come translated in the customer's language (not the visitor's cookie), so errors
 * are shown from `text`, not from the kit's catalogue.
 */
export function SurveyForm({
  token,
  kind,
  question,
  dimensions,
  allowComment,
  text,
}: {
  token: string;
  kind: "CSAT" | "NPS" | "CSI";
  question: string;
  dimensions: { code: string; label: string }[];
  allowComment: boolean;
  text: Text;
}) {
  const [score, setScore] = useState<number | null>(null);
  const [dims, setDims] = useState<Record<string, number>>({});
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useAction(submitSurveyAnswerAction, { refresh: false });
  const range = kind === "NPS" ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5];
  const complete = kind === "CSI" ? dimensions.every((d) => dims[d.code] !== undefined) : score !== null;

  if (done) {
    return (
      <Alert tone="success" className="p-4 text-base">
        {done}
      </Alert>
    );
  }

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!complete) {
      setError(text.chooseScore);
      return;
    }
    setError(null);
    const comment = new FormData(e.currentTarget).get("comment");
    const r = await run({ token, score: kind === "CSI" ? null : score, dimensions: kind === "CSI" ? dims : {}, comment });
    if (r.ok) setDone({ THANKS: text.thanks, ANSWERED: text.used, EXPIRED: text.expired, UNKNOWN: text.unknown }[r.data.state]);
    else setError(r.error === "rateLimited" ? text.rateLimited : r.error === "validation" || r.error === "surveys.answerAll" ? text.chooseScore : text.error);
  }

  const scale = (name: string, label: string, value: number | undefined | null, onPick: (n: number) => void) => (
    <fieldset key={name} className="mb-5">
      <legend className="mb-2 font-medium">{label}</legend>
      <div className={cn("grid gap-1.5", range.length > 5 ? "grid-cols-6" : "grid-cols-5")} role="radiogroup" aria-label={label}>
        {range.map((n) => (
          <label
            key={n}
            className={cn(
              "flex h-12 cursor-pointer items-center justify-center rounded border text-lg has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600",
              value === n ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white",
            )}
          >
            <input type="radio" className="sr-only" name={name} value={n} checked={value === n} onChange={() => onPick(n)} aria-label={`${text.scoreLabel} ${n}`} />
            {n}
          </label>
        ))}
      </div>
      <div className="mt-1 flex justify-between text-xs text-slate-500">
        <span>{text.scaleLow}</span>
        <span>{text.scaleHigh}</span>
      </div>
    </fieldset>
  );

  return (
    <form onSubmit={submit} noValidate>
      <h1 className="mb-4 text-lg font-semibold">{question}</h1>
      {kind === "CSI" ? dimensions.map((d) => scale(d.code, d.label, dims[d.code], (n) => setDims((x) => ({ ...x, [d.code]: n })))) : scale("score", question, score, setScore)}
      {allowComment && (
        <Field id="survey-comment" label={<span className="text-base">{text.comment}</span>} className="mb-5">
          <TextArea name="comment" maxLength={1000} rows={3} className="p-2 text-base" />
        </Field>
      )}
      {error && (
        <Alert tone="error" className="mb-3">
          {error}
        </Alert>
      )}
      <Button type="submit" variant="primary" pending={pending} className="h-12 w-full text-base">
        {pending ? text.submitting : text.submit}
      </Button>
    </form>
  );
}

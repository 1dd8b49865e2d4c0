"use client";

import { useState, useTransition } from "react";
import { submitSurveyAnswerAction } from "@/app/s/[token]/actions";

type Text = Record<"scaleLow" | "scaleHigh" | "comment" | "submit" | "submitting" | "chooseScore" | "thanks" | "used" | "expired" | "unknown" | "error" | "rateLimited" | "scoreLabel", string>;

/** One question on a 1–5 (CSAT) or 0–10 (NPS) scale, or 1–5 per CSI dimension, plus a comment. */
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
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const range = kind === "NPS" ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5];
  const complete = kind === "CSI" ? dimensions.every((d) => dims[d.code] !== undefined) : score !== null;

  if (done) {
    return (
      <p role="status" className="rounded bg-emerald-50 p-4 text-emerald-800">
        {done}
      </p>
    );
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!complete) {
      setError(text.chooseScore);
      return;
    }
    setError(null);
    start(async () => {
      const r = await submitSurveyAnswerAction({ token, score: kind === "CSI" ? null : score, dimensions: kind === "CSI" ? dims : {}, comment });
      if (r.ok) setDone({ THANKS: text.thanks, ANSWERED: text.used, EXPIRED: text.expired, UNKNOWN: text.unknown }[r.data.state]);
      else setError(r.error === "rateLimited" ? text.rateLimited : r.error === "validation" ? text.chooseScore : text.error);
    });
  }

  const scale = (name: string, label: string, value: number | undefined | null, onPick: (n: number) => void) => (
    <fieldset className="mb-5">
      <legend className="mb-2 font-medium">{label}</legend>
      <div className={`grid gap-1.5 ${range.length > 5 ? "grid-cols-6" : "grid-cols-5"}`} role="radiogroup" aria-label={label}>
        {range.map((n) => (
          <label key={n} className={`flex h-12 cursor-pointer items-center justify-center rounded border text-lg ${value === n ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300"}`}>
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
      {kind === "CSI"
        ? dimensions.map((d) => scale(d.code, d.label, dims[d.code], (n) => setDims((x) => ({ ...x, [d.code]: n }))))
        : scale("score", question, score, setScore)}
      {allowComment && (
        <div className="mb-5">
          <label htmlFor="survey-comment" className="mb-1 block font-medium">
            {text.comment}
          </label>
          <textarea id="survey-comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} rows={3} className="w-full rounded border border-slate-300 p-2" />
        </div>
      )}
      {error && (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="h-12 w-full rounded bg-brand-600 text-white disabled:opacity-60">
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}

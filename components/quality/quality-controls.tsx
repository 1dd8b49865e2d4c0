"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { decideDisputeAction, disputeEvaluationAction, drawSamplesAction, markCalibrationAction } from "@/app/(app)/quality/actions";
import { QA_REASON_MAX } from "@/lib/quality/schemas";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { Kbd } from "@/components/ui/kbd";
import { useAction } from "@/components/ui/use-action";

/** "Draw now": this week's random draw and the rules' samples for the supervisor's team. */
export function DrawSamplesButton() {
  const t = useTranslations("quality.queue");
  const { run, pending, error } = useAction(drawSamplesAction, { success: (d) => t("drawn", { n: d.samples }) });
  return (
    <div className="flex items-center gap-2">
      {error && <span className="text-xs text-bad">{error}</span>}
      <Button variant="primary" pending={pending} onClick={() => run({ scope: "team" })}>
        {t("drawNow")}
      </Button>
    </div>
  );
}

/** Marks an open sample for calibration (two supervisors score it blind). */
export function CalibrateButton({ sampleId, version, name }: { sampleId: number; version: number; name: string }) {
  const t = useTranslations("quality.queue");
  const { run, pending, error } = useAction(markCalibrationAction, { success: t("calibrationMarked") });
  return (
    <span className="inline-flex items-center gap-1">
      <Button size="sm" variant="ghost" pending={pending} aria-label={t("calibrateOf", { name })} onClick={() => run({ sampleId, version })}>
        {t("calibrate")}
      </Button>
      {error && <span className="text-xs text-bad">{error}</span>}
    </span>
  );
}

/** The judged agent's dispute: once, within the window, with a reason (Ctrl+Enter sends). */
export function DisputeForm({ evaluationId, version, until }: { evaluationId: number; version: number; until: string }) {
  const t = useTranslations("quality.dispute");
  const [reason, setReason] = useState("");
  const { run, pending, error, fields, fieldError } = useAction(disputeEvaluationAction, { success: t("sent") });
  return (
    <form
      aria-label={t("title")}
      className="space-y-2"
      noValidate
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void run({ evaluationId, version, reason });
      }}
    >
      <p className="text-xs text-slate-600">{t("hint", { until })}</p>
      {error && !fields.reason && <Alert tone="error">{error}</Alert>}
      <Field id="dispute-reason" label={t("reason")} error={fieldError("reason")} required>
        <TextArea value={reason} maxLength={QA_REASON_MAX} counter onChange={(e) => setReason(e.target.value)} />
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        {t("send")} <Kbd>Ctrl+Enter</Kbd>
      </Button>
    </form>
  );
}

/** A manager's final decision on a dispute: uphold with a new score, or reject; with a note. */
export function DecideForm({ disputeId, version, score }: { disputeId: number; version: number; score: number }) {
  const t = useTranslations("quality.decide");
  const [decision, setDecision] = useState<"UPHELD" | "REJECTED" | "">("");
  const [newScore, setNewScore] = useState(String(score));
  const [note, setNote] = useState("");
  const { run, pending, error, fieldError } = useAction(decideDisputeAction, { success: t("decided") });
  return (
    <form
      aria-label={t("title")}
      className="space-y-2"
      noValidate
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void run({ disputeId, version, decision, newScore: decision === "UPHELD" ? newScore : "", note });
      }}
    >
      <p className="text-xs text-slate-600">{t("hint")}</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-3">
        <Field id="decide-decision" label={t("decision")} error={fieldError("decision")} className="w-56" required>
          <Select
            value={decision}
            onChange={(e) => setDecision(e.target.value as "UPHELD" | "REJECTED" | "")}
            placeholder={t("choose")}
            options={[
              { value: "UPHELD", label: t("uphold") },
              { value: "REJECTED", label: t("reject") },
            ]}
          />
        </Field>
        {decision === "UPHELD" && (
          <Field id="decide-score" label={t("newScore")} hint={t("newScoreHint")} error={fieldError("newScore")} className="w-40" required>
            <TextInput type="number" inputMode="decimal" min={0} max={100} step="0.01" value={newScore} onChange={(e) => setNewScore(e.target.value)} />
          </Field>
        )}
      </div>
      <Field id="decide-note" label={t("note")} error={fieldError("note")} required>
        <TextArea value={note} maxLength={QA_REASON_MAX} counter onChange={(e) => setNote(e.target.value)} />
      </Field>
      <Button type="submit" variant="primary" pending={pending}>
        {t("submit")} <Kbd>Ctrl+Enter</Kbd>
      </Button>
    </form>
  );
}

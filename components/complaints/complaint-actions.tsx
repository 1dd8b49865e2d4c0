"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import {
  addCommentAction,
  assignComplaintAction,
  decideCompensationAction,
  recordFeedbackAction,
  recordReturnVisitAction,
  requestCompensationAction,
  transitionComplaintAction,
} from "@/app/(app)/complaints/actions";
import type { ActionResult } from "@/lib/shared/action-result";
import { isReasonRequired, type ComplaintAction } from "@/lib/complaints/workflow";
import { useActionError } from "@/components/complaints/use-action-error";

const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";
const button = "rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";
const primary = "rounded bg-brand-600 px-2 py-1 text-sm text-white hover:bg-brand-700 disabled:opacity-60";

function useRunner() {
  const router = useRouter();
  const errorText = useActionError();
  const t = useTranslations("complaints");
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const runAction = (fn: () => Promise<ActionResult<null>>, after?: () => void) =>
    start(async () => {
      const r = await fn();
      if (!r.ok) return setMessage({ ok: false, text: errorText(r.error) });
      setMessage({ ok: true, text: t("saved") });
      after?.();
      router.refresh();
    });
  const status = message && (
    <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-ok" : "text-bad"}`}>
      {message.text}
    </p>
  );
  return { pending, runAction, status };
}

interface Props {
  complaintId: number;
  version: number;
  status: string;
  actions: ComplaintAction[];
  canAssign: boolean;
  isAssignee: boolean;
  isUnassigned: boolean;
  canCompensate: boolean;
  canApprove: boolean;
  actorId: number;
  assignees: { id: number; displayName: string }[];
  pendingCompensations: { id: number; version: number }[];
}

export function ComplaintActions(p: Props) {
  const t = useTranslations("complaints");
  const { pending, runAction, status } = useRunner();
  const [reason, setReason] = useState("");
  const transitions = p.actions.filter((a) => a !== "close" || p.status === "RESOLVED");
  const id = p.complaintId;
  return (
    <div className="space-y-4">
      {transitions.length > 0 && (
        <section aria-labelledby="act-h" className="space-y-2">
          <h3 id="act-h" className="text-sm font-semibold text-slate-700">
            {t("detail.actions")}
          </h3>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">{t("reason")}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} className={input} maxLength={1000} />
            <span className="text-xs text-slate-500">{t("reasonHint")}</span>
          </label>
          <div className="flex flex-wrap gap-2">
            {transitions.map((a) => (
              <button
                key={a}
                type="button"
                disabled={pending}
                className={a === "resolve" ? primary : button}
                title={a === "close" ? t("confirmNote") : isReasonRequired(a) ? t("reasonHint") : undefined}
                onClick={() =>
                  runAction(
                    () => transitionComplaintAction({ complaintId: id, version: p.version, action: a, reason: reason || null, confirmation: a === "close" ? "CUSTOMER_CONFIRMED" : null }),
                    () => setReason(""),
                  )
                }
              >
                {t(`action.${a}`)}
              </button>
            ))}
          </div>
        </section>
      )}
      {status}
      {p.status === "RESOLVED" && <ReturnVisit complaintId={id} version={p.version} />}
      <Feedback complaintId={id} version={p.version} />
      {(p.canAssign || p.isAssignee || p.isUnassigned) && <Assign {...p} />}
      <Comment complaintId={id} />
      {(p.canCompensate || (p.canApprove && p.pendingCompensations.length > 0)) && <Compensation {...p} />}
    </div>
  );
}

function ReturnVisit({ complaintId, version }: { complaintId: number; version: number }) {
  const t = useTranslations("complaints");
  const { pending, runAction, status } = useRunner();
  const [notes, setNotes] = useState("");
  return (
    <section aria-labelledby="rv-h" className="space-y-2 rounded border border-slate-200 p-2">
      <h3 id="rv-h" className="text-sm font-semibold text-slate-700">
        {t("returnVisit.title")}
      </h3>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600">{t("returnVisit.notes")}</span>
        <input value={notes} onChange={(e) => setNotes(e.target.value)} className={input} maxLength={1000} />
      </label>
      <div className="flex gap-2">
        <button type="button" disabled={pending} className={primary} onClick={() => runAction(() => recordReturnVisitAction({ complaintId, version, satisfied: true, notes }))}>
          {t("returnVisit.satisfied")}
        </button>
        <button type="button" disabled={pending} className={button} onClick={() => runAction(() => recordReturnVisitAction({ complaintId, version, satisfied: false, notes }))}>
          {t("returnVisit.notSatisfied")}
        </button>
      </div>
      {status}
    </section>
  );
}

function Feedback({ complaintId, version }: { complaintId: number; version: number }) {
  const t = useTranslations("complaints");
  const { pending, runAction, status } = useRunner();
  const [body, setBody] = useState("");
  return (
    <form
      aria-labelledby="fb-h"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        runAction(() => recordFeedbackAction({ complaintId, version, body }), () => setBody(""));
      }}
    >
      <h3 id="fb-h" className="text-sm font-semibold text-slate-700">
        {t("feedback.title")}
      </h3>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600">{t("feedback.body")}</span>
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={2} required className={input} maxLength={4000} />
      </label>
      <button type="submit" disabled={pending} className={button}>
        {t("feedback.submit")}
      </button>
      {status}
    </form>
  );
}

function Assign(p: Props) {
  const t = useTranslations("complaints");
  const { pending, runAction, status } = useRunner();
  const [to, setTo] = useState<string>(String(p.assignees[0]?.id ?? ""));
  const [note, setNote] = useState("");
  return (
    <form
      aria-labelledby="as-h"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        runAction(() => assignComplaintAction({ complaintId: p.complaintId, version: p.version, assigneeId: Number(to), note: note || null }));
      }}
    >
      <h3 id="as-h" className="text-sm font-semibold text-slate-700">
        {t("assign.title")}
      </h3>
      {p.canAssign || p.isAssignee ? (
        <>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">{t("assign.to")}</span>
            <select value={to} onChange={(e) => setTo(e.target.value)} className={input}>
              {p.assignees.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">{t("assign.note")}</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} className={input} maxLength={1000} />
          </label>
          <button type="submit" disabled={pending} className={button}>
            {t("assign.submit")}
          </button>
        </>
      ) : (
        <button type="button" disabled={pending} className={button} onClick={() => runAction(() => assignComplaintAction({ complaintId: p.complaintId, version: p.version, assigneeId: p.actorId }))}>
          {t("assign.take")}
        </button>
      )}
      {status}
    </form>
  );
}

function Comment({ complaintId }: { complaintId: number }) {
  const t = useTranslations("complaints");
  const { pending, runAction, status } = useRunner();
  const [kind, setKind] = useState<"INTERNAL" | "NOTE">("INTERNAL");
  const [body, setBody] = useState("");
  return (
    <form
      aria-labelledby="cm-h"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        runAction(() => addCommentAction({ complaintId, kind, body }), () => setBody(""));
      }}
    >
      <h3 id="cm-h" className="text-sm font-semibold text-slate-700">
        {t("comment.title")}
      </h3>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600">{t("comment.kind")}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as "INTERNAL" | "NOTE")} className={input}>
          <option value="INTERNAL">{t("comment.INTERNAL")}</option>
          <option value="NOTE">{t("comment.NOTE")}</option>
        </select>
      </label>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600">{t("comment.body")}</span>
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={2} required className={input} maxLength={4000} />
      </label>
      <button type="submit" disabled={pending} className={button}>
        {t("comment.submit")}
      </button>
      {status}
    </form>
  );
}

function Compensation(p: Props) {
  const t = useTranslations("complaints");
  const { pending, runAction, status } = useRunner();
  const [kind, setKind] = useState<"CREDIT" | "POINTS">("CREDIT");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  return (
    <section aria-labelledby="cp-h" className="space-y-2">
      <h3 id="cp-h" className="text-sm font-semibold text-slate-700">
        {t("compensation.title")}
      </h3>
      {p.canCompensate && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            runAction(() => requestCompensationAction({ complaintId: p.complaintId, kind, amount, reason }), () => setAmount(""));
          }}
        >
          <div className="grid grid-cols-2 gap-2">
            <label className="block text-sm">
              <span className="mb-1 block text-slate-600">{t("compensation.kind")}</span>
              <select value={kind} onChange={(e) => setKind(e.target.value as "CREDIT" | "POINTS")} className={input}>
                <option value="CREDIT">{t("compensation.CREDIT")}</option>
                <option value="POINTS">{t("compensation.POINTS")}</option>
              </select>
            </label>
            <label className="block text-sm">
              <span className="mb-1 block text-slate-600">{t("compensation.amount")}</span>
              <input type="number" min="0.01" step="0.01" required value={amount} onChange={(e) => setAmount(e.target.value)} className={input} />
            </label>
          </div>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-600">{t("compensation.reason")}</span>
            <input required value={reason} onChange={(e) => setReason(e.target.value)} className={input} maxLength={500} />
          </label>
          <button type="submit" disabled={pending} className={button}>
            {t("compensation.submit")}
          </button>
        </form>
      )}
      {p.canApprove &&
        p.pendingCompensations.map((c) => (
          <div key={c.id} className="flex gap-2">
            <button type="button" disabled={pending} className={primary} onClick={() => runAction(() => decideCompensationAction({ complaintId: p.complaintId, compensationId: c.id, version: c.version, approve: true }))}>
              {t("compensation.approve")} #{c.id}
            </button>
            <button type="button" disabled={pending} className={button} onClick={() => runAction(() => decideCompensationAction({ complaintId: p.complaintId, compensationId: c.id, version: c.version, approve: false }))}>
              {t("compensation.reject")} #{c.id}
            </button>
          </div>
        ))}
      {status}
    </section>
  );
}

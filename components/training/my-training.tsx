"use client";

import { useState } from "react";
import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { submitTestAction } from "@/app/(app)/training/actions";
import type { AssignmentRow, MySession } from "@/lib/training/queries";
import { Button } from "@/components/ui/button";
import { Alert, Badge, EmptyState, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { NumberedChoices } from "@/components/ui/numbered-choices";
import { useAction } from "@/components/ui/use-action";

function Materials({ session }: { session: MySession }) {
  const t = useTranslations("training.my");
  const locale = useLocale();
  if (!session.materials.length) return <span className="text-slate-500">{t("noMaterials")}</span>;
  return (
    <span className="flex flex-wrap gap-x-3 gap-y-1">
      {session.materials.map((m) => (
        <Link key={m.id} href={`/knowledge/${m.id}`} className="text-brand underline-offset-2 hover:underline">
          {locale === "en" && m.titleEn ? m.titleEn : m.titleZh}
        </Link>
      ))}
    </span>
  );
}

/** The test of one attended session: each question a numbered choice (the digit keys choose within the focused question). */
function TakeTest({ session }: { session: MySession }) {
  const t = useTranslations("training.my");
  const questions = session.test ?? [];
  const [open, setOpen] = useState(false);
  const [answers, setAnswers] = useState<Array<string | null>>(questions.map(() => null));
  const submit = useAction(submitTestAction, {
    success: (r) => (r.passed ? t("passed", { score: r.score }) : t("notPassed", { score: r.score })),
    onSuccess: () => setOpen(false),
  });
  const formId = `test-${session.id}`;
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      size="lg"
      trigger={<Button size="sm" variant="primary">{t("takeTest")}</Button>}
      title={t("testTitle", { topic: session.topic })}
      description={t("testHint", { pass: session.passScore })}
      footer={<DialogFooter form={formId} submitLabel={t("submit")} pending={submit.pending} />}
    >
      <form
        id={formId}
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run({ sessionId: session.id, answers: answers.map((a) => (a === null ? -1 : Number(a))) });
        }}
      >
        {submit.error && <Alert tone="error">{submit.fieldError("answers") ?? submit.error}</Alert>}
        {questions.map((q, i) => (
          <div
            key={i}
            onKeyDown={(e) => {
              const n = Number.parseInt(e.key, 10);
              if (n >= 1 && n <= q.options.length && !e.ctrlKey && !e.metaKey && !e.altKey) {
                e.preventDefault();
                setAnswers(answers.map((a, j) => (j === i ? String(n - 1) : a)));
              }
            }}
          >
            <NumberedChoices
              id={`${formId}-q${i}`}
              name={`${formId}-q${i}`}
              legend={`${i + 1}. ${q.prompt}`}
              options={q.options.map((o, k) => ({ value: String(k), label: o }))}
              value={answers[i] ?? null}
              onChange={(v) => setAnswers(answers.map((a, j) => (j === i ? v : a)))}
              keysHint={t("keys", { n: q.options.length })}
              className="grid-cols-1 md:grid-cols-2"
            />
          </div>
        ))}
      </form>
    </Dialog>
  );
}

/** The agent's training: upcoming sessions with their materials, tests to take, past results, open assignments. */
export function MyTraining({ upcoming, past, assignments }: { upcoming: MySession[]; past: MySession[]; assignments: AssignmentRow[] }) {
  const t = useTranslations("training.my");
  const te = useTranslations("enums");
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-4">
      <Section id="my-upcoming" title={t("upcoming")} flush>
        <DataTable
          label={t("upcoming")}
          columns={[
            { id: "when", header: t("when"), nowrap: true },
            { id: "topic", header: t("topic") },
            { id: "trainer", header: t("trainer") },
            { id: "materials", header: t("materials") },
          ]}
          rows={upcoming.map((s) => ({ id: s.id, when: <span className="tabular-nums">{when(s.startsAt)}</span>, topic: s.topic, trainer: s.trainerName, materials: <Materials session={s} /> }))}
          empty={<EmptyState>{t("noUpcoming")}</EmptyState>}
        />
      </Section>
      <Section id="my-past" title={t("past")} flush>
        <DataTable
          label={t("past")}
          columns={[
            { id: "when", header: t("when"), nowrap: true },
            { id: "topic", header: t("topic") },
            { id: "attendance", header: t("attendance") },
            { id: "score", header: t("score") },
            { id: "materials", header: t("materials") },
          ]}
          rows={past.map((s) => ({
            id: s.id,
            when: <span className="tabular-nums">{when(s.startsAt)}</span>,
            topic: s.topic,
            attendance: <span>{te(`trainingAttendance.${s.attendance}`)}</span>,
            score: s.test ? (
              <TakeTest session={s} />
            ) : s.testScore !== null ? (
              <Badge tone={s.testScore >= s.passScore ? "ok" : "warn"}>{t("scoreOf", { score: s.testScore, pass: s.passScore })}</Badge>
            ) : (
              <span className="text-slate-500">—</span>
            ),
            materials: <Materials session={s} />,
          }))}
          empty={<EmptyState>{t("noPast")}</EmptyState>}
        />
      </Section>
      <Section id="my-assignments" title={t("assignments")} flush>
        <DataTable
          label={t("assignments")}
          columns={[
            { id: "reason", header: t("reason") },
            { id: "topic", header: t("topic") },
            { id: "status", header: t("status") },
            { id: "createdAt", header: t("createdAt"), format: "date" },
          ]}
          rows={assignments.map((a) => ({
            id: a.id,
            reason: <span>{te(`trainingAssignmentReason.${a.reason}`)}</span>,
            topic: a.topic,
            status: <span>{te(`trainingAssignmentStatus.${a.status}`)}</span>,
            createdAt: new Date(a.createdAt),
          }))}
          empty={<EmptyState>{t("noAssignments")}</EmptyState>}
        />
      </Section>
    </div>
  );
}

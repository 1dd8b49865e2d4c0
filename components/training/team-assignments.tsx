"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { cancelAssignmentAction, createAssignmentAction } from "@/app/(app)/training/actions";
import { TOPIC_MAX } from "@/lib/training/schemas";
import type { AssignmentRow } from "@/lib/training/queries";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/** The team's open and scheduled assignments (from complaints, QA or by hand); add one, cancel one. */
export function TeamAssignments({ assignments, agents }: { assignments: AssignmentRow[]; agents: Array<{ id: number; name: string }> }) {
  const t = useTranslations("training.assignments");
  const te = useTranslations("enums");
  const [userId, setUserId] = useState("");
  const [topic, setTopic] = useState("");
  const create = useAction(createAssignmentAction, {
    success: t("created"),
    onSuccess: () => {
      setTopic("");
      setUserId("");
    },
  });
  const cancel = useAction(cancelAssignmentAction, { success: t("cancelled") });
  return (
    <Section title={t("title")} description={t("hint")}>
      <div className="space-y-3">
        {cancel.error && <Alert tone="error">{cancel.error}</Alert>}
        <DataTable
          label={t("title")}
          columns={[
            { id: "name", header: t("agent") },
            { id: "reason", header: t("reason") },
            { id: "topic", header: t("topic") },
            { id: "status", header: t("status") },
            { id: "createdAt", header: t("createdAt"), format: "date" },
            { id: "cancel", header: <span className="sr-only">{t("cancel")}</span> },
          ]}
          rows={assignments.map((a) => ({
            id: a.id,
            name: a.name,
            reason: <span>{te(`trainingAssignmentReason.${a.reason}`)}</span>,
            topic: a.topic,
            status: <span>{te(`trainingAssignmentStatus.${a.status}`)}</span>,
            createdAt: new Date(a.createdAt),
            cancel: (
              <Button size="sm" variant="ghost" aria-label={t("cancelOf", { name: a.name })} onClick={() => void cancel.run({ assignmentId: a.id, version: a.version })}>
                {t("cancel")}
              </Button>
            ),
          }))}
          empty={<EmptyState>{t("none")}</EmptyState>}
        />
        <form
          aria-label={t("new")}
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void create.run({ userId, topic });
          }}
        >
          {create.error && !Object.keys(create.fields).length && <Alert tone="error">{create.error}</Alert>}
          <Field id="assign-agent" label={t("agent")} error={create.fieldError("userId")} required>
            <Select value={userId} onChange={(e) => setUserId(e.target.value)} placeholder={t("chooseAgent")} options={agents.map((a) => ({ value: String(a.id), label: a.name }))} />
          </Field>
          <Field id="assign-topic" label={t("topic")} error={create.fieldError("topic")} className="min-w-64 flex-1" required>
            <TextInput value={topic} maxLength={TOPIC_MAX} onChange={(e) => setTopic(e.target.value)} />
          </Field>
          <Button type="submit" pending={create.pending}>
            {t("add")}
          </Button>
        </form>
      </div>
    </Section>
  );
}

"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { cancelSessionAction, createSessionAction, updateSessionAction } from "@/app/(app)/training/actions";
import { DESCRIPTION_MAX, TOPIC_MAX } from "@/lib/training/schemas";
import type { SessionDetail, SessionFormOptions } from "@/lib/training/queries";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { MultiSelect } from "@/components/ui/multi-select";
import { useAction } from "@/components/ui/use-action";

/** A session's topic, description, time, team, trainer, materials (published articles) and pass score. */
export function SessionForm({ options, session, defaultStartsAt, defaultTrainerId }: { options: SessionFormOptions; session?: SessionDetail; defaultStartsAt: string; defaultTrainerId: number }) {
  const t = useTranslations("training.form");
  const locale = useLocale();
  const router = useRouter();
  const [v, setV] = useState({
    topic: session?.topic ?? "",
    description: session?.description ?? "",
    startsAt: session?.startsAt ?? defaultStartsAt,
    durationMin: String(session?.durationMin ?? 60),
    teamId: String(session?.teamId ?? options.teams[0]?.id ?? ""),
    trainerId: String(session?.trainerId ?? defaultTrainerId),
    passScore: String(session?.passScore ?? 60),
  });
  const [articleIds, setArticleIds] = useState<string[]>((session?.articleIds ?? []).map(String));
  const create = useAction(createSessionAction, { success: t("created"), onSuccess: (r) => router.push(`/training/${r.id}`) });
  const update = useAction(updateSessionAction, { success: t("saved") });
  const cancel = useAction(cancelSessionAction, { success: t("cancelledToast") });
  const act = session ? update : create;
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const title = (a: { titleZh: string; titleEn: string }) => (locale === "en" && a.titleEn ? a.titleEn : a.titleZh);
  const editable = !session || session.status !== "CANCELLED";
  return (
    <form
      aria-label={session ? t("editTitle") : t("newTitle")}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const input = { ...v, teamId: v.teamId || null, articleIds: articleIds.map(Number) };
        void (session ? update.run({ ...input, sessionId: session.id, version: session.version }) : create.run(input));
      }}
    >
      {act.error && !Object.keys(act.fields).length && <Alert tone="error">{act.error}</Alert>}
      <Field id="session-topic" label={t("topic")} error={act.fieldError("topic")} required>
        <TextInput value={v.topic} onChange={set("topic")} maxLength={TOPIC_MAX} counter disabled={!editable} />
      </Field>
      <Field id="session-description" label={t("description")} error={act.fieldError("description")}>
        <TextArea value={v.description} onChange={set("description")} maxLength={DESCRIPTION_MAX} counter disabled={!editable} />
      </Field>
      <div className="grid gap-3 md:grid-cols-3">
        <Field id="session-starts" label={t("startsAt")} error={act.fieldError("startsAt")} required>
          <TextInput type="datetime-local" value={v.startsAt} onChange={set("startsAt")} disabled={!editable} />
        </Field>
        <Field id="session-duration" label={t("durationMin")} error={act.fieldError("durationMin")} required>
          <TextInput type="number" min={15} max={480} step={5} value={v.durationMin} onChange={set("durationMin")} disabled={!editable} />
        </Field>
        <Field id="session-pass" label={t("passScore")} error={act.fieldError("passScore")} required>
          <TextInput type="number" min={0} max={100} value={v.passScore} onChange={set("passScore")} disabled={!editable} />
        </Field>
        <Field id="session-team" label={t("team")} error={act.fieldError("teamId")}>
          <Select value={v.teamId} onChange={set("teamId")} disabled={!editable} options={options.teams.map((x) => ({ value: String(x.id), label: locale === "en" ? x.nameEn : x.nameZh }))} />
        </Field>
        <Field id="session-trainer" label={t("trainer")} error={act.fieldError("trainerId")} required>
          <Select value={v.trainerId} onChange={set("trainerId")} disabled={!editable} options={options.trainers.map((x) => ({ value: String(x.id), label: x.name }))} />
        </Field>
        <Field id="session-materials" label={t("materials")} hint={options.articles.length ? t("materialsHint") : t("noArticles")} error={act.fieldError("articleIds")}>
          <MultiSelect label={t("materials")} options={options.articles.map((a) => ({ value: String(a.id), label: title(a) }))} value={articleIds} onChange={setArticleIds} placeholder={t("noMaterials")} />
        </Field>
      </div>
      {editable && (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="primary" pending={act.pending}>
            {session ? t("save") : t("create")}
          </Button>
          {session?.status === "PLANNED" && (
            <ConfirmDialog
              trigger={
                <Button type="button" variant="danger">
                  {t("cancelSession")}
                </Button>
              }
              title={t("cancelTitle")}
              description={t("cancelText")}
              confirmLabel={t("cancelSession")}
              pending={cancel.pending}
              onConfirm={() => void cancel.run({ sessionId: session.id, version: session.version })}
            />
          )}
        </div>
      )}
    </form>
  );
}

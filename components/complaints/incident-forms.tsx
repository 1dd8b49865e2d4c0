"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { bulkReplyAction, bulkTransitionAction, createIncidentAction, linkComplaintsAction } from "@/app/(app)/complaints/incidents/actions";
import { BULK_ACTIONS } from "@/lib/complaints/schemas";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Alert, Section } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import type { ActionOutcome } from "@/components/ui/use-action";
import { SummaryFields } from "@/components/complaints/summary-fields";

type FieldError = (name: string) => string | undefined;

/** One titled form of the incident pages: its fields, the submit button, the outcome. */
function IncidentForm<T>({ id, title, submitLabel, primary, action, success, onSuccess, navigates, incidentId, className, children }: { id: string; title: string; submitLabel: string; primary?: boolean; action: (form: FormData) => Promise<ActionOutcome<T>>; success: (data: T) => string; onSuccess?: (data: T) => void; /** onSuccess goes to another page: no refresh of this one, which would cancel the navigation. */ navigates?: boolean; incidentId?: number; className?: string; children: (fieldError: FieldError) => React.ReactNode }) {
  return (
    <Section id={id} title={title} className={className}>
      <ActionForm action={action} success={success} onSuccess={onSuccess} refresh={!navigates} resetOnSuccess={!navigates} className="space-y-2">
        {({ pending, fieldError }) => (
          <>
            {incidentId !== undefined && <input type="hidden" name="incidentId" value={incidentId} />}
            {children(fieldError)}
            <Button type="submit" variant={primary ? "primary" : "secondary"} pending={pending}>
              {submitLabel}
            </Button>
          </>
        )}
      </ActionForm>
    </Section>
  );
}

/** Opens a major incident and goes to its page. */
export function CreateIncidentForm() {
  const t = useTranslations("complaints.incident");
  const router = useRouter();
  return (
    <IncidentForm id="incident-new" title={t("create")} submitLabel={t("create")} primary className="max-w-2xl" action={createIncidentAction} success={() => t("created")} onSuccess={(id) => router.push(`/complaints/incidents/${id}`)} navigates>
      {(fieldError) => <SummaryFields id="incident" names={["title", "description"]} labels={[t("name"), t("description")]} rows={2} fieldError={fieldError} />}
    </IncidentForm>
  );
}

/** Link complaints, move them all one step, answer every customer: each says what it changed. */
export function IncidentActions({ incidentId }: { incidentId: number }) {
  const t = useTranslations("complaints");
  const [unknown, setUnknown] = useState<string[]>([]);
  const done = (changed: number, skipped = 0) => t("incident.done", { changed, skipped });
  return (
    <div className="space-y-2">
      {unknown.length > 0 && <Alert tone="warning">{t("incident.unknown", { nos: unknown.join(", ") })}</Alert>}
      <div className="grid gap-4 lg:grid-cols-3">
        <IncidentForm id="incident-link" incidentId={incidentId} title={t("incident.link")} submitLabel={t("incident.link")} action={linkComplaintsAction} success={(r) => done(r.linked)} onSuccess={(r) => setUnknown(r.unknown)}>
          {(fieldError) => (
            <Field id="incident-complaint-nos" label={t("incident.complaintNos")} error={fieldError("complaintNos")} required>
              <TextArea name="complaintNos" rows={3} />
            </Field>
          )}
        </IncidentForm>
        <IncidentForm id="incident-bulk-status" incidentId={incidentId} title={t("incident.bulkStatus")} submitLabel={t("incident.applyAll")} action={bulkTransitionAction} success={(r) => done(r.changed, r.skipped)}>
          {(fieldError) => (
            <>
              <Field id="incident-step" label={t("incident.step")} error={fieldError("action")}>
                <Select name="action" options={BULK_ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) }))} />
              </Field>
              <Field id="incident-reason" label={t("reason")} error={fieldError("reason")}>
                <TextInput name="reason" maxLength={1000} />
              </Field>
            </>
          )}
        </IncidentForm>
        <IncidentForm id="incident-reply" incidentId={incidentId} title={t("incident.bulkReply")} submitLabel={t("incident.sendAll")} action={bulkReplyAction} success={(r) => done(r.replied)}>
          {(fieldError) => (
            <Field id="incident-reply-body" label={t("feedback.body")} error={fieldError("body")} required>
              <TextArea name="body" rows={3} maxLength={4000} />
            </Field>
          )}
        </IncidentForm>
      </div>
    </div>
  );
}

"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { cancelCareTaskAction, reassignCareTaskAction } from "@/app/(app)/care/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/** A supervisor's (or manager's) controls on an open care task: reassign within the team, or cancel with a reason. */
export function CareTaskControls({
  taskId,
  version,
  assigneeId,
  assignees,
  label,
}: {
  taskId: string;
  version: number;
  assigneeId: number | null;
  assignees: Array<{ id: number; name: string }>;
  /** Who the task is for (the dialog's titles name it). */
  label: string;
}) {
  const t = useTranslations("care.team");
  const [open, setOpen] = useState<"reassign" | "cancel" | null>(null);
  const [to, setTo] = useState(assigneeId ? String(assigneeId) : "");
  const [reason, setReason] = useState("");
  const reassign = useAction(reassignCareTaskAction, { success: t("reassigned"), onSuccess: () => setOpen(null) });
  const cancel = useAction(cancelCareTaskAction, { success: t("cancelled"), onSuccess: () => setOpen(null) });
  return (
    <span className="flex gap-1">
      <Dialog
        open={open === "reassign"}
        onOpenChange={(o) => setOpen(o ? "reassign" : null)}
        trigger={
          <Button size="sm" aria-label={t("reassignOf", { name: label })}>
            {t("reassign")}
          </Button>
        }
        title={t("reassignOf", { name: label })}
        size="sm"
        footer={<DialogFooter submitLabel={t("reassign")} pending={reassign.pending} onSubmit={() => reassign.run({ taskId, version, assigneeId: to ? Number(to) : null })} />}
      >
        {reassign.error && <p className="mb-2 text-sm text-bad">{reassign.error}</p>}
        <Field id={`reassign-${taskId}`} label={t("assignee")} error={reassign.fieldError("assigneeId")}>
          <Select value={to} onChange={(e) => setTo(e.target.value)} options={[{ value: "", label: t("unassigned") }, ...assignees.map((a) => ({ value: String(a.id), label: a.name }))]} />
        </Field>
      </Dialog>
      <Dialog
        open={open === "cancel"}
        onOpenChange={(o) => setOpen(o ? "cancel" : null)}
        trigger={
          <Button size="sm" variant="ghost" aria-label={t("cancelOf", { name: label })}>
            {t("cancel")}
          </Button>
        }
        title={t("cancelOf", { name: label })}
        size="sm"
        footer={<DialogFooter submitLabel={t("cancel")} variant="danger" pending={cancel.pending} onSubmit={() => cancel.run({ taskId, version, reason })} />}
      >
        {cancel.error && <p className="mb-2 text-sm text-bad">{cancel.error}</p>}
        <Field id={`cancel-${taskId}`} label={t("reason")} error={cancel.fieldError("reason")} required>
          <TextInput value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </Field>
      </Dialog>
    </span>
  );
}

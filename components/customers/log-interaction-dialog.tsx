"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { logInteractionAction } from "@/app/(app)/customers/[id]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { Kbd } from "@/components/ui/kbd";
import { useShortcut } from "@/components/ui/use-shortcut";
import { useInteractionOptions } from "@/components/customers/interaction-options";

type Reason = { code: string; nameZh: string; nameEn: string };

/**
 * "Log interaction" button and form. Shortcuts (when not typing and no dialog is open): N opens it,
 * C opens it with the outcome "complaint opened"; Ctrl/⌘+Enter saves. Saved with that outcome, the
 * complaint intake opens next, prefilled from this contact (`/complaints/new?…&interaction=<id>`).
 * `lineId` is the line the caller was found by (the 360 page's `?via=`): preselected.
 */
export function LogInteractionDialog({ customerId, reasons, lines, lineId, canOpenComplaint = false }: { customerId: number; reasons: Reason[]; lines: Array<{ id: number; label: string }>; lineId?: number | null; canOpenComplaint?: boolean }) {
  const t = useTranslations("c360");
  const locale = useLocale();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [disposition, setDisposition] = useState("RESOLVED");
  const { channels, directions, dispositions } = useInteractionOptions();
  const show = (outcome: string) => {
    setDisposition(outcome);
    setOpen(true);
  };

  useShortcut(["n", "N"], () => show("RESOLVED"));
  useShortcut(["c", "C"], () => show(canOpenComplaint ? "COMPLAINT_OPENED" : "RESOLVED"));

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t("logInteraction")}
      trigger={
        <Button variant="primary" aria-keyshortcuts="n" onClick={() => setDisposition("RESOLVED")}>
          {t("logInteraction")} <Kbd>N</Kbd>
        </Button>
      }
    >
      <ActionForm
        action={logInteractionAction}
        success={t("interactionLogged")}
        refresh={!(canOpenComplaint && disposition === "COMPLAINT_OPENED")}
        onSuccess={(r) => {
          setOpen(false);
          // The outcome says a complaint is being opened: its intake is the next step, prefilled.
          if (canOpenComplaint && disposition === "COMPLAINT_OPENED") router.push(`/complaints/new?customerId=${customerId}&interaction=${r.id}`);
        }}
        className="space-y-3"
      >
        {({ pending, fieldError }) => (
          <>
            <input type="hidden" name="customerId" value={customerId} />
            <div className="grid grid-cols-2 gap-3">
              <Field id="li-reason" label={t("reason")} error={fieldError("reasonCode")} required>
                <Select name="reasonCode" defaultValue="" placeholder={t("choose")} options={reasons.map((r) => ({ value: r.code, label: locale === "en" ? r.nameEn : r.nameZh }))} />
              </Field>
              <Field id="li-disposition" label={t("disposition")} error={fieldError("disposition")}>
                <Select name="disposition" value={disposition} onChange={(e) => setDisposition(e.target.value)} options={dispositions} />
              </Field>
              <Field id="li-channel" label={t("channel")} error={fieldError("channel")}>
                <Select name="channel" defaultValue="HOTLINE" options={channels} />
              </Field>
              <Field id="li-direction" label={t("direction")} error={fieldError("direction")}>
                <Select name="direction" defaultValue="INBOUND" options={directions} />
              </Field>
              <Field id="li-line" label={t("line")} hint={lineId ? t("lineFoundBy") : undefined} error={fieldError("lineId")}>
                <Select name="lineId" defaultValue={lineId ?? ""} placeholder={t("noLine")} options={lines.map((l) => ({ value: l.id, label: l.label }))} />
              </Field>
              <Field id="li-duration" label={t("durationMin")} error={fieldError("durationMin")}>
                <TextInput name="durationMin" type="number" min={0} max={600} step={0.5} defaultValue={0} />
              </Field>
            </div>
            <Field id="li-notes" label={t("notes")} error={fieldError("notes")}>
              <TextArea name="notes" rows={3} maxLength={2000} />
            </Field>
            <DialogFooter
              submitLabel={
                <>
                  {canOpenComplaint && disposition === "COMPLAINT_OPENED" ? t("saveAndOpenComplaint") : t("save")} <Kbd className="ml-1">Ctrl+Enter</Kbd>
                </>
              }
              pending={pending}
            />
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}

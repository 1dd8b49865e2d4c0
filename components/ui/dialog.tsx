"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Button } from "@/components/ui/button";

// The one dialog (Radix: focus is trapped inside, Escape closes, focus returns to the trigger).
//   <Dialog trigger={<Button>Edit</Button>} title="Edit contact" footer={<DialogFooter submitLabel="Save" form="f" pending={pending} />}>…</Dialog>

export function Dialog({ trigger, title, description, open, onOpenChange, size = "md", footer, children }: { trigger?: React.ReactNode; title: React.ReactNode; description?: React.ReactNode; open?: boolean; onOpenChange?: (open: boolean) => void; size?: "sm" | "md" | "lg"; footer?: React.ReactNode; children: React.ReactNode }) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>}
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <RadixDialog.Content
          className={cn("fixed top-[10vh] left-1/2 z-50 max-h-[80vh] w-[calc(100vw-2rem)] -translate-x-1/2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-4 shadow-xl", size === "sm" ? "max-w-sm" : size === "lg" ? "max-w-3xl" : "max-w-lg")}
        >
          <RadixDialog.Title className="text-base font-semibold">{title}</RadixDialog.Title>
          {description ? <RadixDialog.Description className="mt-1 text-sm text-slate-600">{description}</RadixDialog.Description> : <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>}
          <div className="mt-3">{children}</div>
          {footer}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Cancel (closes) and the submit button of the dialog's form. */
export function DialogFooter({ submitLabel, form, pending, variant = "primary", cancelLabel, onSubmit }: { submitLabel: React.ReactNode; form?: string; pending?: boolean; variant?: "primary" | "danger"; cancelLabel?: React.ReactNode; onSubmit?: () => void }) {
  const t = useTranslations("common");
  return (
    <div className="mt-4 flex justify-end gap-2">
      <RadixDialog.Close asChild>
        <Button variant="ghost">{cancelLabel ?? t("cancel")}</Button>
      </RadixDialog.Close>
      <Button type={onSubmit ? "button" : "submit"} form={form} variant={variant} pending={pending} onClick={onSubmit}>
        {submitLabel}
      </Button>
    </div>
  );
}

/** Asks before a destructive or irreversible step. */
export function ConfirmDialog({ trigger, title, description, confirmLabel, onConfirm, pending, open, onOpenChange }: { trigger?: React.ReactNode; title: React.ReactNode; description: React.ReactNode; confirmLabel: React.ReactNode; onConfirm: () => void; pending?: boolean; open?: boolean; onOpenChange?: (open: boolean) => void }) {
  return (
    <Dialog trigger={trigger} title={title} description={description} size="sm" open={open} onOpenChange={onOpenChange} footer={<DialogFooter submitLabel={confirmLabel} variant="danger" pending={pending} onSubmit={onConfirm} />}>
      {null}
    </Dialog>
  );
}

export const DialogClose = RadixDialog.Close;

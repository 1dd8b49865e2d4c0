"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { setSpecialCareAction } from "@/app/(app)/customers/[id]/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

const VALUES = ["NONE", "ELDERLY", "DISABLED"] as const;

/** The special-care flag on the 360 (supervisors and admins): elderly, disabled or none; special-care visits follow it. */
export function SpecialCareControl({ customerId, version, value }: { customerId: number; version: number; value: string }) {
  const t = useTranslations("care.specialCare");
  const te = useTranslations("enums.specialCare");
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState(value);
  const save = useAction(setSpecialCareAction, { success: t("saved"), onSuccess: () => setOpen(false) });
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setNext(value);
      }}
      trigger={
        <Button size="sm" variant="ghost">
          {value === "NONE" ? t("set") : t("change")}
        </Button>
      }
      title={t("title")}
      description={t("hint")}
      size="sm"
      footer={<DialogFooter submitLabel={t("save")} pending={save.pending} onSubmit={() => save.run({ customerId, version, specialCare: next as (typeof VALUES)[number] })} />}
    >
      {save.error && <p className="mb-2 text-sm text-bad">{save.error}</p>}
      <Field id="special-care" label={t("label")} error={save.fieldError("specialCare")}>
        <Select value={next} onChange={(e) => setNext(e.target.value)} options={VALUES.map((v) => ({ value: v, label: te(v) }))} />
      </Field>
    </Dialog>
  );
}

"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { redeemRewardAction } from "@/app/(app)/loyalty/actions";
import type { RewardRow } from "@/lib/loyalty/queries";
import { useAction } from "@/components/ui/use-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";

/** Redeem a reward for the customer: the catalogue with each reward's cost and stock. */
export function RedeemDialog({ customerId, balance, rewards }: { customerId: number; balance: number; rewards: RewardRow[] }) {
  const t = useTranslations("loyalty.panel");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [rewardId, setRewardId] = useState("");
  const { run, pending, error, fieldError } = useAction(redeemRewardAction, { success: t("redeemed"), onSuccess: () => setOpen(false) });
  const name = (r: RewardRow) => (locale === "en" ? r.nameEn : r.nameZh);
  const chosen = rewards.find((r) => String(r.id) === rewardId);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t("redeemTitle")}
      description={t("redeemHint", { balance: balance.toLocaleString(locale) })}
      trigger={<Button size="sm">{t("redeem")}</Button>}
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (rewardId) void run({ customerId, rewardId: Number(rewardId) });
        }}
      >
        <Field id="redeem-reward" label={t("reward")} error={fieldError("rewardId") ?? error ?? undefined} required>
          <Select
            value={rewardId}
            onChange={(e) => setRewardId(e.target.value)}
            placeholder={t("chooseReward")}
            options={rewards.map((r) => ({
              value: r.id,
              label: t("rewardOption", {
                name: name(r),
                kind: tEnum(`rewardKind.${r.kind}`),
                cost: r.pointsCost.toLocaleString(locale),
                stock: r.stock == null ? t("unlimited") : r.stock.toLocaleString(locale),
              }),
              disabled: r.pointsCost > balance || r.stock === 0,
            }))}
          />
        </Field>
        {chosen && (
          <p className="text-sm text-slate-600">
            {t("after", { cost: chosen.pointsCost.toLocaleString(locale), left: (balance - chosen.pointsCost).toLocaleString(locale) })}
          </p>
        )}
        <DialogFooter submitLabel={t("redeemConfirm")} pending={pending} />
      </form>
    </Dialog>
  );
}

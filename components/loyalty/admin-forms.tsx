"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  createEarnRuleAction,
  createRewardAction,
  runLoyaltyJobAction,
  updateEarnRuleAction,
  updateLoyaltySettingsAction,
  updateRewardAction,
} from "@/app/(app)/admin/loyalty/actions";
import type { EarnRuleRow, RewardRow } from "@/lib/loyalty/queries";
import { MEMBER_GRADES, PLAN_CLASSES, REWARD_KINDS } from "@/lib/loyalty/schemas";
import { ActionForm } from "@/components/ui/action-form";
import { useAction } from "@/components/ui/use-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

// The loyalty admin page's forms (issue 23): settings, an earn rule, a reward, and Run now.

export function LoyaltySettingsForm({
  version,
  expiryYears,
  supervisorLimit,
  managerLimit,
}: {
  version: number;
  expiryYears: number;
  supervisorLimit: number;
  managerLimit: number | null;
}) {
  const t = useTranslations("loyalty.admin");
  return (
    <ActionForm key={version} action={updateLoyaltySettingsAction} success={t("saved")} className="grid max-w-4xl grid-cols-1 gap-3 sm:grid-cols-3">
      {({ pending, fieldError }) => (
        <>
          <input type="hidden" name="version" value={version} />
          <Field id="ls-expiry" label={t("expiryYears")} hint={t("expiryYearsHint")} error={fieldError("expiryYears")} required>
            <TextInput name="expiryYears" type="number" min={0} max={10} defaultValue={expiryYears} counter={false} />
          </Field>
          <Field id="ls-sup" label={t("supervisorLimit")} error={fieldError("supervisorLimit")} required>
            <TextInput name="supervisorLimit" type="number" min={0} defaultValue={supervisorLimit} counter={false} />
          </Field>
          <Field id="ls-mgr" label={t("managerLimit")} hint={t("managerLimitHint")} error={fieldError("managerLimit")}>
            <TextInput name="managerLimit" type="number" min={0} defaultValue={managerLimit ?? ""} counter={false} />
          </Field>
          <div className="sm:col-span-3">
            <Button type="submit" variant="primary" pending={pending}>
              {t("save")}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

export function EarnRuleDialog({ rule }: { rule?: EarnRuleRow }) {
  const t = useTranslations("loyalty.admin");
  const tEnum = useTranslations("enums");
  const tClass = useTranslations("loyalty.planClass");
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState(rule?.kind ?? "RATE");
  const p = rule ? `er-${rule.id}` : "er-new";
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={rule ? t("editRule") : t("newRule")}
      trigger={
        <Button size="sm" variant={rule ? "ghost" : "secondary"} aria-label={rule ? t("editRuleNamed", { name: rule.name }) : undefined}>
          {rule ? t("edit") : t("newRule")}
        </Button>
      }
    >
      <ActionForm
        action={rule ? updateEarnRuleAction : createEarnRuleAction}
        success={t("ruleSaved")}
        onSuccess={() => setOpen(false)}
        className="grid grid-cols-2 gap-3"
      >
        {({ pending, fieldError }) => (
          <>
            {rule && <input type="hidden" name="ruleId" value={rule.id} />}
            {rule && <input type="hidden" name="version" value={rule.version} />}
            <Field id={`${p}-name`} label={t("ruleName")} error={fieldError("name")} required className="col-span-2">
              <TextInput name="name" maxLength={100} defaultValue={rule?.name} />
            </Field>
            <Field id={`${p}-kind`} label={t("ruleKind")} error={fieldError("kind")} required>
              <Select
                name="kind"
                value={kind}
                onChange={(e) => setKind(e.target.value)}
                options={["RATE", "BONUS"].map((k) => ({ value: k, label: tEnum(`earnRuleKind.${k}`) }))}
              />
            </Field>
            <Field id={`${p}-grade`} label={t("grade")} error={fieldError("grade")}>
              <Select
                name="grade"
                defaultValue={rule?.grade ?? ""}
                placeholder={t("anyGrade")}
                options={MEMBER_GRADES.map((g) => ({ value: g, label: tEnum(`memberGrade.${g}`) }))}
              />
            </Field>
            {kind === "RATE" ? (
              <>
                <Field id={`${p}-class`} label={t("planClass")} error={fieldError("planClass")}>
                  <Select
                    name="planClass"
                    defaultValue={rule?.planClass ?? ""}
                    placeholder={t("anyPlanClass")}
                    options={PLAN_CLASSES.map((c) => ({ value: c, label: tClass(c) }))}
                  />
                </Field>
                <Field id={`${p}-ppy`} label={t("pointsPerYuan")} error={fieldError("pointsPerYuan")} required>
                  <TextInput name="pointsPerYuan" type="number" step="0.01" min={0} defaultValue={rule?.pointsPerYuan ?? "1"} counter={false} />
                </Field>
                <input type="hidden" name="multiplier" value="1" />
              </>
            ) : (
              <>
                <Field id={`${p}-mult`} label={t("multiplier")} hint={t("multiplierHint")} error={fieldError("multiplier")} required>
                  <TextInput name="multiplier" type="number" step="0.01" min={1} max={10} defaultValue={rule?.multiplier ?? "2"} counter={false} />
                </Field>
                <input type="hidden" name="pointsPerYuan" value="0" />
              </>
            )}
            <Field id={`${p}-from`} label={t("startsOn")} error={fieldError("startsOn")}>
              <TextInput name="startsOn" type="date" defaultValue={rule?.startsOn ?? ""} counter={false} />
            </Field>
            <Field id={`${p}-to`} label={t("endsOn")} error={fieldError("endsOn")}>
              <TextInput name="endsOn" type="date" defaultValue={rule?.endsOn ?? ""} counter={false} />
            </Field>
            <Field id={`${p}-active`} label={t("active")} inline className="col-span-2">
              <Checkbox name="isActive" defaultChecked={rule?.isActive ?? true} />
            </Field>
            <div className="col-span-2">
              <DialogFooter submitLabel={t("save")} pending={pending} />
            </div>
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}

export function RewardDialog({ reward }: { reward?: RewardRow }) {
  const t = useTranslations("loyalty.admin");
  const tEnum = useTranslations("enums");
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState(reward?.kind ?? "BILL_CREDIT");
  const p = reward ? `rw-${reward.id}` : "rw-new";
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={reward ? t("editReward") : t("newReward")}
      trigger={
        <Button size="sm" variant={reward ? "ghost" : "secondary"} aria-label={reward ? t("editRewardNamed", { code: reward.code }) : undefined}>
          {reward ? t("edit") : t("newReward")}
        </Button>
      }
    >
      <ActionForm
        action={reward ? updateRewardAction : createRewardAction}
        success={t("rewardSaved")}
        onSuccess={() => setOpen(false)}
        className="grid grid-cols-2 gap-3"
      >
        {({ pending, fieldError }) => (
          <>
            {reward && <input type="hidden" name="rewardId" value={reward.id} />}
            {reward && <input type="hidden" name="version" value={reward.version} />}
            <Field id={`${p}-code`} label={t("code")} error={fieldError("code")} required>
              <TextInput name="code" maxLength={40} defaultValue={reward?.code} />
            </Field>
            <Field id={`${p}-kind`} label={t("rewardKind")} error={fieldError("kind")} required>
              <Select
                name="kind"
                value={kind}
                onChange={(e) => setKind(e.target.value)}
                options={REWARD_KINDS.map((k) => ({ value: k, label: tEnum(`rewardKind.${k}`) }))}
              />
            </Field>
            <Field id={`${p}-zh`} label={t("nameZh")} error={fieldError("nameZh")} required>
              <TextInput name="nameZh" maxLength={100} defaultValue={reward?.nameZh} />
            </Field>
            <Field id={`${p}-en`} label={t("nameEn")} error={fieldError("nameEn")} required>
              <TextInput name="nameEn" maxLength={100} defaultValue={reward?.nameEn} />
            </Field>
            <Field id={`${p}-cost`} label={t("pointsCost")} error={fieldError("pointsCost")} required>
              <TextInput name="pointsCost" type="number" min={1} defaultValue={reward?.pointsCost} counter={false} />
            </Field>
            <Field id={`${p}-stock`} label={t("stock")} hint={t("stockHint")} error={fieldError("stock")}>
              <TextInput name="stock" type="number" min={0} defaultValue={reward?.stock ?? ""} counter={false} />
            </Field>
            {kind === "BILL_CREDIT" && (
              <Field id={`${p}-credit`} label={t("creditAmount")} error={fieldError("creditAmount")} required>
                <TextInput name="creditAmount" type="number" step="0.01" min={0.01} defaultValue={reward?.creditAmount ?? ""} counter={false} />
              </Field>
            )}
            {kind === "DATA_PACK" && (
              <Field id={`${p}-mb`} label={t("dataMb")} error={fieldError("dataMb")} required>
                <TextInput name="dataMb" type="number" min={1} defaultValue={reward?.dataMb ?? ""} counter={false} />
              </Field>
            )}
            <Field id={`${p}-active`} label={t("active")} inline className="col-span-2">
              <Checkbox name="isActive" defaultChecked={reward?.isActive ?? true} />
            </Field>
            <div className="col-span-2">
              <DialogFooter submitLabel={t("save")} pending={pending} />
            </div>
          </>
        )}
      </ActionForm>
    </Dialog>
  );
}

/** Run now: the earning for a month with bills, the expiry up to yesterday, the reconciliation. */
export function RunJobButtons({ months }: { months: string[] }) {
  const t = useTranslations("loyalty.admin");
  const [month, setMonth] = useState(months[0] ?? "");
  const { run, pending, error } = useAction(runLoyaltyJobAction, { success: t("jobStarted") });
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Field id="run-month" label={t("earnMonth")}>
        <Select
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          options={months.map((m) => ({ value: m, label: m }))}
          placeholder={months.length ? undefined : t("noBillMonths")}
        />
      </Field>
      <Button variant="primary" pending={pending} disabled={!month} onClick={() => void run({ kind: "EARN", month })}>
        {t("runEarn")}
      </Button>
      <Button pending={pending} onClick={() => void run({ kind: "EXPIRE" })}>
        {t("runExpire")}
      </Button>
      <Button pending={pending} onClick={() => void run({ kind: "RECONCILE" })}>
        {t("runReconcile")}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
    </div>
  );
}

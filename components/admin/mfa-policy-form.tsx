"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { updateMfaPolicyAction } from "@/app/(app)/admin/users/actions";

/** Which roles must use two-factor authentication. Admins always must: their box is checked and disabled. */
export function MfaPolicyForm({ policy }: { policy: { roles: RoleName[]; version: number } }) {
  const t = useTranslations();
  return (
    <ActionForm action={updateMfaPolicyAction} success={t("trust.mfaPolicySaved")} aria-label={t("trust.mfaPolicy")}>
      {({ pending, fieldError }) => (
        <div className="space-y-3">
          <input type="hidden" name="version" value={policy.version} />
          <fieldset className="flex flex-wrap items-center gap-4">
            <legend className="mb-1 text-xs font-medium text-slate-700">{t("trust.mfaPolicyRoles")}</legend>
            {ROLES.map((role) => (
              <Field key={role} id={`mfa-role-${role}`} label={t(`roles.${role}`)} inline error={role === "ADMIN" ? fieldError("roles") : undefined}>
                <Checkbox name="roles" value={role} defaultChecked={policy.roles.includes(role)} disabled={role === "ADMIN"} />
              </Field>
            ))}
          </fieldset>
          <p className="text-xs text-slate-500">{t("trust.mfaPolicyHint")}</p>
          <Button type="submit" variant="primary" pending={pending}>
            {t("common.save")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}

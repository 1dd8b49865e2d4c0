"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { changePasswordAction } from "@/app/account/password/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";

/** Current password, new password twice; on success the person goes on to their home page. */
export function PasswordChangeForm({ username }: { username: string }) {
  const t = useTranslations("trust");
  const router = useRouter();
  return (
    <Card className="p-4">
      <ActionForm action={changePasswordAction} success={t("passwordChanged")} refresh={false} onSuccess={() => router.replace("/")} aria-label={t("passwordTitle")} className="space-y-3">
        {({ pending, fieldError }) => (
          <>
            {/* For password managers: whose password this is. */}
            <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
            <Field id="currentPassword" label={t("currentPassword")} error={fieldError("currentPassword")} required>
              <TextInput name="currentPassword" type="password" autoComplete="current-password" maxLength={200} counter={false} />
            </Field>
            <Field id="newPassword" label={t("newPassword")} hint={t("passwordRuleFull")} error={fieldError("newPassword")} required>
              <TextInput name="newPassword" type="password" autoComplete="new-password" maxLength={200} counter={false} />
            </Field>
            <Field id="confirmPassword" label={t("confirmPassword")} error={fieldError("confirmPassword")} required>
              <TextInput name="confirmPassword" type="password" autoComplete="new-password" maxLength={200} counter={false} />
            </Field>
            <Button type="submit" variant="primary" pending={pending}>
              {t("changePassword")}
            </Button>
          </>
        )}
      </ActionForm>
    </Card>
  );
}

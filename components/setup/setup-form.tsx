"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { createFirstAdminAction } from "@/app/setup/actions";

/** Creates the first administrator; afterwards the page offers sign-in (and the token is spent). */
export function SetupForm({ token }: { token: string }) {
  const t = useTranslations("setup");
  const tTrust = useTranslations("trust");
  const [created, setCreated] = useState<string | null>(null);
  if (created)
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("created", { username: created })}</Alert>
        <ButtonLink href="/login" variant="primary" className="w-full">
          {t("signIn")}
        </ButtonLink>
      </div>
    );
  return (
    // No refresh: the spent token would turn this page into "not found" under the success message.
    <ActionForm action={createFirstAdminAction} refresh={false} onSuccess={(r) => setCreated(r.username)} aria-label={t("title")} className="space-y-4">
      {({ pending, fieldError }) => (
        <>
          <input type="hidden" name="token" value={token} />
          <Field id="setup-username" label={t("username")} hint={tTrust("usernameRule")} error={fieldError("username")} required>
            <TextInput name="username" autoComplete="username" maxLength={40} autoFocus />
          </Field>
          <Field id="setup-displayName" label={t("displayName")} error={fieldError("displayName")} required>
            <TextInput name="displayName" autoComplete="name" maxLength={80} />
          </Field>
          <Field id="setup-password" label={t("password")} hint={tTrust("passwordRule")} error={fieldError("password")} required>
            <TextInput name="password" type="password" autoComplete="new-password" maxLength={200} />
          </Field>
          <Field id="setup-passwordConfirm" label={t("passwordConfirm")} error={fieldError("passwordConfirm")} required>
            <TextInput name="passwordConfirm" type="password" autoComplete="new-password" maxLength={200} />
          </Field>
          <p className="text-sm text-slate-500">{t("mfaNext")}</p>
          <Button type="submit" variant="primary" pending={pending} className="w-full">
            {t("submit")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

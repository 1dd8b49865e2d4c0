"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { decodeLoginFailure } from "@/lib/auth/login-errors";
import { safeNextPath } from "@/lib/shared/safe-redirect";

// Sign-in goes through next-auth's credentials endpoint (lib/auth/options.ts), not a server action.
export function LoginForm({ next }: { next: string }) {
  const t = useTranslations("login");
  const tTrust = useTranslations("trust");
  const [error, setError] = useState<string | null>(null);
  // Second step for accounts with two-factor authentication: the server answered "mfaRequired".
  const [needCode, setNeedCode] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setPending(true);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", {
      redirect: false,
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      code: String(form.get("code") ?? ""),
    }).catch(() => null);
    if (res?.ok && !res.error) {
      // The page checked `next` already; checked again against the origin the browser is on.
      window.location.assign(safeNextPath(next, window.location.origin) ?? "/");
      return;
    }
    setPending(false);
    const failure = decodeLoginFailure(res?.error);
    if (failure?.code === "mfaRequired") {
      setNeedCode(true);
      setError(needCode ? tTrust("loginCodeRequired") : null);
      return;
    }
    if (failure?.code === "locked") setError(t("errors.locked", { minutes: failure.retryAfterMinutes }));
    else if (failure?.code === "wrongCode") setError(t("errors.wrongCode"));
    else setError(failure?.code === "invalid" ? t("errors.invalid") : t("errors.generic"));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field id="username" label={t("username")}>
        <TextInput name="username" autoComplete="username" required autoFocus />
      </Field>
      <Field id="password" label={t("password")}>
        <TextInput name="password" type="password" autoComplete="current-password" required />
      </Field>
      {needCode && (
        <Field id="code" label={tTrust("mfaCode")} hint={tTrust("loginCodeHint")}>
          <TextInput name="code" autoComplete="one-time-code" autoCapitalize="characters" spellCheck={false} autoFocus className="tabular-nums" />
        </Field>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" variant="primary" pending={pending} className="w-full">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}

"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

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
      window.location.assign(next);
      return;
    }
    setPending(false);
    if (res?.error === "mfaRequired") {
      setNeedCode(true);
      setError(needCode ? tTrust("loginCodeRequired") : null);
      return;
    }
    setError(res?.error === "invalid" || res?.error === "CredentialsSignin" ? t("errors.invalid") : t("errors.generic"));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="username" className="mb-1 block text-sm font-medium">
          {t("username")}
        </label>
        <input id="username" name="username" autoComplete="username" required autoFocus className="w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">
          {t("password")}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      {needCode && (
        <div>
          <label htmlFor="code" className="mb-1 block text-sm font-medium">
            {tTrust("mfaCode")}
          </label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus aria-describedby="code-hint" className="w-full rounded border border-slate-300 px-3 py-2 tabular-nums" />
          <p id="code-hint" className="mt-1 text-xs text-slate-500">
            {tTrust("loginCodeHint")}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-bad">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

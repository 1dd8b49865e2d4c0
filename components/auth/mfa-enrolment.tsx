"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { confirmMfaEnrolmentAction, disableMfaAction, startMfaEnrolmentAction } from "@/app/account/mfa/actions";

function CodeField({ error }: { error: string | null }) {
  const t = useTranslations("trust");
  return (
    <div>
      <label htmlFor="mfa-code" className="mb-1 block text-sm font-medium">
        {t("mfaCode")}
      </label>
      <input id="mfa-code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} aria-invalid={!!error} className="w-40 rounded border border-slate-300 px-3 py-2 tabular-nums" />
      {error && (
        <p role="alert" className="mt-1 text-sm text-bad">
          {error}
        </p>
      )}
    </div>
  );
}

export function MfaEnrolment() {
  const t = useTranslations();
  const [pending, start] = useTransition();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorText = (r: { error: string; fields?: Record<string, string> }) => (r.fields?.code ? t(`trust.fieldErrors.${r.fields.code}`) : t(`errors.${r.error}`));

  if (codes)
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-ok">
          {t("trust.mfaEnabled")}
        </p>
        <p className="text-sm">{t("trust.mfaRecoveryIntro")}</p>
        <ul aria-label={t("trust.mfaRecoveryCodes")} className="grid grid-cols-2 gap-1 font-mono text-sm">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <Link href="/" className="inline-block rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
          {t("trust.mfaContinue")}
        </Link>
      </div>
    );
  if (!setup)
    return (
      <div className="space-y-3">
        <p className="text-sm">{t("trust.mfaIntro")}</p>
        <button
          type="button"
          disabled={pending}
          className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60"
          onClick={() =>
            start(async () => {
              const r = await startMfaEnrolmentAction();
              if (r.ok) setSetup(r.data);
              else setError(t(`errors.${r.error}`));
            })
          }
        >
          {t("trust.mfaStart")}
        </button>
        {error && <p role="alert" className="text-sm text-bad">{error}</p>}
      </div>
    );
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const code = String(new FormData(e.currentTarget).get("code") ?? "");
        start(async () => {
          const r = await confirmMfaEnrolmentAction({ code });
          if (r.ok) setCodes(r.data.recoveryCodes);
          else setError(errorText(r));
        });
      }}
    >
      <p className="text-sm">{t("trust.mfaScan")}</p>
      <dl className="space-y-2 text-sm">
        <dt className="font-medium">{t("trust.mfaSecret")}</dt>
        <dd>
          <code data-testid="mfa-secret" className="break-all rounded bg-slate-100 px-2 py-1 font-mono">
            {setup.secret}
          </code>
        </dd>
        <dt className="font-medium">{t("trust.mfaUri")}</dt>
        <dd>
          <code className="break-all text-xs">{setup.uri}</code>
        </dd>
      </dl>
      <CodeField error={error} />
      <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
        {t("trust.mfaConfirm")}
      </button>
    </form>
  );
}

export function MfaDisable() {
  const t = useTranslations();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  if (done)
    return (
      <p role="status" className="mt-2 text-sm">
        {t("trust.mfaDisabled")}
      </p>
    );
  return (
    <form
      className="mt-3 flex items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const code = String(new FormData(e.currentTarget).get("code") ?? "");
        start(async () => {
          const r = await disableMfaAction({ code });
          if (r.ok) setDone(true);
          else setError(r.fields?.code ? t(`trust.fieldErrors.${r.fields.code}`) : t(`errors.${r.error}`));
        });
      }}
    >
      <CodeField error={error} />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-2 text-sm disabled:opacity-60">
        {t("trust.mfaTurnOff")}
      </button>
    </form>
  );
}

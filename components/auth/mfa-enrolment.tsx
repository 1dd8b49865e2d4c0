"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { confirmMfaEnrolmentAction, disableMfaAction, regenerateRecoveryCodesAction, startMfaEnrolmentAction } from "@/app/account/mfa/actions";
import { Button, ButtonLink, type ButtonVariant } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction, type ActionOutcome, type UseActionOptions } from "@/components/ui/use-action";

/** A 6-digit code from the authenticator app and the button that sends it to `action`. */
function CodeForm<T>({ action, submitLabel, variant, className, ...options }: UseActionOptions<T> & { action: (form: FormData) => Promise<ActionOutcome<T>>; submitLabel: string; variant: ButtonVariant; className?: string }) {
  const t = useTranslations("trust");
  const { run, pending, error, fieldError } = useAction(action, options);
  const codeError = fieldError("code");
  return (
    <form
      className={className}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void run(new FormData(e.currentTarget));
      }}
    >
      <Field id="mfa-code" label={t("mfaCode")} error={codeError}>
        <TextInput name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} counter={false} className="w-40 tabular-nums" />
      </Field>
      <Button type="submit" variant={variant} pending={pending}>
        {submitLabel}
      </Button>
      {error && !codeError && <Alert tone="error">{error}</Alert>}
    </form>
  );
}

/**
 * Turning two-factor authentication on: start (a new key) → confirm with a code → the recovery
 * codes, shown once. Nothing refreshes the page on the way, so the codes stay until the person
 * continues; `mustEnrol` shows why the page came up and goes once the set-up is done.
 */
export function MfaEnrolment({ mustEnrol }: { mustEnrol: boolean }) {
  const t = useTranslations("trust");
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useAction(startMfaEnrolmentAction, { refresh: false, onSuccess: setSetup });

  return (
    <>
      {mustEnrol && !codes && <Alert tone="warning">{t("mfaRequiredNotice")}</Alert>}
      <Card className="space-y-3 p-4 text-sm">
        {codes ? (
          <>
            <Alert tone="success">{t("mfaEnabled")}</Alert>
            <RecoveryCodeList codes={codes} />
            <ButtonLink href="/" variant="primary">
              {t("mfaContinue")}
            </ButtonLink>
          </>
        ) : setup ? (
          <>
            <p>{t("mfaScan")}</p>
            <dl className="space-y-2">
              <dt className="font-medium">{t("mfaSecret")}</dt>
              <dd>
                <code data-testid="mfa-secret" className="break-all rounded bg-slate-100 px-2 py-1 font-mono">
                  {setup.secret}
                </code>
              </dd>
              <dt className="font-medium">{t("mfaUri")}</dt>
              <dd>
                <code className="break-all text-xs">{setup.uri}</code>
              </dd>
            </dl>
            <CodeForm action={confirmMfaEnrolmentAction} submitLabel={t("mfaConfirm")} variant="primary" refresh={false} onSuccess={(d) => setCodes(d.recoveryCodes)} className="space-y-3" />
          </>
        ) : (
          <>
            <p>{t("mfaIntro")}</p>
            <Button variant="primary" pending={start.pending} onClick={() => void start.run(null)}>
              {t("mfaStart")}
            </Button>
            {start.error && <Alert tone="error">{start.fieldError("code") ?? start.error}</Alert>}
          </>
        )}
      </Card>
    </>
  );
}

/** The recovery codes, shown once, with what they are for. */
function RecoveryCodeList({ codes }: { codes: string[] }) {
  const t = useTranslations("trust");
  return (
    <>
      <p>{t("mfaRecoveryIntro")}</p>
      <ul aria-label={t("mfaRecoveryCodes")} className="grid grid-cols-1 gap-1 font-mono sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </>
  );
}

/** A new set of recovery codes (the old ones stop working), confirmed with a current code. */
export function RecoveryCodesRegenerate({ left }: { left: number }) {
  const t = useTranslations("trust");
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodeList codes={codes} />;
  return (
    <div className="space-y-2">
      {left === 0 ? <Alert tone="warning">{t("mfaNoRecoveryCodes")}</Alert> : <p>{t("mfaRecoveryLeft", { count: left })}</p>}
      <CodeForm action={regenerateRecoveryCodesAction} submitLabel={t("mfaRegenerate")} variant="secondary" refresh={false} onSuccess={(d) => setCodes(d.recoveryCodes)} className="flex flex-wrap items-end gap-3" />
    </div>
  );
}

/** Turning it off (roles that may): a current code; the page then offers the set-up again. */
export function MfaDisable() {
  const t = useTranslations("trust");
  return <CodeForm action={disableMfaAction} submitLabel={t("mfaTurnOff")} variant="danger" success={t("mfaDisabled")} className="flex flex-wrap items-end gap-3" />;
}

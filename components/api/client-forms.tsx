"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { ActionForm } from "@/components/ui/action-form";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";
import {
  issueStaticTokenAction,
  registerApiClientAction,
  revokeTokenAction,
  rotateClientSecretAction,
  setApiClientEnabledAction,
  updateApiClientAction,
} from "@/app/(app)/admin/api/actions";
import { API_SCOPES, type ApiScopeName } from "@/lib/api/scopes";
import { CHANNELS } from "@/lib/interactions/schemas";
import { DEFAULT_RATE_LIMIT, RATE_LIMIT_MAX, RATE_LIMIT_MIN, STATIC_TOKEN_MAX_DAYS } from "@/lib/api/clients/schemas";

// API clients and tokens (issue 25): the register and settings forms, and the one-time display of
// a secret or a token. A secret lives in this component's state only: leaving or reloading the
// page drops it, and the server never shows it again.

export interface OwnerOption {
  id: number;
  label: string;
}
export interface TeamOption {
  id: number;
  name: string;
}

/** A secret shown once, with a copy button. */
export function SecretOnce({
  title,
  body,
  items,
  onDone,
  children,
}: {
  title: string;
  body: string;
  items: Array<{ label: string; value: string }>;
  onDone: () => void;
  children?: React.ReactNode;
}) {
  const t = useTranslations("apiClients");
  return (
    <div role="region" aria-label={title} className="space-y-2 rounded border border-warn/40 bg-amber-50 p-3">
      <p className="text-sm font-semibold">{title}</p>
      <p className="text-sm text-slate-700">{body}</p>
      <dl className="space-y-2">
        {items.map((item) => (
          <div key={item.label}>
            <dt className="text-xs font-medium text-slate-700">{item.label}</dt>
            <dd className="flex items-center gap-2">
              <code className="min-w-0 break-all rounded bg-white px-2 py-1 font-mono text-xs">{item.value}</code>
              <CopyButton value={item.value} what={item.label} />
            </dd>
          </div>
        ))}
      </dl>
      <div className="flex gap-2">
        {children}
        <Button size="sm" onClick={onDone}>
          {t("done")}
        </Button>
      </div>
    </div>
  );
}

function CopyButton({ value, what }: { value: string; what: string }) {
  const t = useTranslations("apiClients");
  const [copied, setCopied] = useState(false);
  // The visible word starts the accessible name ("Copy Client secret"), as WCAG 2.5.3 asks.
  return (
    <Button
      size="sm"
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(
          () => {
            setCopied(true);
            toast.success(t("copied"));
          },
          () => setCopied(false),
        );
      }}
    >
      {copied ? t("copied") : t("copy")}
      <span className="sr-only"> {what}</span>
    </Button>
  );
}

function ScopeChoices({ idPrefix, defaultValue, error }: { idPrefix: string; defaultValue: readonly ApiScopeName[]; error?: string }) {
  const t = useTranslations();
  return (
    <fieldset className="min-w-0 text-sm" aria-describedby={`${idPrefix}-scopes-hint${error ? ` ${idPrefix}-scopes-error` : ""}`}>
      <legend className="mb-1 text-xs font-medium text-slate-700">{t("apiClients.scopes")}</legend>
      <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
        {API_SCOPES.map((s) => (
          <label key={s} htmlFor={`${idPrefix}-scope-${s}`} className="inline-flex items-center gap-2">
            <Checkbox id={`${idPrefix}-scope-${s}`} name="scopes" value={s} defaultChecked={defaultValue.includes(s)} />
            <span>
              <code className="font-mono text-xs">{s}</code> <span className="text-slate-600">{t(`enums.apiScope.${s}`)}</span>
            </span>
          </label>
        ))}
      </div>
      <p id={`${idPrefix}-scopes-hint`} className="mt-0.5 text-xs text-slate-500">
        {t("apiClients.scopesHint")}
      </p>
      <p id={`${idPrefix}-scopes-error`} aria-live="polite" className={error ? "mt-0.5 text-xs text-bad" : "sr-only"}>
        {error}
      </p>
    </fieldset>
  );
}

interface ClientValues {
  name: string;
  description: string | null;
  ownerId: number | null;
  teamId: number | null;
  scopes: readonly ApiScopeName[];
  rateLimitPerMinute: number;
  channel: string;
}

function ClientFields({
  idPrefix,
  values,
  owners,
  teams,
  fieldError,
}: {
  idPrefix: string;
  values: ClientValues;
  owners: OwnerOption[];
  teams: TeamOption[];
  fieldError: (name: string) => string | undefined;
}) {
  const t = useTranslations();
  return (
    <div className="grid grid-cols-1 items-start gap-3 md:grid-cols-3">
      <Field id={`${idPrefix}-name`} label={t("apiClients.name")} hint={t("apiClients.nameHint")} error={fieldError("name")} required>
        <TextInput name="name" defaultValue={values.name} maxLength={80} autoComplete="off" />
      </Field>
      <Field id={`${idPrefix}-owner`} label={t("apiClients.owner")} hint={t("apiClients.ownerHint")} error={fieldError("ownerId")} required>
        <Select
          name="ownerId"
          options={owners.map((o) => ({ value: o.id, label: o.label }))}
          placeholder={t("apiClients.chooseOwner")}
          defaultValue={values.ownerId ?? ""}
        />
      </Field>
      <Field id={`${idPrefix}-team`} label={t("apiClients.team")} hint={t("apiClients.teamHint")} error={fieldError("teamId")}>
        <Select
          name="teamId"
          options={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
          placeholder={t("apiClients.allTeams")}
          defaultValue={values.teamId ?? ""}
        />
      </Field>
      <div className="md:col-span-2">
        <ScopeChoices idPrefix={idPrefix} defaultValue={values.scopes} error={fieldError("scopes")} />
      </div>
      <div className="grid grid-cols-1 gap-3">
        <Field id={`${idPrefix}-rate`} label={t("apiClients.rateLimit")} error={fieldError("rateLimitPerMinute")} required>
          <TextInput
            name="rateLimitPerMinute"
            type="number"
            inputMode="numeric"
            min={RATE_LIMIT_MIN}
            max={RATE_LIMIT_MAX}
            defaultValue={values.rateLimitPerMinute}
          />
        </Field>
        <Field id={`${idPrefix}-channel`} label={t("apiClients.channel")} error={fieldError("channel")}>
          <Select name="channel" options={CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))} defaultValue={values.channel} />
        </Field>
      </div>
      <Field id={`${idPrefix}-description`} label={t("apiClients.description")} error={fieldError("description")} className="md:col-span-3">
        <TextInput name="description" defaultValue={values.description ?? ""} maxLength={500} />
      </Field>
    </div>
  );
}

/** Register a client: on success the client ID and secret are shown once. */
export function RegisterClientForm({ owners, teams }: { owners: OwnerOption[]; teams: TeamOption[] }) {
  const t = useTranslations("apiClients");
  const [created, setCreated] = useState<{ id: number; name: string; clientKey: string; clientSecret: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  if (created) {
    return (
      <SecretOnce
        title={t("secretOnce.title")}
        body={t("secretOnce.body")}
        items={[
          { label: t("secretOnce.clientId"), value: created.clientKey },
          { label: t("secretOnce.clientSecret"), value: created.clientSecret },
        ]}
        onDone={() => {
          setCreated(null);
          setFormKey((k) => k + 1);
        }}
      >
        <ButtonLink href={`/admin/api/clients/${created.id}`} size="sm" variant="primary">
          {t("secretOnce.openClient")}
        </ButtonLink>
      </SecretOnce>
    );
  }
  return (
    <ActionForm key={formKey} action={registerApiClientAction} success={t("registered")} onSuccess={(data) => setCreated(data)} aria-label={t("register")}>
      {({ pending, fieldError }) => (
        <div className="space-y-3">
          <ClientFields
            idPrefix="new-client"
            values={{
              name: "",
              description: null,
              ownerId: null,
              teamId: null,
              scopes: ["ticket:read"],
              rateLimitPerMinute: DEFAULT_RATE_LIMIT,
              channel: "APP",
            }}
            owners={owners}
            teams={teams}
            fieldError={fieldError}
          />
          <Button type="submit" variant="primary" pending={pending}>
            {t("register")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}

export interface ClientSettings extends ClientValues {
  id: number;
  version: number;
  ownerId: number;
}

export function EditClientForm({ client, owners, teams }: { client: ClientSettings; owners: OwnerOption[]; teams: TeamOption[] }) {
  const t = useTranslations();
  return (
    <ActionForm key={client.version} action={updateApiClientAction} success={t("apiClients.saved")} aria-label={t("apiClients.settings")}>
      {({ pending, fieldError }) => (
        <div className="space-y-3">
          <input type="hidden" name="clientId" value={client.id} />
          <input type="hidden" name="version" value={client.version} />
          <ClientFields idPrefix={`client-${client.id}`} values={client} owners={owners} teams={teams} fieldError={fieldError} />
          <Button type="submit" variant="primary" pending={pending}>
            {t("common.save")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}

/** A new client secret, shown once; the old one and its OAuth tokens stop working. */
export function RotateSecretButton({ clientId, version }: { clientId: number; version: number }) {
  const t = useTranslations("apiClients");
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useAction(rotateClientSecretAction, { success: t("rotated"), onSuccess: (d) => setSecret(d.clientSecret) });
  if (secret) {
    return (
      <SecretOnce
        title={t("secretOnce.title")}
        body={t("secretOnce.body")}
        items={[{ label: t("secretOnce.clientSecret"), value: secret }]}
        onDone={() => setSecret(null)}
      />
    );
  }
  return (
    <div className="space-y-2">
      {rotate.error && <Alert tone="error">{rotate.error}</Alert>}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        trigger={<Button>{t("rotate")}</Button>}
        title={t("rotateTitle")}
        description={t("rotateConfirm")}
        confirmLabel={t("rotate")}
        pending={rotate.pending}
        onConfirm={() => void rotate.run({ clientId, version }).then(() => setOpen(false))}
      />
    </div>
  );
}

export function ClientEnabledButton({ clientId, version, disabled }: { clientId: number; version: number; disabled: boolean }) {
  const t = useTranslations("apiClients");
  const [open, setOpen] = useState(false);
  const toggle = useAction(setApiClientEnabledAction, { success: disabled ? t("enabledToast") : t("disabledToast") });
  return (
    <div className="space-y-2">
      {toggle.error && <Alert tone="error">{toggle.error}</Alert>}
      {disabled ? (
        <Button pending={toggle.pending} onClick={() => void toggle.run({ clientId, version, enabled: true })}>
          {t("enable")}
        </Button>
      ) : (
        <ConfirmDialog
          open={open}
          onOpenChange={setOpen}
          trigger={<Button variant="danger">{t("disable")}</Button>}
          title={t("disableTitle")}
          description={t("disableConfirm")}
          confirmLabel={t("disable")}
          pending={toggle.pending}
          onConfirm={() => void toggle.run({ clientId, version, enabled: false }).then(() => setOpen(false))}
        />
      )}
    </div>
  );
}

/** Issue a static token: shown once, then gone. */
export function IssueTokenForm({ clientId, disabled }: { clientId: number; disabled: boolean }) {
  const t = useTranslations("apiClients");
  const [issued, setIssued] = useState<{ token: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  if (issued) {
    return (
      <SecretOnce
        title={t("tokenOnce.title")}
        body={t("tokenOnce.body")}
        items={[{ label: t("tokenOnce.token"), value: issued.token }]}
        onDone={() => {
          setIssued(null);
          setFormKey((k) => k + 1);
        }}
      />
    );
  }
  return (
    <ActionForm key={formKey} action={issueStaticTokenAction} success={t("issued")} onSuccess={(d) => setIssued({ token: d.token })} aria-label={t("issue")}>
      {({ pending, fieldError }) => (
        <div className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="clientId" value={clientId} />
          <Field id="token-label" label={t("label")} error={fieldError("label")} className="w-56">
            <TextInput name="label" maxLength={80} autoComplete="off" />
          </Field>
          <Field id="token-days" label={t("expiresInDays")} error={fieldError("expiresInDays")} className="w-40">
            <TextInput name="expiresInDays" type="number" inputMode="numeric" min={1} max={STATIC_TOKEN_MAX_DAYS} defaultValue={90} />
          </Field>
          <Button type="submit" variant="primary" pending={pending} disabled={disabled} className="mt-5">
            {t("issue")}
          </Button>
          {fieldError("clientId") && (
            <p role="alert" className="mt-6 text-xs text-bad">
              {fieldError("clientId")}
            </p>
          )}
        </div>
      )}
    </ActionForm>
  );
}

export function RevokeTokenButton({ clientId, tokenId, prefix }: { clientId: number; tokenId: number; prefix: string }) {
  const t = useTranslations("apiClients");
  const [open, setOpen] = useState(false);
  const revoke = useAction(revokeTokenAction, { success: t("revoked") });
  return (
    <span className="inline-flex items-center gap-2">
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        trigger={
          <Button size="sm" variant="danger" aria-label={t("revokeToken", { prefix })}>
            {t("revoke")}
          </Button>
        }
        title={t("revokeTitle", { prefix })}
        description={t("revokeConfirm")}
        confirmLabel={t("revoke")}
        pending={revoke.pending}
        onConfirm={() => void revoke.run({ clientId, tokenId }).then(() => setOpen(false))}
      />
      {revoke.error && (
        <span role="alert" className="text-xs text-bad">
          {revoke.error}
        </span>
      )}
    </span>
  );
}

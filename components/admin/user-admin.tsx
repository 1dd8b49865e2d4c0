"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createUserAction, resetUserMfaAction, resetUserPasswordAction, setUserActiveAction, unlockUserAction, updateUserAction } from "@/app/(app)/admin/users/actions";
import { ROLES } from "@/lib/auth/permissions";

export interface AdminUserRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  teamId: number | null;
  teamName: string | null;
  isActive: boolean;
  isLocked: boolean;
  hasMfa: boolean;
  version: number;
  lastLogin: string;
}
type Result = { ok: true } | { ok: false; error: string; fields?: Record<string, string> };

function useAction() {
  const t = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  function run(fn: () => Promise<Result>, success: string) {
    start(async () => {
      const r = await fn();
      setFields(r.ok ? {} : (r.fields ?? {}));
      setMessage(r.ok ? { ok: true, text: success } : { ok: false, text: t(`errors.${r.error}`) });
      if (r.ok) router.refresh();
    });
  }
  const fieldError = (k: string) => (fields[k] ? t(`trust.fieldErrors.${fields[k]}`) : null);
  return { pending, message, run, fieldError };
}

function Feedback({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return (
    <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-ok" : "text-bad"}`}>
      {message.text}
    </p>
  );
}

export function UnlockButton({ userId, username }: { userId: number; username: string }) {
  const t = useTranslations("trust");
  const a = useAction();
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60" disabled={a.pending} aria-label={t("unlockUser", { username })} onClick={() => a.run(() => unlockUserAction({ userId }), t("unlocked"))}>
        {t("unlock")}
      </button>
      <Feedback message={a.message} />
    </span>
  );
}

export function CreateUserForm({ teams }: { teams: Array<{ id: number; name: string }> }) {
  const t = useTranslations();
  const a = useAction();
  return (
    <form
      className="grid grid-cols-1 gap-3 p-4 md:grid-cols-6"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const form = e.currentTarget;
        a.run(async () => {
          const r = await createUserAction(Object.fromEntries(f));
          if (r.ok) form.reset();
          return r;
        }, t("trust.userCreated"));
      }}
    >
      <Field label={t("admin.username")} name="username" error={a.fieldError("username")} autoComplete="off" />
      <Field label={t("admin.displayName")} name="displayName" error={a.fieldError("displayName")} />
      <RoleSelect id="new-role" name="role" label={t("admin.role")} />
      <TeamSelect id="new-team" name="teamId" label={t("admin.team")} teams={teams} />
      <Field label={t("trust.initialPassword")} name="password" type="password" error={a.fieldError("password")} autoComplete="new-password" />
      <div className="flex items-end">
        <button type="submit" className="w-full rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60" disabled={a.pending}>
          {t("trust.createUser")}
        </button>
      </div>
      <div className="md:col-span-6">
        <Feedback message={a.message} />
      </div>
    </form>
  );
}

function Field({ label, name, type = "text", error, autoComplete }: { label: string; name: string; type?: string; error: string | null; autoComplete?: string }) {
  const id = `f-${name}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium">
        {label}
      </label>
      <input id={id} name={name} type={type} autoComplete={autoComplete} aria-invalid={!!error} aria-describedby={error ? `${id}-err` : undefined} className="w-full rounded border border-slate-300 px-2 py-1 text-sm" />
      {error && (
        <p id={`${id}-err`} className="mt-1 text-xs text-bad">
          {error}
        </p>
      )}
    </div>
  );
}

function RoleSelect({ id, name, label, value, onChange }: { id: string; name: string; label: string; value?: string; onChange?: (v: string) => void }) {
  const t = useTranslations("roles");
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} onChange={(e) => onChange?.(e.target.value)} className="w-full rounded border border-slate-300 px-2 py-1 text-sm">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(r)}
          </option>
        ))}
      </select>
    </div>
  );
}

function TeamSelect({ id, name, label, teams, value }: { id: string; name: string; label: string; teams: Array<{ id: number; name: string }>; value?: number | null }) {
  const t = useTranslations("trust");
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className="w-full rounded border border-slate-300 px-2 py-1 text-sm">
        <option value="">{t("noTeam")}</option>
        {teams.map((tm) => (
          <option key={tm.id} value={tm.id}>
            {tm.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One user: edit name/role/team, deactivate/reactivate, reset password, unlock. */
export function UserRowEditor({ user, teams }: { user: AdminUserRow; teams: Array<{ id: number; name: string }> }) {
  const t = useTranslations();
  const a = useAction();
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr>
        <td>{user.username}</td>
        <td>{user.displayName}</td>
        <td>{t(`roles.${user.role}`)}</td>
        <td>{user.teamName ?? t("common.none")}</td>
        <td>{user.isActive ? t("customer.yes") : t("customer.no")}</td>
        <td>{user.isLocked ? t("trust.locked") : t("common.none")}</td>
        <td>{user.hasMfa ? t("customer.yes") : t("customer.no")}</td>
        <td className="tabular-nums">{user.lastLogin}</td>
        <td>
          <button type="button" className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60" aria-expanded={open} aria-label={t("trust.manageUser", { username: user.username })} onClick={() => setOpen(!open)}>
            {t("trust.manage")}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={9} className="bg-slate-50">
            {/* Keyed by version: after a save (or someone else's) the fields show the stored values,
                while the row keeps its open panel and its message. */}
            <form
              key={user.version}
              className="grid grid-cols-1 gap-3 p-2 md:grid-cols-5"
              onSubmit={(e) => {
                e.preventDefault();
                const f = Object.fromEntries(new FormData(e.currentTarget));
                a.run(() => updateUserAction({ ...f, userId: user.id, version: user.version }), t("trust.userSaved"));
              }}
            >
              <div>
                <label htmlFor={`dn-${user.id}`} className="mb-1 block text-xs font-medium">
                  {t("admin.displayName")}
                </label>
                <input id={`dn-${user.id}`} name="displayName" defaultValue={user.displayName} className="w-full rounded border border-slate-300 px-2 py-1 text-sm" />
              </div>
              <RoleSelect id={`role-${user.id}`} name="role" label={t("admin.role")} value={user.role} />
              <TeamSelect id={`team-${user.id}`} name="teamId" label={t("admin.team")} teams={teams} value={user.teamId} />
              <div className="flex items-end">
                <button type="submit" className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60" disabled={a.pending}>
                  {t("common.save")}
                </button>
              </div>
            </form>
            <div className="flex flex-wrap items-end gap-3 p-2">
              <button
                type="button"
                className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60"
                disabled={a.pending}
                onClick={() => {
                  if (user.isActive && !window.confirm(t("trust.confirmDeactivate", { username: user.username }))) return;
                  a.run(() => setUserActiveAction({ userId: user.id, active: !user.isActive }), user.isActive ? t("trust.deactivated") : t("trust.reactivated"));
                }}
              >
                {user.isActive ? t("trust.deactivate") : t("trust.reactivate")}
              </button>
              {user.hasMfa && (
                <button
                  type="button"
                  className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60"
                  disabled={a.pending}
                  onClick={() => {
                    if (!window.confirm(t("trust.confirmResetMfa", { username: user.username }))) return;
                    a.run(() => resetUserMfaAction({ userId: user.id }), t("trust.mfaWasReset"));
                  }}
                >
                  {t("trust.resetMfa")}
                </button>
              )}
              {user.isLocked && (
                <button type="button" className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60" disabled={a.pending} onClick={() => a.run(() => unlockUserAction({ userId: user.id }), t("trust.unlocked"))}>
                  {t("trust.unlock")}
                </button>
              )}
              <form
                className="flex items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  const f = Object.fromEntries(new FormData(e.currentTarget));
                  a.run(() => resetUserPasswordAction({ userId: user.id, password: f.password }), t("trust.passwordReset"));
                }}
              >
                <div>
                  <label htmlFor={`pw-${user.id}`} className="mb-1 block text-xs font-medium">
                    {t("trust.newPassword")}
                  </label>
                  <input id={`pw-${user.id}`} name="password" type="password" autoComplete="new-password" className="rounded border border-slate-300 px-2 py-1 text-sm" />
                </div>
                <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60" disabled={a.pending}>
                  {t("trust.resetPassword")}
                </button>
              </form>
            </div>
            <div className="px-2 pb-2">
              <Feedback message={a.message} />
              {a.fieldError("password") && <p className="text-xs text-bad">{a.fieldError("password")}</p>}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

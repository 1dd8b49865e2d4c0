"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";
import {
  createUserAction,
  resetUserMfaAction,
  resetUserPasswordAction,
  setUserActiveAction,
  unlockUserAction,
  updateUserAction,
} from "@/app/(app)/admin/users/actions";
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
  lastLoginAt: Date | null;
}
export interface TeamOption {
  id: number;
  name: string;
}

function useChoices(teams: TeamOption[]) {
  const t = useTranslations();
  return {
    roles: ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
    teams: teams.map((tm) => ({ value: tm.id, label: tm.name })),
    noTeam: t("trust.noTeam"),
  };
}

/**
 * The users, the same table on the overview and on user administration: locked accounts can be
 * unlocked in place; with `teams` (user administration) each row also opens its Manage dialog.
 */
export function UserTable({ users, teams }: { users: AdminUserRow[]; teams?: TeamOption[] }) {
  const t = useTranslations();
  const columns: DataColumn[] = [
    { id: "username", header: t("admin.username") },
    { id: "displayName", header: t("admin.displayName") },
    { id: "role", header: t("admin.role") },
    { id: "team", header: t("admin.team") },
    { id: "isActive", header: t("admin.active") },
    { id: "lockout", header: t("trust.lockout") },
    ...(teams ? [{ id: "mfa", header: t("trust.manageMfa") }] : []),
    { id: "lastLoginAt", header: t("admin.lastLogin"), format: "datetime", nowrap: true },
    ...(teams ? [{ id: "manage", header: <span className="sr-only">{t("trust.manage")}</span>, align: "right" as const }] : []),
  ];
  const rows = users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: t(`roles.${u.role}`),
    team: u.teamName,
    isActive: u.isActive,
    lockout: u.isLocked ? <UnlockButton userId={u.id} username={u.username} /> : null,
    mfa: u.hasMfa,
    lastLoginAt: u.lastLoginAt,
    manage: teams ? <ManageUserDialog user={u} teams={teams} /> : null,
  }));
  return <DataTable label={t("admin.users")} columns={columns} rows={rows} />;
}

export function UnlockButton({ userId, username }: { userId: number; username: string }) {
  const t = useTranslations("trust");
  const { run, pending, error } = useAction(unlockUserAction, { success: t("unlocked") });
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" pending={pending} aria-label={t("unlockUser", { username })} onClick={() => run({ userId })}>
        {t("unlock")}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      )}
    </span>
  );
}

export function CreateUserForm({ teams }: { teams: TeamOption[] }) {
  const t = useTranslations();
  const choices = useChoices(teams);
  return (
    <ActionForm action={createUserAction} success={t("trust.userCreated")} resetOnSuccess aria-label={t("trust.createUser")}>
      {({ pending, fieldError }) => (
        <div className="grid grid-cols-1 items-start gap-3 md:grid-cols-6">
          <Field id="new-username" label={t("admin.username")} hint={t("trust.usernameRule")} error={fieldError("username")}>
            <TextInput name="username" autoComplete="off" maxLength={40} />
          </Field>
          <Field id="new-displayName" label={t("admin.displayName")} error={fieldError("displayName")}>
            <TextInput name="displayName" maxLength={80} />
          </Field>
          <Field id="new-role" label={t("admin.role")} error={fieldError("role")}>
            <Select name="role" options={choices.roles} />
          </Field>
          <Field id="new-team" label={t("admin.team")} error={fieldError("teamId")}>
            <Select name="teamId" options={choices.teams} placeholder={choices.noTeam} />
          </Field>
          <Field id="new-password" label={t("trust.initialPassword")} hint={t("trust.passwordRule")} error={fieldError("password")}>
            <TextInput name="password" type="password" autoComplete="new-password" />
          </Field>
          <Button type="submit" variant="primary" pending={pending} className="md:mt-5">
            {t("trust.createUser")}
          </Button>
        </div>
      )}
    </ActionForm>
  );
}

/** One user: name, role and team; deactivate or reactivate; reset password or second factor; unlock. */
function ManageUserDialog({ user, teams }: { user: AdminUserRow; teams: TeamOption[] }) {
  const t = useTranslations();
  const choices = useChoices(teams);
  const [confirm, setConfirm] = useState<"deactivate" | "resetMfa" | null>(null);
  const active = useAction(setUserActiveAction, { success: user.isActive ? t("trust.deactivated") : t("trust.reactivated") });
  const mfa = useAction(resetUserMfaAction, { success: t("trust.mfaWasReset") });
  // The confirmation closes either way; an error shows in the dialog below the buttons.
  const close = () => setConfirm(null);
  const unlock = useAction(unlockUserAction, { success: t("trust.unlocked") });
  const failed = [active, mfa, unlock].find((a) => a.error);
  const id = `user-${user.id}`;
  const title = t("trust.manageUser", { username: user.username });
  return (
    <Dialog
      title={title}
      size="lg"
      trigger={
        <Button size="sm" aria-label={title}>
          {t("trust.manage")}
        </Button>
      }
    >
      <div className="divide-y divide-slate-100 [&>*]:py-3 [&>*:first-child]:pt-0">
        {/* The dialog's content mounts on each opening, so its fields start from the stored values. */}
        <ActionForm action={updateUserAction} success={t("trust.userSaved")} aria-label={t("trust.editUser")}>
          {({ pending, fieldError }) => (
            <div className="grid grid-cols-1 items-start gap-3 sm:grid-cols-[1fr_1fr_1fr_auto]">
              <input type="hidden" name="userId" value={user.id} />
              <input type="hidden" name="version" value={user.version} />
              <Field id={`${id}-displayName`} label={t("admin.displayName")} error={fieldError("displayName")}>
                <TextInput name="displayName" defaultValue={user.displayName} maxLength={80} />
              </Field>
              <Field id={`${id}-role`} label={t("admin.role")} error={fieldError("role")}>
                <Select name="role" options={choices.roles} defaultValue={user.role} />
              </Field>
              <Field id={`${id}-team`} label={t("admin.team")} error={fieldError("teamId")}>
                <Select name="teamId" options={choices.teams} placeholder={choices.noTeam} defaultValue={user.teamId ?? ""} />
              </Field>
              <Button type="submit" variant="primary" pending={pending} className="sm:mt-5">
                {t("common.save")}
              </Button>
            </div>
          )}
        </ActionForm>

        <ActionForm action={resetUserPasswordAction} success={t("trust.passwordReset")} resetOnSuccess aria-label={t("trust.resetPassword")}>
          {({ pending, fieldError }) => (
            <div className="flex flex-wrap items-start gap-3">
              <input type="hidden" name="userId" value={user.id} />
              <Field id={`${id}-password`} label={t("trust.newPassword")} hint={t("trust.passwordRule")} error={fieldError("password")} className="w-64">
                <TextInput name="password" type="password" autoComplete="new-password" />
              </Field>
              <Button type="submit" pending={pending} className="mt-5">
                {t("trust.resetPassword")}
              </Button>
            </div>
          )}
        </ActionForm>

        <div className="flex flex-wrap items-center gap-2">
          {user.isActive ? (
            <Button variant="danger" onClick={() => setConfirm("deactivate")}>
              {t("trust.deactivate")}
            </Button>
          ) : (
            <Button pending={active.pending} onClick={() => active.run({ userId: user.id, active: true })}>
              {t("trust.reactivate")}
            </Button>
          )}
          {user.hasMfa && (
            <Button variant="danger" onClick={() => setConfirm("resetMfa")}>
              {t("trust.resetMfa")}
            </Button>
          )}
          {user.isLocked && (
            <Button pending={unlock.pending} onClick={() => unlock.run({ userId: user.id })}>
              {t("trust.unlock")}
            </Button>
          )}
        </div>
        {failed && <Alert tone="error">{failed.fieldError("userId") ?? failed.error}</Alert>}
      </div>
      <ConfirmDialog
        open={confirm === "deactivate"}
        onOpenChange={(open) => !open && close()}
        title={t("trust.deactivateUser", { username: user.username })}
        description={t("trust.confirmDeactivate")}
        confirmLabel={t("trust.deactivate")}
        pending={active.pending}
        onConfirm={() => void active.run({ userId: user.id, active: false }).then(close)}
      />
      <ConfirmDialog
        open={confirm === "resetMfa"}
        onOpenChange={(open) => !open && close()}
        title={t("trust.resetMfaUser", { username: user.username })}
        description={t("trust.confirmResetMfa")}
        confirmLabel={t("trust.resetMfa")}
        pending={mfa.pending}
        onConfirm={() => void mfa.run({ userId: user.id }).then(close)}
      />
    </Dialog>
  );
}

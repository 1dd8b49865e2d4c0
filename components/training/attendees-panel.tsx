"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { inviteAttendeesAction, markAttendanceAction, scheduleAssignmentAction } from "@/app/(app)/training/actions";
import type { AssignmentRow, SessionDetail } from "@/lib/training/queries";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { MultiSelect } from "@/components/ui/multi-select";
import { useAction } from "@/components/ui/use-action";

/** Who is invited, attendance (once the session has started), test scores; invite the team or pick agents. */
export function AttendeesPanel({ session, agents, started }: { session: SessionDetail; agents: Array<{ id: number; name: string }>; started: boolean }) {
  const t = useTranslations("training.attendees");
  const te = useTranslations("enums");
  const [picked, setPicked] = useState<string[]>([]);
  const invite = useAction(inviteAttendeesAction, { success: (r) => t("invited", { n: r.invited }), onSuccess: () => setPicked([]) });
  const mark = useAction(markAttendanceAction, { success: t("marked") });
  const invitedIds = new Set(session.attendees.map((a) => a.userId));
  const open = session.status !== "CANCELLED";
  return (
    <div className="space-y-3">
      {open && (
        <div className="flex flex-wrap items-end gap-2">
          {session.teamId !== null && (
            <Button type="button" pending={invite.pending} onClick={() => void invite.run({ sessionId: session.id, team: true })}>
              {t("inviteTeam")}
            </Button>
          )}
          <Field id="invite-agents" label={t("pick")} error={invite.fieldError("userIds")}>
            <MultiSelect label={t("pick")} options={agents.filter((a) => !invitedIds.has(a.id)).map((a) => ({ value: String(a.id), label: a.name }))} value={picked} onChange={setPicked} />
          </Field>
          <Button type="button" disabled={!picked.length} pending={invite.pending} onClick={() => void invite.run({ sessionId: session.id, userIds: picked.map(Number) })}>
            {t("invite")}
          </Button>
        </div>
      )}
      {(invite.error || mark.error) && !invite.fieldError("userIds") && <Alert tone="error">{invite.error ?? mark.error}</Alert>}
      {open && !started && session.attendees.length > 0 && <p className="text-xs text-slate-600">{t("markLater")}</p>}
      <DataTable
        label={t("title")}
        columns={[
          { id: "name", header: t("agent") },
          { id: "attendance", header: t("attendance") },
          { id: "score", header: t("score"), format: "integer" },
          { id: "mark", header: <span className="sr-only">{t("mark")}</span> },
        ]}
        rows={session.attendees.map((a) => ({
          id: a.userId,
          name: a.name,
          attendance: <Badge tone={a.attendance === "ATTENDED" ? "ok" : a.attendance === "ABSENT" ? "bad" : "neutral"}>{te(`trainingAttendance.${a.attendance}`)}</Badge>,
          score: a.testScore,
          mark:
            open && started ? (
              <span className="flex gap-1">
                <Button size="sm" variant={a.attendance === "ATTENDED" ? "secondary" : "ghost"} aria-pressed={a.attendance === "ATTENDED"} aria-label={t("attendedOf", { name: a.name })} onClick={() => void mark.run({ sessionId: session.id, userId: a.userId, version: a.version, attendance: "ATTENDED" })}>
                  {t("attended")}
                </Button>
                <Button size="sm" variant={a.attendance === "ABSENT" ? "secondary" : "ghost"} aria-pressed={a.attendance === "ABSENT"} aria-label={t("absentOf", { name: a.name })} onClick={() => void mark.run({ sessionId: session.id, userId: a.userId, version: a.version, attendance: "ABSENT" })}>
                  {t("absent")}
                </Button>
              </span>
            ) : (
              <span />
            ),
        }))}
        empty={t("none")}
      />
    </div>
  );
}

/** Open assignments (of the session's team) a supervisor schedules into this planned session. */
export function ScheduleAssignments({ sessionId, assignments }: { sessionId: number; assignments: AssignmentRow[] }) {
  const t = useTranslations("training.assignments");
  const te = useTranslations("enums");
  const schedule = useAction(scheduleAssignmentAction, { success: t("scheduled") });
  return (
    <Section title={t("toSchedule")} description={t("toScheduleHint")} flush>
      {schedule.error && <Alert tone="error">{schedule.error}</Alert>}
      <DataTable
        label={t("toSchedule")}
        columns={[
          { id: "name", header: t("agent") },
          { id: "reason", header: t("reason") },
          { id: "topic", header: t("topic") },
          { id: "createdAt", header: t("createdAt"), format: "date" },
          { id: "go", header: <span className="sr-only">{t("schedule")}</span> },
        ]}
        rows={assignments.map((a) => ({
          id: a.id,
          name: a.name,
          reason: <span>{te(`trainingAssignmentReason.${a.reason}`)}</span>,
          topic: a.topic,
          createdAt: new Date(a.createdAt),
          go: (
            <Button size="sm" aria-label={t("scheduleOf", { name: a.name })} onClick={() => void schedule.run({ assignmentId: a.id, version: a.version, sessionId })}>
              {t("schedule")}
            </Button>
          ),
        }))}
        empty={t("noneOpen")}
      />
    </Section>
  );
}

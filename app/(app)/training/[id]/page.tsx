import { notFound } from "next/navigation";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { getSession, sessionFormOptions } from "@/lib/training/queries";
import { instantOf } from "@/lib/training/schemas";
import { page } from "@/lib/shared/page";
import { Badge, PageHeader, Section } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { SessionForm } from "@/components/training/session-form";
import { QuestionsEditor } from "@/components/training/questions-editor";
import { AttendeesPanel, ScheduleAssignments } from "@/components/training/attendees-panel";

/** One session for those who run it: details, materials, the test, attendees and attendance, results, assignments to schedule. */
export default page(async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  assertCan(actor, "training:manage"); // a role without it gets 403 whatever the id
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const [t, te, locale, session, options] = await Promise.all([getTranslations("training"), getTranslations("enums"), getLocale(), getSession(actor, Number(id)), sessionFormOptions(actor)]);
  const started = instantOf(session.startsAt).getTime() <= Date.now();
  const scores = session.attendees.filter((a) => a.testScore !== null).map((a) => a.testScore as number);
  const attended = session.attendees.filter((a) => a.attendance === "ATTENDED").length;
  const passed = scores.filter((s) => s >= session.passScore).length;
  const agents = options.agents.filter((a) => session.teamId === null || a.teamId === session.teamId);
  return (
    <div className="space-y-4">
      <PageHeader
        title={session.topic}
        description={
          <span className="flex items-center gap-2">
            <Badge tone={session.status === "HELD" ? "ok" : session.status === "CANCELLED" ? "paused" : "brand"}>{te(`trainingStatus.${session.status}`)}</Badge>
            <Link href="/training" className="text-brand underline-offset-2 hover:underline">
              {t("detail.back")}
            </Link>
          </span>
        }
      />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={t("detail.invited")} value={String(session.attendees.length)} />
        <Stat label={t("detail.attended")} value={String(attended)} />
        <Stat label={t("detail.average")} value={scores.length ? (scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(1) : "—"} />
        <Stat label={t("detail.passed")} value={scores.length ? `${passed} / ${scores.length}` : "—"} />
      </div>
      {session.materials.length > 0 && (
        <Section title={t("detail.materials")}>
          <ul className="list-inside list-disc text-sm">
            {session.materials.map((m) => (
              <li key={m.id}>
                <Link href={`/knowledge/${m.id}`} className="text-brand underline-offset-2 hover:underline">
                  {locale === "en" && m.titleEn ? m.titleEn : m.titleZh}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t("detail.attendees")} description={t("detail.attendeesHint")}>
        <AttendeesPanel session={session} agents={agents} started={started} />
      </Section>
      {session.status === "PLANNED" && <ScheduleAssignments sessionId={session.id} assignments={session.openAssignments} />}
      <Section title={t("test.title")} description={t("test.hint")}>
        <QuestionsEditor key={session.version} sessionId={session.id} version={session.version} questions={session.questions} locked={scores.length > 0 || session.status === "CANCELLED"} />
      </Section>
      <Section title={t("form.details")}>
        <SessionForm key={session.version} options={options} session={session} defaultStartsAt={session.startsAt} defaultTrainerId={session.trainerId} />
      </Section>
    </div>
  );
});

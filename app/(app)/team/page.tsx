import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { getTeamOverview, listVisibleTeams } from "@/lib/teams/queries";
import { NotFoundError } from "@/lib/shared/errors";

const params = z.object({ team: z.coerce.number().int().positive().optional().catch(undefined) });

export default async function TeamPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const teams = await listVisibleTeams(actor);
  const { team: requested } = params.parse(await searchParams);
  const teamId = requested ?? actor.teamId ?? teams[0]?.id;
  if (!teamId) return <p className="text-sm text-slate-600">{t("team.noTeam")}</p>;
  let team;
  try {
    team = await getTeamOverview(actor, teamId);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-xl font-semibold">
        {t("team.title")} · {locale === "en" ? team.nameEn : team.nameZh}
      </h1>
      {teams.length > 1 && (
        <nav aria-label={t("team.teamName")} className="flex gap-2 text-sm">
          {teams.map((tm) => (
            <Link key={tm.id} href={`/team?team=${tm.id}`} aria-current={tm.id === team.id ? "page" : undefined} className={`rounded px-2 py-1 ${tm.id === team.id ? "bg-brand-50 text-brand-700" : "hover:bg-slate-100"}`}>
              {locale === "en" ? tm.nameEn : tm.nameZh}
            </Link>
          ))}
        </nav>
      )}
      <section className="card">
        {team.members.length === 0 ? (
          <p className="p-4 text-sm text-slate-500">{t("team.empty")}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("team.member")}</th>
                <th>{t("team.role")}</th>
                <th className="num">{t("team.today")}</th>
                <th className="num">{t("team.week")}</th>
                <th className="num">{t("team.avgDuration")}</th>
                <th>{t("team.lastLogin")}</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((m) => (
                <tr key={m.id}>
                  <td>{m.displayName}</td>
                  <td>{t(`roles.${m.role}`)}</td>
                  <td className="num">{m.today}</td>
                  <td className="num">{m.week}</td>
                  <td className="num">{m.avgDurationSec ?? t("common.none")}</td>
                  <td>{m.lastLoginAt ? format.dateTime(m.lastLoginAt, { dateStyle: "short", timeStyle: "short" }) : t("team.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

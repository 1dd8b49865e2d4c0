import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { page } from "@/lib/shared/page";
import { gapReportParams } from "@/lib/knowledge/schemas";
import { getSearchGapReport } from "@/lib/knowledge/queries";
import { EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { FilterChips } from "@/components/ui/filter-chips";
import { ButtonLink } from "@/components/ui/button";

const WINDOWS = [7, 30, 90] as const;

/** The gap report (knowledge:write): what staff searched for and opened nothing from — articles to write or words to add as synonyms. */
export default page(async function KnowledgeGapsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { days } = gapReportParams.parse(await searchParams);
  const [t, rows] = await Promise.all([getTranslations("knowledge.gaps"), getSearchGapReport(actor, { days })]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("hint")} actions={<ButtonLink href="/knowledge/new">{t("write")}</ButtonLink>} />
      <FilterChips label={t("window")} chips={WINDOWS.map((d) => ({ label: t("lastDays", { n: d }), href: `/knowledge/gaps?days=${d}`, selected: d === days }))} />
      <Section title={t("queries", { n: rows.length })} flush>
        <DataTable
          label={t("title")}
          columns={[
            { id: "query", header: t("query") },
            { id: "searches", header: t("searches"), format: "integer" },
            { id: "users", header: t("users"), format: "integer" },
            { id: "noResults", header: t("noResults"), format: "integer" },
            { id: "lastAt", header: t("lastAt"), format: "datetime", nowrap: true },
          ]}
          rows={rows.map((r) => ({
            id: r.normalized,
            query: (
              <Link href={`/knowledge?q=${encodeURIComponent(r.normalized)}`} className="text-brand-700 hover:underline">
                {r.normalized}
              </Link>
            ),
            searches: r.searches,
            users: r.users,
            noResults: r.noResults,
            lastAt: r.lastAt,
          }))}
          empty={<EmptyState>{t("none")}</EmptyState>}
        />
      </Section>
    </div>
  );
});

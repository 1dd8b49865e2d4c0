import Link from "next/link";
import { z } from "zod";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { page } from "@/lib/shared/page";
import { getArticle, getRevisionDiff, listRevisions } from "@/lib/knowledge/queries";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { DiffView } from "@/components/knowledge/diff-view";
import { RestoreButton } from "@/components/knowledge/restore-button";

const routeParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const query = z.object({ rev: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined) });

/** An article's revisions (knowledge:write): what each changed against the one before, and restore. */
export default page(async function KnowledgeRevisionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  assertCan(actor, "knowledge:write");
  const { id } = routeParams.parse(await params);
  const a = await getArticle(actor, id);
  const rev = query.parse(await searchParams).rev ?? a.revision;
  const [t, locale, revisions, diff] = await Promise.all([getTranslations("knowledge.revisions"), getLocale(), listRevisions(actor, id), getRevisionDiff(actor, id, rev)]);
  const labels = { addedLabel: t("added"), removedLabel: t("removed"), emptyLabel: t("noChanges") };
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title", { title: locale === "en" && a.titleEn ? a.titleEn : a.titleZh })}
        description={t("hint")}
        actions={<ButtonLink href={`/knowledge/${id}`}>{t("back")}</ButtonLink>}
      />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,28rem)_minmax(0,1fr)]">
        <Section title={t("history")} flush>
          <DataTable
            label={t("history")}
            columns={[
              { id: "revision", header: t("revision"), format: "integer" },
              { id: "at", header: t("at"), format: "datetime", nowrap: true },
              { id: "author", header: t("author"), nowrap: true },
              { id: "note", header: t("note") },
            ]}
            rows={revisions.map((r) => ({
              id: r.revision,
              revision: r.revision,
              at: r.at,
              author: r.authorName,
              note: (
                <Link href={`/knowledge/${id}/revisions?rev=${r.revision}`} aria-current={r.revision === rev ? "true" : undefined} className="text-brand-700 hover:underline">
                  {r.note || t("view")}
                </Link>
              ),
            }))}
          />
        </Section>
        <Card className="space-y-4 p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-sm font-semibold">{diff.against ? t("diffOf", { revision: diff.revision, against: diff.against }) : t("firstRevision", { revision: diff.revision })}</h2>
            {rev !== a.revision ? <RestoreButton articleId={id} revision={rev} version={a.version} /> : <span className="text-xs text-slate-500">{t("current")}</span>}
          </div>
          <DiffView label={t("titleChanges")} ops={diff.title} {...labels} />
          <DiffView label={t("tagChanges")} ops={diff.tags} {...labels} />
          <DiffView label={t("bodyZh")} ops={diff.bodyZh} lang="zh-CN" {...labels} />
          <DiffView label={t("bodyEn")} ops={diff.bodyEn} lang="en" {...labels} />
        </Card>
      </div>
    </div>
  );
});

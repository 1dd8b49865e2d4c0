import Link from "next/link";
import { forbidden } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { compareSegments, listSegments } from "@/lib/segments/queries";
import { listLatestValueJobs } from "@/lib/scoring/jobs";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field, Select } from "@/components/ui/field";
import { Stat } from "@/components/ui/stat";
import { JobRunner } from "@/components/value/job-runner";
import { page } from "@/lib/shared/page";

const params = z.object({ a: z.coerce.number().int().positive().optional().catch(undefined), b: z.coerce.number().int().positive().optional().catch(undefined) });

export default page(async function SegmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) forbidden();
  const { a, b } = params.parse(await searchParams);
  const [t, format, segments, jobs, overlap] = await Promise.all([
    getTranslations("segments"),
    getFormatter(),
    listSegments(actor),
    listLatestValueJobs(actor),
    a && b && a !== b ? compareSegments(actor, a, b).catch(() => null) : null,
  ]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("list.title")}
        actions={
          <>
            <ButtonLink href="/segments/new" variant="primary">
              {t("list.new")}
            </ButtonLink>
            <ButtonLink href="/segments/discover">{t("list.discover")}</ButtonLink>
          </>
        }
      />
      <Card>
        <DataTable
          label={t("list.title")}
          columns={[
            { id: "name", header: t("list.name") },
            { id: "kind", header: t("list.kind") },
            { id: "size", header: t("list.size"), format: "integer" },
            { id: "refreshedAt", header: t("list.refreshed"), format: "datetime", nowrap: true },
          ]}
          rows={segments.map((s) => ({
            id: s.id,
            name: (
              <>
                <Link href={`/segments/${s.id}`} className="font-medium text-brand-700 hover:underline">
                  {s.name}
                </Link>
                {s.description && <span className="ml-2 text-xs text-slate-500">{s.description}</span>}
              </>
            ),
            kind: t(`kind.${s.kind}`),
            size: s.size,
            refreshedAt: s.refreshedAt,
          }))}
          empty={t("list.empty")}
        />
      </Card>
      <Section title={t("list.refreshAll")} description={t("list.refreshHint")}>
        <JobRunner kind="SEGMENT_REFRESH" label={t("list.refreshNow")} initial={jobs.SEGMENT_REFRESH ?? null} />
      </Section>
      {segments.length >= 2 && (
        <Section title={t("overlap.title")}>
          <form className="flex flex-wrap items-end gap-3">
            {(["a", "b"] as const).map((k) => (
              <Field key={k} id={`overlap-${k}`} label={t(`overlap.${k}`)} className="w-64">
                <Select name={k} defaultValue={k === "a" ? a : b} options={segments.map((s) => ({ value: s.id, label: s.name }))} />
              </Field>
            ))}
            <Button type="submit">{t("overlap.compare")}</Button>
          </form>
          {overlap && (
            <div className="mt-3 grid max-w-3xl grid-cols-2 gap-3 md:grid-cols-4">
              <Stat label={t("overlap.onlyA", { name: overlap.a.name })} value={format.number(overlap.onlyA)} />
              <Stat label={t("overlap.both")} value={format.number(overlap.both)} />
              <Stat label={t("overlap.onlyB", { name: overlap.b.name })} value={format.number(overlap.onlyB)} />
              <Stat label={t("overlap.jaccard")} value={format.number(overlap.jaccard, { style: "percent", maximumFractionDigits: 1 })} />
            </div>
          )}
        </Section>
      )}
    </div>
  );
});

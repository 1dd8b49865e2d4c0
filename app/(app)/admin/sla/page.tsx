import { z } from "zod";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listCategoryTree } from "@/lib/complaints/categories";
import { listSlaCalendars, listSlaMatrix, previewSlaCell, type SlaPreview } from "@/lib/sla/matrix";
import { ALL_CATEGORIES, VALUE_TIER_KEYS } from "@/lib/sla/matrix-rules";
import { COMPLAINT_GRADES } from "@/lib/complaints/schemas";
import { Badge, PageHeader, Section } from "@/components/ui/card";
import { Button, ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Checkbox, Field, Select } from "@/components/ui/field";
import { RemoveSlaCell, SlaCellDialog } from "@/components/admin/sla-matrix";
import { page } from "@/lib/shared/page";

const query = z.object({
  category: z.string().max(40).optional().catch(undefined),
  pcat: z.coerce.number().int().positive().optional().catch(undefined),
  pgrade: z.enum(COMPLAINT_GRADES).optional().catch(undefined),
  ptier: z.enum(VALUE_TIER_KEYS).optional().catch(undefined),
  pappeal: z.literal("on").optional().catch(undefined),
});

export default page(async function SlaMatrixPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations("slaAdmin");
  const locale = await getLocale();
  const q = query.parse(await searchParams);
  const now = new Date();
  const wantsPreview = q.pcat != null && q.pgrade != null && q.ptier != null;
  const [cells, tree, calendars, preview] = await Promise.all([
    listSlaMatrix(actor, now),
    listCategoryTree(actor),
    listSlaCalendars(actor),
    wantsPreview ? previewSlaCell(actor, { categoryId: q.pcat, grade: q.pgrade, valueTier: q.ptier, isAppeal: q.pappeal === "on" }, now) : Promise.resolve(null as SlaPreview | null),
  ]);
  const named = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);
  const catName = (code: string) => {
    if (code === ALL_CATEGORIES) return t("all");
    const c = tree.find((x) => x.code === code);
    return c ? named(c) : code;
  };
  const calName = (id: number) => {
    const c = calendars.find((x) => x.id === id);
    return c ? named(c) : String(id);
  };
  const duration = (min: number) => (min % 60 === 0 ? t("hours", { n: min / 60 }) : t("minutes", { n: min }));
  const when = (d: Date) => d.toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });
  const shown = q.category ? cells.filter((c) => c.categoryCode === q.category) : cells;
  const categoryOptions = [{ value: ALL_CATEGORIES, label: t("all") }, ...tree.map((c) => ({ value: c.code, label: `${"\u00a0\u00a0".repeat(c.depth + 1)}${named(c)}${c.isActive ? "" : ` (${t("inactive")})`}` }))];
  const calendarOptions = calendars.map((c) => ({ value: c.id, label: named(c) }));
  const label = (c: (typeof cells)[number]) => [catName(c.categoryCode), t(`gradeName.${c.grade}`), t(`tierName.${c.valueTier}`), c.isAppeal ? t("appeal") : null].filter(Boolean).join(" · ");

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <>
            <ButtonLink href="/admin/service-standards" variant="link">
              {t("back")}
            </ButtonLink>
            <SlaCellDialog categories={categoryOptions} calendars={calendarOptions} defaultCategory={q.category} />
          </>
        }
      />

      <Section
        title={q.category ? t("cellsOf", { name: catName(q.category) }) : t("cells")}
        description={q.category ? t("inheritHint") : undefined}
        actions={
          q.category ? (
            <ButtonLink href="/admin/sla" size="sm" variant="link">
              {t("showAll")}
            </ButtonLink>
          ) : undefined
        }
        flush
      >
        <DataTable
          label={t("cells")}
          dense
          empty={t("emptyCategory")}
          columns={[
            { id: "category", header: t("category") },
            { id: "grade", header: t("grade"), nowrap: true },
            { id: "tier", header: t("tier"), nowrap: true },
            { id: "appeal", header: t("appeal") },
            { id: "firstResponse", header: t("col.firstResponseMin"), align: "right", nowrap: true },
            { id: "feedback", header: t("col.feedbackMin"), align: "right", nowrap: true },
            { id: "resolution", header: t("col.resolutionMin"), align: "right", nowrap: true },
            { id: "cycle", header: t("col.cycleMin"), align: "right", nowrap: true },
            { id: "calendar", header: t("calendar") },
            { id: "warn", header: t("col.warnRatio"), format: "percent" },
            { id: "from", header: t("col.effectiveFrom"), nowrap: true },
            { id: "versions", header: t("col.versions"), format: "integer" },
            { id: "actions", header: t("col.actions"), nowrap: true },
          ]}
          rows={shown.map((c) => ({
            id: c.id,
            category: <span>{catName(c.categoryCode)}</span>,
            grade: t(`gradeName.${c.grade}`),
            tier: t(`tierName.${c.valueTier}`),
            appeal: c.isAppeal ? t("yes") : "",
            firstResponse: duration(c.firstResponseMin),
            feedback: duration(c.feedbackMin),
            resolution: duration(c.resolutionMin),
            cycle: duration(c.cycleMin),
            calendar: calName(c.calendarId),
            warn: c.warnRatio,
            from: c.isScheduled ? <Badge tone="brand">{t("scheduled", { at: when(c.effectiveFrom) })}</Badge> : <span>{when(c.effectiveFrom)}</span>,
            versions: c.versions,
            actions: (
              <span className="flex gap-1">
                <SlaCellDialog cell={{ ...c, label: label(c) }} categories={categoryOptions} calendars={calendarOptions} />
                {!(c.categoryCode === ALL_CATEGORIES && c.valueTier === "STANDARD") && <RemoveSlaCell cell={{ id: c.id, label: label(c) }} />}
              </span>
            ),
          }))}
        />
      </Section>

      <Section title={t("preview")} description={t("previewHint")}>
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("preview")}>
          {q.category && <input type="hidden" name="category" value={q.category} />}
          <Field id="pcat" label={t("category")} className="min-w-56">
            <Select name="pcat" defaultValue={q.pcat ?? ""} options={tree.filter((c) => c.isActive).map((c) => ({ value: c.id, label: `${"\u00a0\u00a0".repeat(c.depth)}${named(c)}` }))} />
          </Field>
          <Field id="pgrade" label={t("grade")}>
            <Select name="pgrade" defaultValue={q.pgrade ?? "GENERAL"} options={COMPLAINT_GRADES.map((g) => ({ value: g, label: t(`gradeName.${g}`) }))} />
          </Field>
          <Field id="ptier" label={t("tier")}>
            <Select name="ptier" defaultValue={q.ptier ?? "STANDARD"} options={VALUE_TIER_KEYS.map((v) => ({ value: v, label: t(`tierName.${v}`) }))} />
          </Field>
          <Field id="pappeal" label={t("appealLong")} inline className="pb-1">
            <Checkbox name="pappeal" defaultChecked={q.pappeal === "on"} />
          </Field>
          <Button type="submit">{t("previewButton")}</Button>
        </form>
        {preview && (
          <div className="mt-3 text-sm" role="status">
            {preview.targets && preview.due && preview.source ? (
              <>
                <p className="mb-2">
                  {t("previewSource", { cell: [catName(preview.source.categoryCode), t(`tierName.${preview.source.valueTier}`)].join(" · "), calendar: calName(preview.targets.calendarId) })}
                </p>
                <dl className="grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-5">
                  {(
                    [
                      ["firstResponseMin", preview.targets.firstResponseMin, preview.due.firstResponse],
                      ["feedbackMin", preview.targets.feedbackMin, preview.due.feedback],
                      ["resolutionMin", preview.targets.resolutionMin, preview.due.resolution],
                      ["cycleMin", preview.targets.cycleMin, preview.due.cycle],
                    ] as const
                  ).map(([f, min, due]) => (
                    <div key={f}>
                      <dt className="text-slate-600">{t(`field.${f}`)}</dt>
                      <dd className="tabular-nums">
                        {duration(min)} → {when(due)}
                      </dd>
                    </div>
                  ))}
                  <div>
                    <dt className="text-slate-600">{t("previewWarn")}</dt>
                    <dd className="tabular-nums">{when(preview.due.warnFirstResponse)}</dd>
                  </div>
                </dl>
              </>
            ) : (
              <p>{t("previewNone")}</p>
            )}
          </div>
        )}
      </Section>
    </div>
  );
});

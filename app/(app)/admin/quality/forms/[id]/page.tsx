import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";
import { getFormForEdit } from "@/lib/quality/queries";
import { computeScore } from "@/lib/quality/scoring";
import { Alert, Badge, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { DeactivateItemButton, ItemDialog, QaFormDialog } from "@/components/quality/quality-admin";
import { page } from "@/lib/shared/page";

const idParam = z.coerce.number().int().positive().max(2_147_483_647);

/**
 * One QA form's items (issue 24): sections, weights, max points, fatal items, the norm each scores.
 * An item already scored with is replaced, never rewritten; taking one off deactivates it.
 */
export default page(async function QaFormPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const [t, te, locale, { form, items, norms }] = await Promise.all([getTranslations("quality.admin"), getTranslations("enums"), getLocale(), getFormForEdit(actor, id.data)]);
  const en = locale === "en";
  const totalWeight = items.filter((i) => !i.isFatal).reduce((a, i) => a + i.weight, 0);
  const hasFatal = items.some((i) => i.isFatal);
  const label = (i: (typeof items)[number]) => (en ? i.labelEn : i.labelZh);
  return (
    <div className="space-y-4">
      <PageHeader
        title={en ? form.nameEn : form.nameZh}
        description={`${te(`qaTarget.${form.target}`)} · ${t("passScore")} ${form.passScore}`}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Link href="/admin/quality" className="text-sm text-brand-700 underline">
              {t("back")}
            </Link>
            <QaFormDialog form={form} label={t("editForm")} />
            <ItemDialog formId={form.id} formVersion={form.version} norms={norms} label={t("newItem")} locale={locale} />
          </div>
        }
      />
      <Alert tone="info">{t("itemsHint", { weight: totalWeight, example: computeScore(items, []).score })}</Alert>
      {!hasFatal && <Alert tone="warning">{t("noFatal")}</Alert>}
      <Section title={t("items")} flush>
        <DataTable
          label={t("items")}
          columns={[
            { id: "section", header: t("section"), nowrap: true },
            { id: "label", header: t("label") },
            { id: "maxPoints", header: t("maxPoints"), format: "integer" },
            { id: "weight", header: t("weight"), format: "integer" },
            { id: "share", header: t("share"), format: "number" },
            { id: "norm", header: t("norm") },
            { id: "actions", header: <span className="sr-only">{t("edit")}</span> },
          ]}
          rows={items.map((i) => ({
            id: i.id,
            section: <span>{te(`qaSection.${i.section}`)}</span>,
            label: (
              <span>
                {label(i)}
                {i.isFatal && (
                  <Badge tone="bad" className="ml-1">
                    {t("fatal")}
                  </Badge>
                )}
              </span>
            ),
            maxPoints: i.maxPoints,
            weight: i.weight,
            share: i.isFatal || totalWeight === 0 ? null : Math.round((10000 * i.weight) / totalWeight) / 100,
            norm: (en ? i.normEn : i.normZh) ?? "—",
            actions: (
              <span className="flex gap-1">
                <ItemDialog formId={form.id} formVersion={form.version} item={i} norms={norms} label={t("edit")} locale={locale} />
                <DeactivateItemButton formId={form.id} formVersion={form.version} itemId={i.id} name={label(i)} />
              </span>
            ),
          }))}
          empty={t("noItems")}
        />
      </Section>
    </div>
  );
});

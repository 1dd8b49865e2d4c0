"use client";

import { useLocale, useTranslations } from "next-intl";
import { FormTable } from "@/components/ui/form-table";
import { saveCategoryRoutingAction } from "@/app/(app)/admin/routing/actions";
import type { CategoryRoutingRow } from "@/lib/routing/queries";

/** The categories' "route general complaints automatically" switch, a row form each. */
export function CategoryRoutingTable({ categories }: { categories: CategoryRoutingRow[] }) {
  const t = useTranslations("routing");
  const locale = useLocale();
  const name = (c: CategoryRoutingRow) => (locale === "en" ? c.nameEn : c.nameZh);
  return (
    <FormTable
      label={t("categories.title")}
      action={saveCategoryRoutingAction}
      success={t("saved")}
      saveLabel={t("save")}
      columns={[
        { id: "category", header: t("categories.category") },
        { id: "skills", header: t("categories.skills") },
        { id: "autoRouteGeneral", header: t("categories.autoRouteGeneral"), control: { type: "checkbox" } },
      ]}
      rows={categories.map((c) => ({
        id: c.id,
        label: name(c),
        keys: { categoryId: c.id, routingVersion: c.routingVersion },
        values: {
          category: <span className={c.parentId != null ? "pl-4" : "font-medium"}>{name(c)}</span>,
          skills: <span className="font-mono text-xs">{c.skillTags.length ? c.skillTags.join(", ") : t("categories.none")}</span>,
          autoRouteGeneral: c.autoRouteGeneral,
        },
      }))}
    />
  );
}

import Link from "next/link";
import { z } from "zod";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getRevision, listRevisions } from "@/lib/config/history";
import { isRestorable } from "@/lib/config/restore";
import { revisionListFilter } from "@/lib/config/history-schemas";
import { Alert, PageHeader, Section } from "@/components/ui/card";
import { Button, ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field, Select } from "@/components/ui/field";
import { RestoreRevision } from "@/components/admin/restore-revision";
import { page } from "@/lib/shared/page";

const query = revisionListFilter.extend({ rev: z.coerce.number().int().positive().optional().catch(undefined) });

export default page(async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations("history");
  const sla = await getTranslations("slaAdmin");
  const locale = await getLocale();
  const q = query.parse(await searchParams);
  const [list, rev] = await Promise.all([listRevisions(actor, q), q.rev ? getRevision(actor, q.rev) : Promise.resolve(null)]);
  const when = (d: Date) => d.toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" });
  const entityName = (e: string) => (t.has(`entity.${e}`) ? t(`entity.${e}`) : e);
  /** A field by its label; nested paths ("definition.weekly.1") by their last parts: "Weekly hours · Monday". */
  const fieldName = (f: string): string => {
    const parts = f.split(".").filter((p) => p !== "definition");
    const label = (p: string) => (t.has(`field.${p}`) ? t(`field.${p}`) : p);
    if (parts[0] === "weekly" && parts.length === 2 && /^[0-6]$/.test(parts[1]!)) return `${label("weekly")} · ${t(`weekday.${parts[1]}`)}`;
    return parts.map(label).join(" · ");
  };
  /** Grades and tiers by their names, not their codes. */
  const fieldValue = (field: string, v: unknown): string => {
    if ((field === "grade" || field === "defaultGrade") && typeof v === "string" && sla.has(`gradeName.${v}`)) return sla(`gradeName.${v}`);
    if (field === "valueTier" && typeof v === "string" && sla.has(`tierName.${v}`)) return sla(`tierName.${v}`);
    return value(v);
  };
  const value = (v: unknown): string => {
    if (v === undefined || v === null || v === "") return "—";
    if (typeof v === "boolean") return v ? t("yes") : t("no");
    if (Array.isArray(v)) return v.length ? v.map(value).join(", ") : "—";
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v)) return when(new Date(v));
    if (typeof v === "object") {
      // An interval reads as a time range; any other record as its labelled fields (never JSON).
      const o = v as Record<string, unknown>;
      if (typeof o.start === "string" && typeof o.end === "string" && Object.keys(o).length === 2) return `${o.start}–${o.end}`;
      return Object.entries(o)
        .map(([k, x]) => `${fieldName(k)}: ${k === "notifyRole" && typeof x === "string" && t.has(`role.${x}`) ? t(`role.${x}`) : value(x)}`)
        .join(" · ");
    }
    return String(v);
  };
  const params = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ entity: q.entity, key: q.key, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `/admin/history?${s}` : "/admin/history";
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <ButtonLink href="/admin/service-standards" variant="link">
            {t("back")}
          </ButtonLink>
        }
      />

      {rev && (
        <Section title={t("revisionTitle", { what: `${entityName(rev.entity)} ${rev.entityKey}`, version: rev.version })} id="revision">
          <p className="mb-3 text-sm text-slate-600">
            {t("revisionMeta", { who: rev.changedBy ?? t("system"), when: when(rev.changedAt) })}{" "}
            {rev.previous ? t("comparedWith", { version: rev.previous.version }) : t("firstVersion")}
          </p>
          <DataTable
            label={t("diff")}
            dense
            empty={t("noChanges")}
            columns={[
              { id: "field", header: t("colField") },
              { id: "before", header: t("colBefore") },
              { id: "after", header: t("colAfter") },
            ]}
            rows={rev.changes.map((c) => ({
              id: c.field,
              field: fieldName(c.field),
              before: <del className="text-slate-600">{fieldValue(c.field, c.before)}</del>,
              after: <ins className="font-medium no-underline">{fieldValue(c.field, c.after)}</ins>,
            }))}
          />
          <div className="mt-3">
            {!isRestorable(rev.entity) ? (
              <Alert tone="info">{t("notRestorable")}</Alert>
            ) : rev.version === rev.latestVersion ? (
              <p className="text-sm text-slate-600">{t("isCurrent")}</p>
            ) : (
              <RestoreRevision revisionId={rev.id} label={`${entityName(rev.entity)} ${rev.entityKey} · v${rev.version}`} />
            )}
          </div>
        </Section>
      )}

      <Section title={t("list")} flush>
        <form method="get" className="flex flex-wrap items-end gap-3 p-3" aria-label={t("filter")}>
          <Field id="entity" label={t("entityFilter")}>
            <Select
              name="entity"
              defaultValue={q.entity ?? ""}
              options={[{ value: "", label: t("allEntities") }, ...list.entities.map((e) => ({ value: e, label: entityName(e) }))]}
            />
          </Field>
          {q.key && <input type="hidden" name="key" value={q.key} />}
          <Button type="submit">{t("apply")}</Button>
          {q.key && (
            <ButtonLink href={params({ key: undefined })} variant="link">
              {t("clearKey", { key: q.key })}
            </ButtonLink>
          )}
        </form>
        <DataTable
          label={t("list")}
          dense
          empty={t("empty")}
          pager={{ next: list.nextCursor ? params({ cursor: list.nextCursor }) : undefined, first: q.cursor ? params({}) : undefined }}
          columns={[
            { id: "changedAt", header: t("colWhen"), nowrap: true },
            { id: "changedBy", header: t("colWho") },
            { id: "entity", header: t("colEntity") },
            { id: "key", header: t("colKey") },
            { id: "version", header: t("colVersion"), format: "integer" },
            { id: "changed", header: t("colChanged") },
          ]}
          rows={list.rows.map((r) => ({
            id: r.id,
            changedAt: (
              <Link
                href={params({ rev: r.id, cursor: q.cursor })}
                className="text-brand-700 hover:underline"
                aria-current={q.rev === Number(r.id) ? "true" : undefined}
              >
                {when(r.changedAt)}
              </Link>
            ),
            changedBy: r.changedBy ?? t("system"),
            entity: entityName(r.entity),
            key: (
              <Link href={params({ key: r.entityKey, entity: r.entity })} className="font-mono text-xs text-brand-700 hover:underline">
                {r.entityKey}
              </Link>
            ),
            version: r.version,
            changed: <span>{r.isFirst ? t("created") : r.changed.map(fieldName).join(", ") || t("noChanges")}</span>,
          }))}
        />
      </Section>
    </div>
  );
});

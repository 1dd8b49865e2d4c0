import { getLocale, getTranslations } from "next-intl/server";
import { cityLabel } from "@/lib/i18n/cities";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getCustomerSearchTerm, searchCustomers, type SearchResult } from "@/lib/customers/queries";
import { RateLimitError } from "@/lib/shared/errors";
import { takeToken } from "@/lib/shared/rate-limit";
import { getValueTiers } from "@/lib/scoring/queries";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Alert, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { TierBadge } from "@/components/value/tier-badge";
import { CustomerSearchForm } from "@/components/customers/search-form";
import { page } from "@/lib/shared/page";

// The search is addressed by its kept-search id (startCustomerSearchAction), never by the term.
const params = z.object({ s: z.string().max(64).optional().catch(undefined), cursor: z.string().max(400).optional().catch(undefined) });

export default page(async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const locale = await getLocale();
  const t = await getTranslations();
  const { s, cursor } = params.parse(await searchParams);
  const q = s ? ((await getCustomerSearchTerm(actor, s)) ?? "") : "";
  // The same per-user bucket as the header search (shared by all app nodes); an ID number also
  // takes from its own, tighter one (inside searchCustomers).
  let limited = q ? !(await takeToken("search", String(actor.id))) : false;
  let result: SearchResult | null = null;
  if (q && !limited) {
    try {
      result = await searchCustomers(actor, { q, cursor, limit: 20 });
    } catch (e) {
      if (!(e instanceof RateLimitError)) throw e;
      limited = true;
    }
  }
  const tiers = result ? await getValueTiers(actor, result.hits.map((h) => h.id)) : {};
  const base = `/customers?s=${s}`;
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader title={q ? t("search.results", { q }) : t("search.title")} />
      <CustomerSearchForm id="customers-q" q={q} autoFocus />
      {s && !q && <Alert>{t("search.expired")}</Alert>}
      {limited && <Alert tone="error">{t("errors.rateLimited")}</Alert>}
      {result?.kind === "tooShort" && <Alert>{t("search.tooShort")}</Alert>}
      {result && result.kind !== "tooShort" && (
        <Section
          id="results"
          title={t("search.matchedBy", { kind: t(`search.kind.${result.kind}`) })}
          flush
          actions={
            can(actor, "customer:export") &&
            result.hits.length > 0 && (
              // A plain link: the browser downloads the file (no client-side navigation).
              <a href={`/api/customers/export?s=${s}`} download className={buttonClass({ size: "sm" })}>
                {t("c360.exportCsv")}
              </a>
            )
          }
        >
          <DataTable
            label={t("search.results", { q })}
            empty={t("search.noResults", { q })}
            pager={{ next: result.nextCursor ? `${base}&cursor=${encodeURIComponent(result.nextCursor)}` : undefined, first: cursor ? base : undefined }}
            columns={[
              { id: "name", header: t("search.columns.name") },
              { id: "number", header: t("search.columns.number"), nowrap: true, className: "tabular-nums" },
              { id: "customerNo", header: t("search.columns.customerNo"), nowrap: true, className: "tabular-nums" },
              { id: "type", header: t("search.columns.type"), format: { enum: "customerType" } },
              { id: "city", header: t("search.columns.city") },
              { id: "status", header: t("search.columns.status"), format: { enum: "customerStatus" } },
            ]}
            rows={result.hits.map((h) => ({
              id: `${h.id}-${h.msisdnMasked ?? ""}`,
              name: (
                <span className="inline-flex flex-wrap items-center gap-2">
                  <ButtonLink href={`/customers/${h.id}`} variant="link">
                    {h.name}
                  </ButtonLink>
                  {tiers[h.id] && <TierBadge tier={tiers[h.id]} label={t(`value.tier.${tiers[h.id]}`)} />}
                </span>
              ),
              number: h.msisdnMasked,
              customerNo: h.customerNo,
              type: h.type,
              city: cityLabel(h.city, locale),
              status: h.status,
            }))}
          />
        </Section>
      )}
    </div>
  );
});

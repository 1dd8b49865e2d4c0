import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { exportKeptCustomerSearch } from "@/lib/customers/export";
import { SEARCH_ID } from "@/lib/customers/schemas";
import { toCsv } from "@/lib/shared/csv";
import { csvResponse, route } from "@/lib/shared/route";

/** The current search as CSV (manager/admin), addressed by its kept-search id (never the term):
 *  masked, audited, formula-safe. */
export const GET = route({ permission: "customer:export", query: z.object({ s: z.string().regex(SEARCH_ID) }) }, async ({ actor, query }) => {
  const { hits } = await exportKeptCustomerSearch(actor, query.s);
  const t = await getTranslations();
  const columns = ["customerNo", "name", "number", "type", "city", "status"] as const;
  const csv = toCsv(
    columns.map((c) => t(`search.columns.${c}`)),
    hits.map((h) => [h.customerNo, h.name, h.msisdnMasked, t(`enums.customerType.${h.type}`), h.city, t(`enums.customerStatus.${h.status}`)]),
  );
  return csvResponse(csv, "customers.csv");
});

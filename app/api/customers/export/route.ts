import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { exportCustomerSearch } from "@/lib/customers/export";
import { toCsv } from "@/lib/shared/csv";
import { csvResponse, route } from "@/lib/shared/route";

/** The current search as CSV (manager/admin): masked as on screen, audited, formula-safe. */
export const GET = route({ permission: "customer:export", query: z.object({ q: z.string().trim().min(1).max(64) }) }, async ({ actor, query }) => {
  const { hits } = await exportCustomerSearch(actor, query.q);
  const t = await getTranslations();
  const columns = ["customerNo", "name", "number", "type", "city", "status"] as const;
  const csv = toCsv(
    columns.map((c) => t(`search.columns.${c}`)),
    hits.map((h) => [h.customerNo, h.name, h.msisdnMasked, t(`enums.customerType.${h.type}`), h.city, t(`enums.customerStatus.${h.status}`)]),
  );
  return csvResponse(csv, "customers.csv");
});

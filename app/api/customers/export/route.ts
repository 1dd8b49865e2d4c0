import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getActor } from "@/lib/auth/current-actor";
import { exportCustomerSearch } from "@/lib/customers/export";
import { toActionError } from "@/lib/shared/action-result";
import { toCsv } from "@/lib/shared/csv";

const params = z.object({ q: z.string().trim().min(1).max(64) });

/** The current search as CSV (manager/admin): masked as on screen, audited, formula-safe. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ ok: false, error: "unauthenticated" }, { status: 401 });
  const parsed = params.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!parsed.success) return NextResponse.json({ ok: false, error: "validation" }, { status: 400 });
  try {
    const { hits } = await exportCustomerSearch(actor, parsed.data.q);
    const t = await getTranslations();
    const csv = toCsv(
      [
        t("search.columns.customerNo"),
        t("search.columns.name"),
        t("search.columns.number"),
        t("search.columns.type"),
        t("search.columns.city"),
        t("search.columns.status"),
      ],
      hits.map((h) => [h.customerNo, h.name, h.msisdnMasked, t(`enums.customerType.${h.type}`), h.city, t(`enums.customerStatus.${h.status}`)]),
    );
    return new NextResponse(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="customers.csv"', "cache-control": "no-store" },
    });
  } catch (e) {
    const err = toActionError(e);
    return NextResponse.json(err, { status: err.error === "forbidden" ? 403 : 400 });
  }
}

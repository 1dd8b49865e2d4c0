import { NextResponse, type NextRequest } from "next/server";
import { getActor } from "@/lib/auth/current-actor";
import { dashboardFilters } from "@/lib/dashboards/filters";
import { exportDashboardTable, EXPORT_TABLES } from "@/lib/dashboards/export";
import { isAppError } from "@/lib/shared/errors";
import { z } from "zod";

const tableParam = z.enum(EXPORT_TABLES);

/** CSV download of a dashboard table (same filters as the page); audited in lib. */
export async function GET(req: NextRequest) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const params = Object.fromEntries(req.nextUrl.searchParams.entries());
  const table = tableParam.safeParse(params.table);
  if (!table.success) return NextResponse.json({ error: "validation" }, { status: 400 });
  try {
    const { filename, csv } = await exportDashboardTable(actor, table.data, dashboardFilters().parse(params), params.drill ?? null, {
      list: params.list ?? null,
      month: params.month ?? null,
    });
    return new NextResponse(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  } catch (e) {
    if (isAppError(e) && e.code === "forbidden") return NextResponse.json({ error: "forbidden" }, { status: 403 });
    throw e;
  }
}

import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/current-actor";
import { listImportErrors } from "@/lib/imports/queries";
import { toActionError } from "@/lib/shared/action-result";
import { toCsv } from "@/lib/shared/csv";

/** The error report of a rejected import: row, column, message (in the reader's language), value. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ ok: false, error: "unauthenticated" }, { status: 401 });
  const { id } = await params;
  const jobId = /^\d{1,9}$/.test(id) ? Number(id) : -1;
  try {
    const rows = await listImportErrors(actor, jobId);
    const t = await getTranslations("importer");
    const csv = toCsv(
      [t("report.row"), t("report.column"), t("report.message"), t("report.value")],
      rows.map((r) => [r.rowNo, r.column, t.has(`errors.${r.code}`) ? t(`errors.${r.code}`) : r.code, r.value]),
    );
    return new NextResponse(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="import-${jobId}-errors.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    const err = toActionError(e);
    return NextResponse.json(err, { status: err.error === "notFound" ? 404 : 403 });
  }
}

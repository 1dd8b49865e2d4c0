import { getActor } from "@/lib/auth/current-actor";
import { exportSegmentCsv } from "@/lib/segments/commands";
import { isAppError } from "@/lib/shared/errors";
import { logger } from "@/lib/shared/logger";
import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";

// CSV export of a segment's members: masked, formula-safe, audited (lib/segments/commands.ts).
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response("unauthenticated", { status: 401 });
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return new Response("not found", { status: 404 });
  try {
    const locale = (await cookies()).get(LOCALE_COOKIE)?.value === "en" ? "en" : "zh-CN";
    const { filename, csv } = await exportSegmentCsv(actor, Number(id), locale);
    return new Response(csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  } catch (e) {
    if (isAppError(e)) return new Response(e.code, { status: e.code === "forbidden" ? 403 : e.code === "notFound" ? 404 : 400 });
    logger.error("segment.export_failed", { message: e instanceof Error ? e.message : String(e) });
    return new Response("error", { status: 500 });
  }
}

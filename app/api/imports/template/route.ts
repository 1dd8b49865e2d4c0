import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { importTemplateCsv } from "@/lib/imports/file-format";

export async function GET() {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ ok: false, error: "unauthenticated" }, { status: 401 });
  if (!can(actor, "customer:import")) return NextResponse.json({ ok: false, error: "forbidden" }, { status: 403 });
  return new NextResponse(importTemplateCsv(), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="subscriber-import-template.csv"' },
  });
}

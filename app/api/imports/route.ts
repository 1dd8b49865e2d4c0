import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/current-actor";
import { enqueueImport, IMPORT_MAX_BYTES } from "@/lib/imports/commands";
import { toActionError } from "@/lib/shared/action-result";
import { takeToken } from "@/lib/shared/rate-limit";
import { assertCan } from "@/lib/auth/actor";

// Upload of a subscriber CSV (multipart field "file"). A route handler rather than a server
// action: files run to tens of megabytes, beyond the server-action body limit.
export async function POST(request: Request) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ ok: false, error: "unauthenticated" }, { status: 401 });
  try {
    assertCan(actor, "customer:import");
  } catch {
    return NextResponse.json({ ok: false, error: "forbidden" }, { status: 403 });
  }
  // Shared by every app node (PostgreSQL token bucket), checked before the body is read; only for
  // those allowed to import, so a refused request changes nothing.
  if (!(await takeToken("import", String(actor.id)))) return NextResponse.json({ ok: false, error: "rateLimited" }, { status: 429 });
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > IMPORT_MAX_BYTES + 1024 * 1024) return NextResponse.json({ ok: false, error: "validation", fields: { file: "tooLarge" } }, { status: 413 });
  let file: File | null = null;
  try {
    const form = await request.formData();
    const f = form.get("file");
    file = f instanceof File ? f : null;
  } catch {
    file = null;
  }
  if (!file) return NextResponse.json({ ok: false, error: "validation", fields: { file: "required" } }, { status: 400 });
  try {
    const job = await enqueueImport(actor, { fileName: file.name, content: Buffer.from(await file.arrayBuffer()) });
    return NextResponse.json({ ok: true, data: job }, { status: 202 });
  } catch (e) {
    const err = toActionError(e);
    return NextResponse.json(err, { status: err.error === "forbidden" ? 403 : 400 });
  }
}

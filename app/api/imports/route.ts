import { NextResponse } from "next/server";
import { enqueueImport } from "@/lib/imports/commands";
import { importUploadInput } from "@/lib/imports/schemas";
import { formDataToObject } from "@/lib/shared/action";
import { assertRateLimit } from "@/lib/shared/rate-limit";
import { route } from "@/lib/shared/route";
import { BODY_LIMITS } from "@/lib/shared/security-headers";

// Upload of a subscriber CSV (multipart field "file"). A route handler rather than a server
// action: files run to tens of megabytes, beyond the server-action body limit.
export const POST = route({ permission: "customer:import", bodyLimit: BODY_LIMITS.import }, async ({ actor, request }) => {
  // Shared by every app node (PostgreSQL token bucket), checked before the body is read; only for
  // those allowed to import, so a refused request changes nothing.
  await assertRateLimit("import", actor.id);
  const form = await request.formData().catch(() => new FormData());
  const { file } = importUploadInput.parse(formDataToObject(form));
  const job = await enqueueImport(actor, { fileName: file.name, content: Buffer.from(await file.arrayBuffer()) });
  return NextResponse.json({ ok: true, data: job }, { status: 202 });
});

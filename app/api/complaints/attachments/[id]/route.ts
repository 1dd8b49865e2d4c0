import { getActor } from "@/lib/auth/current-actor";
import { getAttachment } from "@/lib/complaints/queries";
import { isAppError } from "@/lib/shared/errors";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401 });
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return new Response(null, { status: 404 });
  try {
    const a = await getAttachment(actor, Number(id));
    return new Response(new Uint8Array(a.data), {
      headers: {
        "Content-Type": a.mimeType,
        // Always a download: an uploaded file never renders in our origin.
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (isAppError(e)) return new Response(null, { status: e.code === "forbidden" ? 403 : 404 });
    throw e;
  }
}

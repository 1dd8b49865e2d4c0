import { z } from "zod";
import { route } from "@/lib/shared/route";
import { getArticleAttachment } from "@/lib/knowledge/queries";

// A knowledge article's attachment, for whoever may open the article.
export const GET = route({ params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }) }, async ({ actor, params }) => {
  const a = await getArticleAttachment(actor, params.id);
  return new Response(new Uint8Array(a.data), {
    headers: {
      "Content-Type": a.mimeType,
      // Always a download: an uploaded file never renders in our origin.
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

import { z } from "zod";
import { route } from "@/lib/shared/route";
import { addArticleAttachment } from "@/lib/knowledge/commands";
import { ValidationError } from "@/lib/shared/errors";

// Uploads a file to a knowledge article (knowledge:write): multipart form data with one `file`;
// the body limit is the route pipeline's 2 MB, the file's own limit 1 MB (lib).
export const POST = route(
  { permission: "knowledge:write", params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }) },
  async ({ actor, params, request }) => {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ValidationError({ file: "required" });
    }
    const file = form.get("file");
    if (!(file instanceof File)) throw new ValidationError({ file: "required" });
    const created = await addArticleAttachment(actor, { articleId: params.id, fileName: file.name, mimeType: file.type, data: new Uint8Array(await file.arrayBuffer()) });
    return Response.json({ ok: true, data: created }, { status: 201 });
  },
);

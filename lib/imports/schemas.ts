import { z } from "zod";

// Inputs of the subscriber-import routes (browser-safe).

/** The multipart upload: one file in the field "file" (a form without a chosen file sends a nameless empty one). */
export const importUploadInput = z.object({ file: z.instanceof(File, { message: "required" }).refine((f) => f.name !== "" || f.size > 0, "required") });

/** The `[id]` of an import job in a route; a malformed id is a job that does not exist. */
export const importJobParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

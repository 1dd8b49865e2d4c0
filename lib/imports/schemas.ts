import { z } from "zod";

// Inputs of the subscriber-import routes (browser-safe).

/** The multipart upload: one file in the field "file". */
export const importUploadInput = z.object({ file: z.instanceof(File, { message: "required" }) });

/** The `[id]` of an import job in a route; a malformed id is a job that does not exist. */
export const importJobParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

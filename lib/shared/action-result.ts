import "server-only";
import { isAppError } from "@/lib/shared/errors";
import { logger } from "@/lib/shared/logger";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fields?: Record<string, string> };

/** Maps any error to a translatable code: AppErrors keep theirs, the rest are logged and generic. */
export function toActionError(e: unknown): { ok: false; error: string; fields?: Record<string, string> } {
  if (isAppError(e)) return { ok: false, error: e.code, fields: e.fields };
  logger.error("action.failed", { name: e instanceof Error ? e.name : typeof e, message: e instanceof Error ? e.message : String(e) });
  return { ok: false, error: "generic" };
}

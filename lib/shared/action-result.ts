import "server-only";
import { z } from "zod";
import { isAppError, ValidationError } from "@/lib/shared/errors";
import { logger } from "@/lib/shared/logger";

/**
 * The one result shape of every server action and of route handlers' JSON bodies. `error` is a
 * message-catalogue key under "errors." (a domain's own codes nest: "complaint.illegalTransition");
 * each value of `fields` is a key under "errors.field." (see fieldErrorKey), so forms translate both.
 */
export type ActionResult<T = null> = { ok: true; data: T } | ActionFailure;
export type ActionFailure = { ok: false; error: string; fields?: Record<string, string> };

/** A zod issue as a message key under "errors.field.": what the person must change, not zod's code. */
export function fieldErrorKey(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      // `input` is on the issue when parsed with reportInput (the pipeline does); lib parses are not.
      return ("input" in issue && (issue.input === undefined || issue.input === null || issue.input === "")) || /received (undefined|null)/.test(issue.message) ? "required" : "invalid";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "required" : "tooShort";
      if (issue.origin === "array" || issue.origin === "set") return "tooFew";
      return "tooSmall";
    case "too_big":
      if (issue.origin === "string") return "tooLong";
      if (issue.origin === "array" || issue.origin === "set") return "tooMany";
      return "tooBig";
    case "invalid_format":
      return "invalidFormat";
    case "invalid_value":
    case "invalid_union":
      return "invalidOption";
    case "custom":
      // A refinement may name its own key: `.refine(fn, { message: "dueBeforeStart" })`.
      return /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "invalid";
    default:
      return "invalid";
  }
}

/** A ZodError as the one validation error: the first problem per field, as a message key. */
export function validationErrorFromZod(e: z.ZodError): ValidationError {
  const fields: Record<string, string> = {};
  for (const issue of e.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    fields[key] ??= fieldErrorKey(issue);
  }
  return new ValidationError(fields);
}

/** Maps any error to a translatable code: AppErrors keep theirs, a ZodError (a lib function's
 *  own parse) is a validation error with its fields, the rest are logged and generic. */
export function toActionError(e: unknown): ActionFailure {
  if (e instanceof z.ZodError) e = validationErrorFromZod(e);
  if (isAppError(e)) return e.fields ? { ok: false, error: e.code, fields: e.fields } : { ok: false, error: e.code };
  logger.error("action.failed", { name: e instanceof Error ? e.name : typeof e, message: e instanceof Error ? e.message : String(e) });
  return { ok: false, error: "generic" };
}

/** The HTTP status for an error code (route handlers). */
export function statusForError(code: string): number {
  switch (code) {
    case "unauthenticated":
      return 401;
    case "forbidden":
    case "crossSite":
      return 403;
    case "notFound":
      return 404;
    case "conflict":
      return 409;
    case "payloadTooLarge":
      return 413;
    case "rateLimited":
      return 429;
    case "generic":
      return 500;
    default:
      return 400;
  }
}

import "server-only";
import { z } from "zod";
import en from "@/messages/en.json";
import { isAppError } from "@/lib/shared/errors";
import { statusForError, validationErrorFromZod } from "@/lib/shared/action-result";
import { logger } from "@/lib/shared/logger";

// TMF error bodies (TMF630 guidelines; the `Error` schema of the v5 specifications): `@type`,
// `code` and `status` as strings, `reason` a short phrase, `message` the detail. Never a 500 for
// bad input: every AppError and every ZodError has its status here.

export interface TmfError {
  "@type": "Error";
  code: string;
  reason: string;
  message?: string;
  status: string;
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** An error as the API answers it: its HTTP status and TMF body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

function englishMessage(code: string): string | null {
  let node: unknown = (en as Record<string, unknown>).errors;
  for (const part of code.split(".")) {
    if (!node || typeof node !== "object") return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : null;
}

/** The status of a lib error code, as route handlers answer it, except that lib's business-rule refusals (a domain code) are 422. */
function statusOfCode(code: string): number {
  const status = statusForError(code);
  return status === 400 && code !== "validation" ? 422 : status;
}

export function tmfErrorBody(status: number, message: string): TmfError {
  return { "@type": "Error", code: String(status), reason: REASONS[status] ?? "Error", message, status: String(status) };
}

export function tmfErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json(tmfErrorBody(status, message), { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Any thrown value as a TMF error response; only an unexpected one is a 500 (and logged without data). */
export function toTmfErrorResponse(e: unknown): Response {
  if (e instanceof ApiError) return tmfErrorResponse(e.status, e.message, e.headers);
  if (e instanceof z.ZodError) e = validationErrorFromZod(e);
  if (isAppError(e)) {
    const status = statusOfCode(e.code);
    const fields = e.fields ? Object.entries(e.fields).map(([field, key]) => `${field}: ${englishMessage(`field.${key}`) ?? key}`) : [];
    const base = englishMessage(e.code) ?? e.code;
    return tmfErrorResponse(status, fields.length ? `${base} (${fields.join("; ")})` : base, status === 429 ? { "retry-after": "1" } : {});
  }
  logger.error("api.failed", { name: e instanceof Error ? e.name : typeof e, message: e instanceof Error ? e.message : String(e) });
  return tmfErrorResponse(500, "The request could not be completed.");
}

// One error family. `code` is a message-catalogue key under "errors." so the UI can translate it;
// `message` is for logs and never shown to users as is.
export class AppError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? code);
    this.name = new.target.name;
  }
}
export class NotFoundError extends AppError {
  constructor(what = "record") {
    super("notFound", `${what} not found`);
  }
}
export class ForbiddenError extends AppError {
  constructor(permission?: string) {
    super("forbidden", permission ? `missing permission ${permission}` : "forbidden");
  }
}
export class UnauthenticatedError extends AppError {
  constructor() {
    super("unauthenticated", "no valid session");
  }
}
export class ConflictError extends AppError {
  constructor(message = "stale version") {
    super("conflict", message);
  }
}
export class ValidationError extends AppError {
  constructor(fields: Record<string, string>, code = "validation") {
    super(code, "validation failed", fields);
  }
}
export class RateLimitError extends AppError {
  constructor() {
    super("rateLimited", "too many requests");
  }
}
export class PayloadTooLargeError extends AppError {
  constructor() {
    super("payloadTooLarge", "request body over the limit");
  }
}
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

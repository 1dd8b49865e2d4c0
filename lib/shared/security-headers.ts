// Edge-safe helpers for proxy.ts (no Node or server-only imports).

/**
 * Scripts only with this request's nonce ('strict-dynamic' lets Next's nonce'd loader pull its
 * chunks); no plugins, no framing, no foreign form targets. Styles allow inline attributes:
 * React and ECharts set style attributes; script injection is what the policy must stop.
 */
export function buildContentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Request body limits (bytes). proxy.ts refuses a larger Content-Length early; the route pipeline
 * (lib/shared/route.ts) counts the bytes actually read, so a chunked or lying body is refused too.
 * Server actions have Next's own limit (serverActions.bodySizeLimit, 2 MB, counted as read).
 * The import upload carries a file of up to IMPORT_MAX_BYTES (64 MB, lib/imports/commands.ts)
 * plus its multipart framing.
 */
export const BODY_LIMITS = { default: 2 * 1024 * 1024, import: 65 * 1024 * 1024 };
/** The subscriber import upload (app/api/imports/route.ts): the only path with the large limit. */
export const IMPORT_UPLOAD_PATH = /^\/api\/imports\/?$/;
export function bodyLimitFor(pathname: string): number {
  return IMPORT_UPLOAD_PATH.test(pathname) ? BODY_LIMITS.import : BODY_LIMITS.default;
}

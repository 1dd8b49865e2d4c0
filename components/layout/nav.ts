import type { Permission } from "@/lib/auth/permissions";
import { FOLLOW_UP_ROLES } from "@/lib/surveys/follow-up-policy";

// Navigation entries and the permission each needs; a role sees only what it may use.
export const NAV_ITEMS: Array<{ href: string; key: string; permission: Permission; roles?: readonly string[] }> = [
  { href: "/workspace", key: "workspace", permission: "interaction:create" },
  { href: "/team", key: "team", permission: "team:read", roles: ["SUPERVISOR", "MANAGER"] },
  { href: "/overview", key: "overview", permission: "dashboard:read" },
  { href: "/customers", key: "customers", permission: "customer:search" },
  { href: "/complaints", key: "complaints", permission: "complaint:handle" },
  { href: "/value", key: "value", permission: "dashboard:read" },
  { href: "/retention", key: "retention", permission: "retention:read" },
  { href: "/calls", key: "calls", permission: "campaign:call" },
  // Detractor follow-ups: the roles of lib/surveys/follow-up-policy.ts (both also hold team:read).
  { href: "/follow-ups", key: "followUps", permission: "team:read", roles: FOLLOW_UP_ROLES["followUp:read"] },
  { href: "/segments", key: "segments", permission: "segment:manage" },
  { href: "/campaigns", key: "campaigns", permission: "campaign:read" },
  // Automation rules (issue 22): managers own them; supervisors and admins read them (campaign:read).
  { href: "/automation", key: "automation", permission: "campaign:read" },
  { href: "/dashboards/service", key: "dashboards", permission: "dashboard:read" },
  { href: "/surveys", key: "surveys", permission: "survey:read" },
  { href: "/admin", key: "admin", permission: "user:manage" },
  { href: "/admin/service-standards", key: "serviceStandards", permission: "serviceStandards:manage" },
  { href: "/admin/calendars", key: "calendars", permission: "serviceStandards:manage" },
  { href: "/admin/routing", key: "routing", permission: "serviceStandards:manage" },
  { href: "/admin/import", key: "import", permission: "customer:import" },
  { href: "/admin/reasons", key: "reasons", permission: "settings:manage" },
  { href: "/admin/value", key: "valueAdmin", permission: "value:manage" },
  { href: "/admin/marketing", key: "marketing", permission: "marketing:configure" },
  // Member grades (issue 23): the ladder, the grace period, the monthly re-grading.
  { href: "/admin/membership", key: "membership", permission: "loyalty:configure" },
  // Loyalty (issue 23): managers approve adjustments above a supervisor's limit; admins set the programme.
  { href: "/loyalty/approvals", key: "loyaltyApprovals", permission: "loyalty:approve" },
  { href: "/admin/loyalty", key: "loyaltyAdmin", permission: "loyalty:configure" },
  // Care (issue 23): agents and supervisors work their care tasks; managers see the teams'; admins set the care rules.
  { href: "/care", key: "care", permission: "care:work" },
  { href: "/care/team", key: "careTeam", permission: "care:assign", roles: ["MANAGER"] },
  { href: "/admin/care", key: "careAdmin", permission: "care:configure" },
  // Knowledge base (issue 24): everyone searches and reads; writers review what they own; admins shape it.
  { href: "/knowledge", key: "knowledge", permission: "knowledge:read" },
  { href: "/knowledge/reviews", key: "knowledgeReviews", permission: "knowledge:write" },
  { href: "/admin/knowledge", key: "knowledgeAdmin", permission: "knowledge:configure" },
  // Quality inspection (issue 24): supervisors score their team's samples, agents read (and dispute)
  // their results, managers decide disputes; admins set the norms, forms and sampling rules.
  { href: "/quality", key: "quality", permission: "quality:score" },
  { href: "/quality/mine", key: "myQa", permission: "quality:dispute", roles: ["AGENT"] },
  { href: "/quality/disputes", key: "qaDisputes", permission: "quality:decide" },
  { href: "/admin/quality", key: "qualityAdmin", permission: "quality:configure" },
  // Service quality (issue 24): training (agents their own, supervisors and managers run sessions),
  // the monthly assessment (own / team / all), its weights (admins).
  { href: "/training", key: "training", permission: "training:read" },
  { href: "/assessment", key: "assessment", permission: "assessment:read" },
  { href: "/admin/assessment", key: "assessmentAdmin", permission: "assessment:configure" },
  // Standard scripts (issue 24): the admins write the scripts agents read on the complaint, the 360 and the call.
  { href: "/admin/scripts", key: "scripts", permission: "knowledge:configure" },
  // Open API (issue 25): API clients and tokens, the event delivery log, the reference.
  { href: "/admin/api", key: "apiClients", permission: "api:manage" },
];

/** The command palette's verbs (Ctrl-K), on top of the navigation: labels under `palette.verbs.<key>`. */
export const PALETTE_VERBS: Array<{ href: string; key: string; permission: Permission }> = [
  { href: "/complaints/new", key: "newComplaint", permission: "complaint:create" },
  { href: "/calls", key: "nextCall", permission: "campaign:call" },
  { href: "/care", key: "myCare", permission: "care:work" },
  { href: "/complaints", key: "myComplaints", permission: "complaint:handle" },
  { href: "/workspace", key: "findCaller", permission: "interaction:create" },
];

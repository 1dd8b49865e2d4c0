// The role → permission table. Deny by default: a permission not listed for a role is refused.
// Browser-safe (no server imports) so navigation can hide what a role cannot use.
export const ROLES = ["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"] as const;
export type RoleName = (typeof ROLES)[number];

export const PERMISSIONS = [
  "customer:search",
  "customer:read",
  "customer:update",
  "customer:revealPii",
  "customer:export",
  "customer:import",
  "interaction:create",
  "interaction:read",
  "team:read",
  "dashboard:read",
  "user:manage",
  "audit:read",
  "settings:manage",
  "complaint:read",
  "complaint:create",
  "complaint:handle",
  "complaint:assign",
  "complaint:compensate",
  "complaint:approveCompensation",
  "serviceStandards:manage",
  "routing:manage",
  "value:read",
  "value:manage",
  "segment:manage",
  "retention:read",
  "survey:read",
  "survey:send",
  "survey:manage",
  "followUp:read",
  "followUp:claim",
  "followUp:complete",
  // Campaigns and marketing automation (issue 22, docs/campaigns.md).
  "campaign:read",
  "campaign:manage",
  "campaign:approve",
  "campaign:call",
  "automation:manage",
  "marketing:configure",
  // Loyalty, member grades and care (issue 23, docs/loyalty.md, docs/care.md).
  "loyalty:read",
  "loyalty:redeem",
  "loyalty:adjust",
  "loyalty:approve",
  "loyalty:configure",
  "account:reverse",
  "care:work",
  "care:assign",
  "care:configure",
  "customer:setSpecialCare",
  // Service quality (issue 24, docs/knowledge.md, docs/quality.md, docs/training-assessment.md).
  "knowledge:read",
  "knowledge:write",
  "knowledge:configure",
  "quality:read",
  "quality:score",
  "quality:dispute",
  "quality:decide",
  "quality:configure",
  "training:read",
  "training:manage",
  "assessment:read",
  "assessment:configure",
  // Open API (issue 25, docs/open-api.md): register API clients, issue and revoke tokens, read and replay event deliveries.
  "api:manage",
  // Held only by API clients with the hub:manage scope (lib/api/scopes.ts): register and remove /hub listeners.
  "hub:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Service quality: everyone reads the knowledge base; an agent sees their own QA results (and disputes
// them once), their training and their monthly assessment; the scope is in lib (own / team / all).
const SERVICE_QUALITY_AGENT: Permission[] = ["knowledge:read", "quality:read", "quality:dispute", "training:read", "assessment:read"];
const COMPLAINT_WORK: Permission[] = ["complaint:read", "complaint:create", "complaint:handle", "complaint:compensate"];
const AGENT: Permission[] = ["customer:search", "customer:read", "customer:update", "interaction:create", "interaction:read", ...COMPLAINT_WORK, "value:read", "campaign:call", "loyalty:read", "loyalty:redeem", "care:work", ...SERVICE_QUALITY_AGENT];
// Detractor follow-ups: supervisors (their team's) and managers call back; admins configure, they do not.
const FOLLOW_UP: Permission[] = ["followUp:read", "followUp:claim", "followUp:complete"];
// Supervisors work the call lists as their agents do, and read the campaigns.
const SUPERVISOR: Permission[] = [
  ...AGENT,
  "customer:revealPii",
  "team:read",
  "complaint:assign",
  "complaint:approveCompensation",
  "retention:read",
  ...FOLLOW_UP,
  "routing:manage",
  "campaign:read",
  // Supervisors adjust points within their limit, reassign their team's care tasks, set special care.
  "loyalty:adjust",
  "care:assign",
  "customer:setSpecialCare",
  // Supervisors write knowledge articles, sample and score their team's work (and calibrate), run training.
  "knowledge:write",
  "quality:score",
  "training:manage",
];
const MANAGER: Permission[] = [
  "customer:search",
  "customer:read",
  "interaction:read",
  "customer:export",
  "team:read",
  "dashboard:read",
  ...COMPLAINT_WORK,
  "complaint:assign",
  "complaint:approveCompensation",
  "value:read",
  "segment:manage",
  "retention:read",
  "survey:read",
  "survey:send",
  ...FOLLOW_UP,
  // Managers plan, approve (another manager's) and evaluate campaigns, and own the automation rules.
  "campaign:read",
  "campaign:manage",
  "campaign:approve",
  "automation:manage",
  // Managers approve adjustments above a supervisor's limit, reverse account credits, reassign care.
  "loyalty:read",
  "loyalty:adjust",
  "loyalty:approve",
  "account:reverse",
  "care:assign",
  // Managers read every team's QA, decide disputes (final), run training and read every assessment.
  "knowledge:read",
  "quality:read",
  "quality:decide",
  "training:read",
  "training:manage",
  "assessment:read",
];
const ADMIN: Permission[] = [
  "customer:search",
  "customer:read",
  "customer:update",
  "customer:revealPii",
  "customer:export",
  "customer:import",
  "interaction:read",
  "team:read",
  "dashboard:read",
  "user:manage",
  "audit:read",
  "settings:manage",
  "complaint:read",
  "serviceStandards:manage",
  "routing:manage",
  "value:read",
  "value:manage",
  "segment:manage",
  "retention:read",
  "survey:read",
  "survey:send",
  "survey:manage",
  // Admins set the contact rules every campaign obeys (caps, quiet hours, channels); they read campaigns.
  "campaign:read",
  "marketing:configure",
  // Admins set the loyalty programme (earning, catalogue, grades) and the care rules.
  "loyalty:read",
  "loyalty:configure",
  "care:configure",
  "customer:setSpecialCare",
  // Admins own the knowledge base's shape (categories, synonyms, scripts), the QA forms, sampling
  // rules and service norms, and the assessment's weights; they write articles too.
  "knowledge:read",
  "knowledge:write",
  "knowledge:configure",
  "quality:configure",
  "assessment:configure",
  // Admins register the operator's other systems as API clients (issue 25).
  "api:manage",
];

export const ROLE_PERMISSIONS: Record<RoleName, ReadonlySet<Permission>> = {
  AGENT: new Set(AGENT),
  SUPERVISOR: new Set(SUPERVISOR),
  MANAGER: new Set(MANAGER),
  ADMIN: new Set(ADMIN),
};

export interface ActorLike {
  role: RoleName;
  /** An API client's permissions (its scopes): they replace the role's. */
  permissions?: ReadonlySet<Permission>;
}

export function can(actor: ActorLike | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  if (actor.permissions) return actor.permissions.has(permission);
  return ROLE_PERMISSIONS[actor.role]?.has(permission) === true;
}

/** The landing page of each role. */
export const ROLE_HOME: Record<RoleName, string> = {
  AGENT: "/workspace",
  SUPERVISOR: "/team",
  MANAGER: "/overview",
  ADMIN: "/admin",
};

// The authorization matrix: one entry per server action / route handler ("file#export").
// The test (authorization-matrix.test.ts) discovers every endpoint from the code and fails when
// one has no entry here. To add yours, see docs/security.md → "Adding an action to the matrix".
import crypto from "node:crypto";
import { NextRequest } from "next/server";
import { generateSync } from "otplib";
import { db } from "@/lib/db";
import { encryptPii } from "@/lib/pii/crypto";
import { startMfaEnrolment } from "@/lib/auth/mfa";
import { hashPassword } from "@/lib/auth/password";
import { requestCompensation } from "@/lib/complaints/compensation";
import { openComplaint } from "@/lib/complaints/intake";
import { addRootCause, createCategory } from "@/lib/complaints/categories";
import { saveSlaCell } from "@/lib/sla/matrix";
import { transitionComplaint } from "@/lib/complaints/transitions";
import { importTemplateCsv } from "@/lib/imports/file-format";
import { startCustomerSearch } from "@/lib/customers/commands";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { actorFor } from "../helpers";
import { actorOf } from "@/lib/auth/actor";
import { sessionCookieName } from "@/lib/auth/cookies";
import type { Outcome } from "./outcome";
import { createAgent, createTeam, createUser } from "@/tests/factories/staff";
import { allOf, createSegment } from "@/tests/factories/segments";
import { createCampaign } from "@/tests/factories/campaigns";
import { createCampaign as campaignRow } from "@/tests/factories/campaigns";
import { createAutomationRule } from "@/tests/factories/automation-demo";
import { definitionKey, parseStoredRule } from "@/lib/automation/definition";

export const ACTOR_KEYS = ["anonymous", "agent", "otherTeamAgent", "supervisor", "manager", "admin"] as const;
export type ActorKey = (typeof ACTOR_KEYS)[number];
export type Scope = "own" | "other";
/** The same outcome for both records, or one per record. */
export type Expectation = Outcome | { own: Outcome; other: Outcome };

export interface MatrixActors {
  /** agent1 — "own" records belong to this agent / their team (Hotline Team 1). */
  agent: Actor;
  /** agent2 — an agent of another team: "own" records are out of their scope. */
  otherTeamAgent: Actor;
  supervisor: Actor; // supervisor1, same team as `agent`
  manager: Actor;
  admin: Actor;
}

/** The seeded users the matrix and the hostile-input suite act as. */
export async function loadMatrixActors(): Promise<MatrixActors> {
  return {
    agent: await actorFor("agent1"),
    otherTeamAgent: await actorFor("agent2"),
    supervisor: await actorFor("supervisor1"),
    manager: await actorFor("manager1"),
    admin: await actorFor("admin1"),
  };
}

/**
 * Actors refused everywhere (issue 19). They hold a real session cookie and go through the real
 * getActor(), not a mocked one:
 * - deactivated: a supervisor whose account an admin switched off (the session is still fresh);
 * - expiredSession: a manager whose session is past its idle and absolute lifetime;
 * - unenrolledAdmin: an admin who has not enrolled a second factor (MFA_REQUIRED_ROLES): they reach
 *   only what DURING_MFA_ENROLMENT lists.
 * The first two get what an anonymous visitor gets; the third "forbidden" (or the listed outcome).
 */
export const REFUSED_ACTOR_KEYS = ["deactivated", "expiredSession", "unenrolledAdmin"] as const;
export type RefusedActorKey = (typeof REFUSED_ACTOR_KEYS)[number];
export interface RefusedActor {
  key: RefusedActorKey;
  userId: number;
}

/** What someone who must enrol a second factor first may still do; every other endpoint refuses them. */
export const DURING_MFA_ENROLMENT: Readonly<Record<string, Outcome>> = {
  "app/actions.ts#setLocaleAction": "allow",
  "app/actions.ts#logoutAction": "allow",
  "app/account/mfa/actions.ts#startMfaEnrolmentAction": "allow",
  "app/account/mfa/actions.ts#confirmMfaEnrolmentAction": "allow",
  "app/api/health/route.ts#GET": "allow",
  "app/api/ready/route.ts#GET": "allow",
  // Public by design (issue 22): the signed opt-out link and the gateway's signed receipts know no session.
  "app/o/[token]/actions.ts#confirmOptOutAction": "allow",
  "app/api/messaging/receipts/route.ts#POST": "allow",
  // Open API /hub routes take a bearer token only: a browser session (enrolled or not) is 401.
  ...Object.fromEntries(
    ["troubleTicket", "customer", "troubleTicketManagement", "customerManagement"].flatMap((api) =>
      [`hub/route.ts#POST`, `hub/[id]/route.ts#GET`, `hub/[id]/route.ts#DELETE`].map((r) => [`app/tmf-api/${api}/v5/${r}`, "unauth" as const]),
    ),
  ),
  // The Open API knows no session (bearer tokens only): 401, as for everyone with a browser session.
  ...Object.fromEntries(
    ["troubleTicket", "troubleTicketManagement"].flatMap((base) =>
      [
        "troubleTicket/route.ts#GET",
        "troubleTicket/route.ts#POST",
        "troubleTicket/[id]/route.ts#GET",
        "troubleTicket/[id]/route.ts#PATCH",
        "troubleTicket/[id]/route.ts#DELETE",
        "troubleTicketSpecification/route.ts#GET",
        "troubleTicketSpecification/[id]/route.ts#GET",
      ].map((f) => [`app/tmf-api/${base}/v5/${f}`, "unauth" as Outcome]),
    ),
  ),
  // TMF629 Customer (issue 25): the same.
  ...Object.fromEntries(
    ["customer", "customerManagement"].flatMap((base) =>
      ["route.ts#GET", "route.ts#POST", "[id]/route.ts#GET", "[id]/route.ts#PATCH"].map((e) => [`app/tmf-api/${base}/v5/customer/${e}`, "unauth" as Outcome]),
    ),
  ),
};

export async function createRefusedActors(actors: MatrixActors): Promise<Record<RefusedActorKey, RefusedActor>> {
  const make = async (key: RefusedActorKey, role: "SUPERVISOR" | "MANAGER" | "ADMIN", extra: { isActive?: boolean } = {}) => {
    const { user } = await createUser({
      username: `mx_${key}_${uniq()}`,
      displayName: `Matrix ${key}`,
      role,
      teamId: role === "SUPERVISOR" ? actors.agent.teamId : null,
      passwordHash: "not-a-hash",
      ...extra,
    });
    return { key, userId: user.id };
  };
  return {
    deactivated: await make("deactivated", "SUPERVISOR", { isActive: false }),
    expiredSession: await make("expiredSession", "MANAGER"),
    unenrolledAdmin: await make("unenrolledAdmin", "ADMIN"),
  };
}

/**
 * A fresh session for a refused actor and its cookie value (a next-auth JWT, as the sign-in sets
 * it). The admin's second factor is cleared again, in case the previous endpoint enrolled it.
 */
export async function sessionCookieFor(r: RefusedActor): Promise<{ name: string; value: string; actor: Actor }> {
  const now = Date.now();
  const old = r.key === "expiredSession";
  const user = await db.user.update({ where: { id: r.userId }, data: { mfaSecretEnc: null, mfaEnabledAt: null, totpLastStep: null } });
  const sid = crypto.randomUUID();
  await db.userSession.create({
    data: { id: sid, userId: r.userId, createdAt: new Date(old ? now - 40 * 86_400_000 : now), lastSeenAt: new Date(old ? now - 30 * 86_400_000 : now) },
  });
  const { encode } = await import("next-auth/jwt");
  const value = await encode({ token: { uid: user.id, sv: user.sessionVersion, sid, role: user.role }, secret: env().AUTH_SECRET });
  return { name: sessionCookieName(env().SECURE_COOKIES === "true"), value, actor: actorOf(user, { ip: "198.51.100.7", userAgent: "vitest-matrix" }) };
}

export interface CallContext<R> {
  actor: Actor | null;
  actors: MatrixActors;
  /** The record of this case (from `records`), or undefined for endpoints without records. */
  record: R;
  scope: Scope | undefined;
}

export interface ActionEntry<R = unknown> {
  /**
   * Builds one record in the agent's scope ("own") and one outside it ("other"). Called afresh
   * for every case, so an allowed destructive call never affects the next case.
   */
  records?: (actors: MatrixActors) => Promise<{ own: R; other: R }>;
  /** Calls the endpoint with VALID input (a validation error fails the matrix). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call: (fn: any, ctx: CallContext<R>) => Promise<unknown>;
  expect: Record<ActorKey, Expectation>;
}

/** An endpoint reachable without a session by design; the reason is required. */
export interface PublicEntry {
  public: string;
}

export type MatrixEntry = ActionEntry | PublicEntry;

/** Helper: only these keys are allowed, everybody logged in otherwise gets `forbidden`. */
export function onlyFor(...allowed: Exclude<ActorKey, "anonymous">[]): Record<ActorKey, Outcome> {
  return {
    anonymous: "unauth",
    agent: allowed.includes("agent") ? "allow" : "forbidden",
    otherTeamAgent: allowed.includes("otherTeamAgent") ? "allow" : "forbidden",
    supervisor: allowed.includes("supervisor") ? "allow" : "forbidden",
    manager: allowed.includes("manager") ? "allow" : "forbidden",
    admin: allowed.includes("admin") ? "allow" : "forbidden",
  };
}
export const EVERY_ROLE = onlyFor("agent", "otherTeamAgent", "supervisor", "manager", "admin");
export const ANYONE: Record<ActorKey, Outcome> = { ...EVERY_ROLE, anonymous: "allow" };
type HubRoute = (request: Request, context?: unknown) => Promise<Response>;

function get(path: string) {
  return new Request(`http://localhost${path}`);
}

const uniq = () => crypto.randomBytes(5).toString("hex");
const MATRIX_PASSWORD = "Matrix-old-pass-7";

/** A kept search (startCustomerSearch) of `q` for every actor, by user id. */
async function keptSearches(actors: MatrixActors, q: string): Promise<Record<number, string>> {
  const out: Record<number, string> = {};
  for (const actor of Object.values(actors)) out[actor.id] = (await startCustomerSearch(actor, { q })).searchId;
  return out;
}

/** A throwaway user in the agent's team ("own") and in the other agent's team ("other"). */
async function userRecords(actors: MatrixActors) {
  const make = async (teamId: number | null) =>
    (
      await createAgent({
        username: `mx_${uniq()}`,
        displayName: "Matrix target",
        teamId,
        passwordHash: "not-a-hash",
        failedLogins: 5,
        lockedUntil: new Date(Date.now() + 3_600_000),
      })
    ).user;
  return { own: await make(actors.agent.teamId), other: await make(actors.otherTeamAgent.teamId) };
}
type UserRecord = Awaited<ReturnType<typeof userRecords>>["own"];
const ADMIN_ONLY = onlyFor("admin");
const SEGMENT_ROLES = onlyFor("manager", "admin");

// ---- Campaigns (issue 22): rows authored by manager2, so manager1 (the matrix's manager) may approve them.
const CAMPAIGN_PLANNERS = onlyFor("manager");
const CAMPAIGN_READERS = onlyFor("supervisor", "manager", "admin");
interface CampaignRecord {
  id: number;
  version: number;
  segmentId: number;
}
function campaignRecords(status: "DRAFT" | "SUBMITTED" | "APPROVED" | "SCHEDULED" | "RUNNING" | "PAUSED") {
  return async (): Promise<{ own: CampaignRecord; other: CampaignRecord }> => {
    const author = await db.user.findUniqueOrThrow({ where: { username: "manager2" }, select: { id: true } });
    const teamId = (await db.team.findFirstOrThrow({ where: { code: "HOTLINE-1" }, select: { id: true } })).id;
    const make = async () => {
      const segment = await createSegment({ name: `mx campaign ${uniq()}`, kind: "STATIC", definition: undefined });
      const c = await campaignRow({ status, createdById: author.id, segmentId: segment.id, audienceMode: "STATIC", callTeamId: teamId });
      return { id: c.id, version: c.version, segmentId: segment.id };
    };
    return { own: await make(), other: await make() };
  };
}
/** A valid plan on the record's segment (made by `records`, so a refused call changes nothing). */
async function campaignPlan(segmentId: number) {
  const teamId = (await db.team.findFirstOrThrow({ where: { code: "HOTLINE-1" }, select: { id: true } })).id;
  const now = Date.now();
  return {
    name: `mx campaign ${uniq()}`,
    objective: "matrix",
    segmentId,
    audienceMode: "DYNAMIC",
    channels: ["OUTBOUND_CALL", "SMS"],
    startsAt: new Date(now + 86_400_000).toISOString(),
    endsAt: new Date(now + 30 * 86_400_000).toISOString(),
    budget: 1000,
    channelCosts: { OUTBOUND_CALL: 3.5, SMS: 0.05, EMAIL: 0, PUSH: 0, WECHAT: 0 },
    offerMode: "NONE",
    scriptZh: "您好，{name}",
    scriptEn: "Hello {name}",
    messageZh: "尊敬的{name}",
    messageEn: "Dear {name}",
    controlShare: 0.1,
    seed: 7,
    successKinds: ["OFFER_ACCEPTED"],
    successWindowDays: 30,
    callTeamId: teamId,
  };
}
async function waitForLaunch(campaignId: number) {
  for (let i = 0; i < 600; i++) {
    const l = await db.campaignLaunch.findUnique({ where: { campaignId }, select: { status: true } });
    if (!l || l.status === "SUCCEEDED" || l.status === "FAILED") return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A dynamic segment (membership empty until refreshed) in place of "own" and "other". */
async function segmentRecords() {
  const make = () => createSegment({ name: `mx ${uniq()}`, kind: "DYNAMIC", definition: allOf({ field: "city", op: "eq", value: "杭州市" }) });
  return { own: await make(), other: await make() };
}

async function waitForValueJob(id: number) {
  for (let i = 0; i < 600; i++) {
    const j = await db.valueJob.findUnique({ where: { id }, select: { status: true } });
    if (!j || j.status === "SUCCEEDED" || j.status === "FAILED") return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Puts the actor's second factor in a known state before an MFA action runs. */
async function setMfa(actor: Actor, on: boolean): Promise<string> {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  await db.user.update({
    where: { id: actor.id },
    data: { mfaSecretEnc: on ? encryptPii(secret) : null, mfaEnabledAt: on ? new Date() : null, totpLastStep: null },
  });
  return secret;
}

// ---- Complaints: records are opened through lib (as the team's agent), so they carry real SLA columns.
let cachedCustomerId: number | undefined;
async function aCustomerId(): Promise<number> {
  cachedCustomerId ??= (await db.customer.findFirstOrThrow({ where: { contactPhone: { not: null } }, orderBy: { id: "asc" }, select: { id: true } })).id;
  return cachedCustomerId;
}
let cachedCategoryId: number | undefined;
async function billingCategoryId(): Promise<number> {
  cachedCategoryId ??= (await db.complaintCategory.findFirstOrThrow({ where: { code: "BILLING", isActive: true }, select: { id: true } })).id;
  return cachedCategoryId;
}

/** A category needing a skill no agent has: intake routing leaves its complex complaints in the
 *  intake team's queue, so the matrix's complaints stay in the scope of the team that opened them. */
// The promise is cached (not its result), so cases set up in parallel create the row once.
let cachedUnroutedCategoryId: Promise<number> | undefined;
function unroutedCategoryId(): Promise<number> {
  cachedUnroutedCategoryId ??= db.complaintCategory
    .upsert({
      where: { code: "MX_UNROUTED" },
      create: { code: "MX_UNROUTED", nameZh: "矩阵测试", nameEn: "Matrix test", skillTags: ["matrix-nobody"] },
      update: {},
      select: { id: true },
    })
    .then((c) => c.id);
  return cachedUnroutedCategoryId;
}

interface ComplaintRecord {
  id: number;
  version: number;
  complaintNo: string;
  /** The agent who opened it (owner); their team is the complaint's team. */
  agentId: number;
  compensationId?: number;
  compensationVersion?: number;
  attachmentId?: number;
  incidentId?: number;
}

/** A COMPLEX complaint (team queue, unassigned) opened by `agent`, optionally moved to RESOLVED. */
async function complaintOf(agent: Actor, opts: { resolved?: boolean } = {}): Promise<ComplaintRecord> {
  const r = await openComplaint(agent, {
    customerId: await aCustomerId(),
    channel: "HOTLINE",
    categoryId: await unroutedCategoryId(),
    grade: "COMPLEX",
    summary: "Matrix complaint",
    idempotencyKey: `mx-${uniq()}-${uniq()}`,
  });
  if (opts.resolved) {
    // The matrix's category keeps no root causes: a resolution note is all it needs.
    await transitionComplaint(agent, { complaintId: r.id, version: 1, action: "resolve", reason: "Matrix resolution" });
  }
  const c = await db.complaint.findUniqueOrThrow({ where: { id: r.id }, select: { id: true, version: true, complaintNo: true } });
  return { ...c, agentId: agent.id };
}

interface FollowUpRecord {
  id: number;
  version: number;
}

/** A throwaway detractor answer (own CSAT invitation) and its open follow-up for `agent`'s team. */
async function followUpOf(agent: Actor): Promise<FollowUpRecord> {
  const tpl = await db.surveyTemplate.findFirstOrThrow({ where: { kind: "CSAT" }, orderBy: { id: "asc" } });
  const customerId = await aCustomerId();
  const now = new Date();
  const inv = await db.surveyInvitation.create({
    data: {
      templateId: tpl.id,
      kind: "CSAT",
      customerId,
      tokenHash: `mx-${uniq()}-${uniq()}`,
      channel: "SMS",
      locale: "zh-CN",
      teamId: agent.teamId,
      sentAt: now,
      expiresAt: now,
      answeredAt: now,
    },
  });
  const r = await db.surveyResponse.create({
    data: { invitationId: inv.id, kind: "CSAT", customerId, score: 1, comment: "Matrix detractor", isDetractor: true, locale: "zh-CN", answeredAt: now },
  });
  const f = await db.surveyFollowUp.create({ data: { responseId: r.id, customerId, teamId: agent.teamId, createdAt: now } });
  return { id: f.id, version: f.version };
}
async function followUpRecords(actors: MatrixActors) {
  return { own: await followUpOf(actors.agent), other: await followUpOf(actors.otherTeamAgent) };
}
const FOLLOW_UP_WORKERS = {
  anonymous: "unauth",
  agent: "forbidden",
  otherTeamAgent: "forbidden",
  supervisor: { own: "allow", other: "notFound" },
  manager: "allow",
  admin: "forbidden",
} satisfies Record<ActorKey, Expectation>;

function complaintRecords(build: (agent: Actor) => Promise<ComplaintRecord> = (a) => complaintOf(a)) {
  return async (actors: MatrixActors) => ({ own: await build(actors.agent), other: await build(actors.otherTeamAgent) });
}

/** A complaint with a compensation waiting for approval (above the agent's limit). */
async function withPendingCompensation(agent: Actor): Promise<ComplaintRecord> {
  const c = await complaintOf(agent);
  const comp = await requestCompensation(agent, { complaintId: c.id, kind: "CREDIT", amount: 999_999, reason: "Matrix compensation" });
  return { ...c, compensationId: comp.id, compensationVersion: 1 };
}

async function withAttachment(agent: Actor): Promise<ComplaintRecord> {
  const c = await complaintOf(agent);
  const a = await db.complaintAttachment.create({
    data: { complaintId: c.id, fileName: "note.txt", mimeType: "text/plain", size: 5, data: new Uint8Array(Buffer.from("hello")), uploadedBy: agent.id },
  });
  return { ...c, attachmentId: a.id };
}

/** An open incident with one complaint of the agent's team linked to it. */
async function inIncident(agent: Actor): Promise<ComplaintRecord> {
  const c = await complaintOf(agent);
  const i = await db.majorIncident.create({ data: { title: `Matrix incident ${uniq()}`, createdBy: agent.id } });
  await db.complaint.update({ where: { id: c.id }, data: { incidentId: i.id, version: { increment: 1 } } });
  return { ...c, version: c.version + 1, incidentId: i.id };
}

/** Team-scoped complaint actions: agents own + team, supervisors team, managers all. */
const COMPLAINT_HANDLERS = {
  anonymous: "unauth",
  agent: { own: "allow", other: "notFound" },
  otherTeamAgent: { own: "notFound", other: "allow" },
  supervisor: { own: "allow", other: "notFound" },
  manager: "allow",
  admin: "forbidden",
} satisfies Record<ActorKey, Expectation>;

interface ConfigRecord {
  categoryId: number;
  siblingId: number;
  code: string;
  rootCauseId: number;
  secondRootCauseId: number;
  slaCellId: number;
  revisionId: string;
}
/** A new category under NETWORK with a younger sibling, two root causes, an SLA cell and its
 *  first revision. One per case: refusals must change nothing, so the own and other record are one. */
async function configRecords(actors: MatrixActors): Promise<{ own: ConfigRecord; other: ConfigRecord }> {
  const network = await db.complaintCategory.findUniqueOrThrow({ where: { code: "NETWORK" }, select: { id: true } });
  const c = await createCategory(actors.admin, { parentId: network.id, code: `MX_${uniq().toUpperCase()}`, nameZh: "矩阵", nameEn: "Matrix" });
  const sibling = await createCategory(actors.admin, { parentId: network.id, code: `MX_${uniq().toUpperCase()}`, nameZh: "矩阵二", nameEn: "Matrix two" });
  const r1 = await addRootCause(actors.admin, { categoryId: c.id, code: "ONE", nameZh: "一", nameEn: "One" });
  const r2 = await addRootCause(actors.admin, { categoryId: c.id, code: "TWO", nameZh: "二", nameEn: "Two" });
  const calendarId = (await db.businessCalendarDef.findFirstOrThrow({ orderBy: { id: "asc" } })).id;
  const cell = await saveSlaCell(actors.admin, {
    categoryCode: c.code,
    grade: "COMPLEX",
    valueTier: "STANDARD",
    isAppeal: false,
    firstResponseMin: 20,
    feedbackMin: 720,
    resolutionMin: 720,
    cycleMin: 1440,
    warnRatio: 0.8,
    calendarId,
  });
  const first = await db.serviceStandardRevision.findFirstOrThrow({ where: { entity: "category", entityKey: sibling.code, version: 1 } });
  const record = {
    categoryId: c.id,
    siblingId: sibling.id,
    code: c.code,
    rootCauseId: r1.id,
    secondRootCauseId: r2.id,
    slaCellId: cell.id,
    revisionId: first.id.toString(),
  };
  return { own: record, other: record };
}

/** A campaign e-mail that was sent to a fresh customer, and its opt-out token (the link's). */
async function optOutRecord() {
  const { createCustomer } = await import("@/tests/factories/customers");
  const { optOutKey } = await import("@/lib/messaging/adapters");
  const { optOutToken } = await import("@/lib/messaging/signature");
  const { createCampaign } = await import("@/tests/factories/campaigns");
  const c = (await createCustomer({ consentEmail: true, email: `mx${uniq()}@example.com` })).customer;
  const campaign = await createCampaign({ status: "RUNNING", channels: ["EMAIL"] });
  const m = await db.outboundMessage.create({
    data: {
      customerId: c.id,
      channel: "EMAIL",
      recipient: "m***@example.com",
      locale: "zh-CN",
      purpose: "campaign",
      body: "…",
      status: "SENT",
      campaignId: campaign.id,
      sentAt: new Date(),
    },
  });
  return { token: optOutToken(optOutKey(), m.id, "EMAIL") };
}
type OptOutRecord = Awaited<ReturnType<typeof optOutRecord>>;

/** A message handed to the gateway (SENT, with a provider id) that a receipt can confirm. */
async function sentMessageRecord() {
  const c = await db.customer.findFirstOrThrow({ select: { id: true }, orderBy: { id: "asc" } });
  const providerId = `mx-${uniq()}`;
  await db.outboundMessage.create({
    data: {
      customerId: c.id,
      channel: "SMS",
      recipient: "138****0000",
      locale: "zh-CN",
      purpose: "campaign",
      body: "…",
      status: "SENT",
      providerId,
      sentAt: new Date(),
    },
  });
  return { providerId };
}

function form(fields: Record<string, string | number | boolean | Blob>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v instanceof Blob ? v : String(v));
  return f;
}

async function routeParams(id: string | number) {
  return { params: Promise.resolve({ id: String(id) }) };
}

/** An import job in a final state (GET on a queued one would wake the worker). */
async function importJobRecords(actors: MatrixActors) {
  const make = () =>
    db.importJob.create({
      data: { createdById: actors.admin.id, fileName: "mx.csv", fileSize: 1, content: new Uint8Array(), status: "FAILED", phase: "done" },
      select: { id: true },
    });
  return { own: await make(), other: await make() };
}

/** Waits until the import worker is done with the job an allowed upload queued. */
async function settledImport(res: unknown): Promise<unknown> {
  if (res instanceof Response && res.status === 202) {
    const { data } = (await res.clone().json()) as { data: { id: number } };
    for (let i = 0; i < 300; i++) {
      const j = await db.importJob.findUnique({ where: { id: data.id }, select: { status: true } });
      if (j && j.status !== "QUEUED" && j.status !== "RUNNING") break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return res;
}

// ---------------------------------------------------------------------------------------------
// Entries, grouped by capability. Keep them next to each other per file.
// ---------------------------------------------------------------------------------------------

// ---- The call list (issue 22): a call task held by the agent (own: agent1, other: agent2).
interface CallTaskRecord {
  taskId: number;
  version: number;
}
// Records are built one at a time: an agent holds at most one claimed task (a unique index), so a
// new record first returns the agent's previous one to the queue.
let callRecordChain: Promise<unknown> = Promise.resolve();
function heldCallOf(agent: Actor): Promise<CallTaskRecord> {
  const build = async () => {
    await db.callTask.updateMany({ where: { claimedById: agent.id, status: "CLAIMED" }, data: { status: "QUEUED", claimedById: null, claimedAt: null } });
    const t = await db.callTask.create({
      data: {
        customerId: await aCustomerId(),
        teamId: agent.teamId,
        status: "CLAIMED",
        claimedById: agent.id,
        claimedAt: new Date(),
        note: "Matrix call",
        version: 2,
      },
    });
    return { taskId: Number(t.id), version: t.version };
  };
  const next = callRecordChain.then(build, build);
  callRecordChain = next.catch(() => undefined);
  return next;
}
async function heldCallRecords(actors: MatrixActors) {
  return { own: await heldCallOf(actors.agent), other: await heldCallOf(actors.otherTeamAgent) };
}
/** A running campaign and a customer who may be called (retention list → enrol). */
async function runningCampaignRecords() {
  const { createCampaign } = await import("@/tests/factories/campaigns");
  const make = async () => ({
    campaignId: (await createCampaign({ status: "RUNNING", channels: ["OUTBOUND_CALL", "SMS"] })).id,
    customerId: await aCustomerId(),
  });
  return { own: await make(), other: await make() };
}
/** A team (own: agent1's, other: agent2's) and a fresh customer who may be called (retention list → call task). */
async function retentionTaskRecords(actors: MatrixActors) {
  const { createCustomer } = await import("@/tests/factories/customers");
  const make = async (teamId: number | null) => ({ teamId: teamId!, customerId: (await createCustomer({ consentCall: true })).customer.id });
  return { own: await make(actors.agent.teamId), other: await make(actors.otherTeamAgent.teamId) };
}
/** Win-back owners (own: agent1, supervisor1's team; other: agent2, another team) and a fresh customer each (issue 23). */
async function winBackRecords(actors: MatrixActors) {
  const { createCustomer } = await import("@/tests/factories/customers");
  const make = async (ownerId: number) => ({ ownerId, customerId: (await createCustomer()).customer.id });
  return { own: await make(actors.agent.id), other: await make(actors.otherTeamAgent.id) };
}
// Automation rules (issue 22): managers own them (automation:manage); admins and supervisors only read.
const AUTOMATION_ROLES = onlyFor("manager");
type RuleRecord = { id: number; version: number };
/** Rules that select nobody (an empty static segment), so an allowed run creates nothing. */
async function ruleRecords(status: "DRAFT" | "ACTIVE", simulated = false): Promise<{ own: RuleRecord; other: RuleRecord }> {
  const make = async () => {
    const segment = await createSegment({ name: `mx ${uniq()}`, kind: "STATIC", definition: allOf({ field: "city", op: "eq", value: "杭州市" }) });
    const rule = await createAutomationRule({ status, conditions: { segmentId: segment.id, tiers: [], consent: true } });
    if (!simulated) return rule;
    // A simulation of its definition, as simulateRule stores it (activation needs one).
    const def = parseStoredRule(rule)!;
    const simulation = {
      at: new Date().toISOString(),
      ruleVersion: 1,
      definitionKey: definitionKey(def),
      days: 30,
      from: "",
      to: "",
      customers: 0,
      firings: 0,
      byDay: [],
      ms: 1,
    };
    return db.automationRule.update({ where: { id: rule.id }, data: { lastSimulation: simulation } });
  };
  return { own: await make(), other: await make() };
}
async function ruleInput() {
  const teamId = (await db.team.findUniqueOrThrow({ where: { code: "HOTLINE-1" } })).id;
  return {
    name: `mx rule ${uniq()}`,
    trigger: "CONTRACT_ENDING",
    triggerParam: 30,
    conditions: { segmentId: null, tiers: ["GOLD"] },
    action: "CALL_TASK",
    actionParams: { teamId, note: "合约到期" },
  };
}
const ruleRef = (fn: (i: unknown) => Promise<unknown>, { record }: { record: unknown }) =>
  fn({ id: (record as RuleRecord).id, version: (record as RuleRecord).version });

// ---- Care (issue 23): care rules are the admins' (care:configure); care tasks are worked by their
// assignee (or the team's supervisor), reassigned and cancelled by supervisors (their team) and
// managers (any); special care is set by supervisors and admins.
const CARE_ADMIN = onlyFor("admin");
/** Care rules that select nobody (an empty static segment), so an allowed run creates nothing. */
async function careRuleRecords(status: "DRAFT" | "ACTIVE", simulated = false): Promise<{ own: RuleRecord; other: RuleRecord }> {
  const teamId = (await db.team.findUniqueOrThrow({ where: { code: "HOTLINE-1" } })).id;
  const make = async () => {
    const segment = await createSegment({ name: `mx care ${uniq()}`, kind: "STATIC", definition: allOf({ field: "city", op: "eq", value: "杭州市" }) });
    const rule = await createAutomationRule({
      status,
      purpose: "CARE",
      action: "CARE_TASK",
      actionParams: { teamId, kind: "CONTRACT_EXPIRY", note: "合约将到期" },
      conditions: { segmentId: segment.id, tiers: [], consent: true },
    });
    if (!simulated) return rule;
    const def = parseStoredRule(rule)!;
    const simulation = {
      at: new Date().toISOString(),
      ruleVersion: 1,
      definitionKey: definitionKey(def),
      days: 30,
      from: "",
      to: "",
      customers: 0,
      firings: 0,
      byDay: [],
      ms: 1,
    };
    return db.automationRule.update({ where: { id: rule.id }, data: { lastSimulation: simulation } });
  };
  return { own: await make(), other: await make() };
}
async function careRuleInput() {
  const teamId = (await db.team.findUniqueOrThrow({ where: { code: "HOTLINE-1" } })).id;
  return {
    name: `mx care rule ${uniq()}`,
    trigger: "BIRTHDAY",
    triggerParam: 0,
    conditions: { segmentId: null, tiers: ["GOLD"] },
    action: "CARE_TASK",
    actionParams: { teamId, kind: "BIRTHDAY", note: "生日问候" },
  };
}
type CareTaskRecord = { id: bigint; version: number };
/** An open care task of agent1 in their team ("own") and of agent2 in theirs ("other"). */
async function careTaskRecords(actors: MatrixActors): Promise<{ own: CareTaskRecord; other: CareTaskRecord }> {
  const { createCustomer } = await import("@/tests/factories/customers");
  const { createCareTask } = await import("@/tests/factories/care");
  const make = async (a: Actor) =>
    createCareTask({
      customerId: (await createCustomer({})).customer.id,
      teamId: a.teamId,
      assigneeId: a.id,
      kind: "CONTRACT_EXPIRY",
      dueOn: new Date().toISOString().slice(0, 10),
    });
  return { own: await make(actors.agent), other: await make(actors.otherTeamAgent) };
}
const CARE_ASSIGN: Record<ActorKey, Expectation> = {
  anonymous: "unauth",
  agent: "forbidden",
  otherTeamAgent: "forbidden",
  supervisor: { own: "allow", other: "notFound" },
  manager: "allow",
  admin: "forbidden",
};

// ---- Knowledge base (issue 24): every role reads and votes; supervisors and admins write articles;
// admins configure categories and synonyms. Articles are not team-scoped: "own" and "other" are two
// fresh articles, the same outcome for both.
const KB_WRITERS = onlyFor("supervisor", "admin");
/** The demo's "Procedures" category (a refused call must find it, not create it). */
async function kbCategoryId(): Promise<number> {
  return (await db.kbCategory.findUniqueOrThrow({ where: { code: "PROCEDURES" }, select: { id: true } })).id;
}
async function kbArticleInput() {
  const supervisor = await actorFor("supervisor1");
  return {
    categoryId: await kbCategoryId(),
    titleZh: `矩阵文章 ${uniq()}`,
    titleEn: "Matrix article",
    bodyZh: "<p>正文</p>",
    bodyEn: "",
    tags: ["矩阵"],
    status: "PUBLISHED" as const,
    ownerId: supervisor.id,
    reviewDue: null,
  };
}
interface KbArticleRecord {
  id: number;
  version: number;
  attachmentId: number;
}
/** Two published articles with a second revision and an attachment each. */
async function kbArticleRecords(): Promise<{ own: KbArticleRecord; other: KbArticleRecord }> {
  const { createArticle, updateArticle, addArticleAttachment } = await import("@/lib/knowledge/commands");
  const admin = await actorFor("admin1");
  const make = async () => {
    const input = await kbArticleInput();
    const { id } = await createArticle(admin, input);
    await updateArticle(admin, { ...input, id, version: 1, bodyZh: "<p>第二版</p>" });
    const f = await addArticleAttachment(admin, { articleId: id, fileName: "mx.txt", mimeType: "text/plain", data: new TextEncoder().encode("matrix") });
    return { id, version: 2, attachmentId: f.id };
  };
  return { own: await make(), other: await make() };
}

// ---- Quality inspection (issue 24): supervisors sample and score their team's work (quality:score),
// the judged agent disputes their own evaluation (quality:dispute; a supervisor holds it too, but it
// is never theirs), managers decide (quality:decide), admins configure (quality:configure).
type QaRecord = { id: number; version: number };
async function qaContactForm() {
  const { createQaForm } = await import("@/tests/factories/quality");
  return createQaForm();
}
/** An open sample of agent1's contact ("own", Hotline Team 1) and of agent2's ("other"), with its form's items. */
async function qaSampleRecords(actors: MatrixActors): Promise<{ own: QaRecord & { items: unknown[] }; other: QaRecord & { items: unknown[] } }> {
  const { createContactSample, scoringOf } = await import("@/tests/factories/quality");
  const form = await qaContactForm();
  const make = async (a: Actor) => {
    const s = await createContactSample({ agentId: a.id, teamId: a.teamId, formId: form.id });
    return { id: s.id, version: s.version, items: scoringOf(form.items) };
  };
  return { own: await make(actors.agent), other: await make(actors.otherTeamAgent) };
}
/** A fresh evaluation of agent1 ("own") and of agent2 ("other"), scored by a supervisor of their team a minute ago. */
async function qaEvaluationRecords(actors: MatrixActors, disputed = false): Promise<{ own: QaRecord; other: QaRecord }> {
  const { createContactSample } = await import("@/tests/factories/quality");
  const form = await qaContactForm();
  const make = async (a: Actor, evaluatorId: number) => {
    const s = await createContactSample({ agentId: a.id, teamId: a.teamId, formId: form.id });
    const e = await db.qaEvaluation.create({
      data: {
        sampleId: s.id,
        evaluatorId,
        agentId: a.id,
        teamId: a.teamId,
        formId: form.id,
        score: 76,
        finalScore: 76,
        scoredAt: new Date(Date.now() - 60_000),
      },
    });
    if (!disputed) return { id: e.id, version: e.version };
    const d = await db.qaDispute.create({ data: { evaluationId: e.id, agentId: a.id, reason: "矩阵申诉" } });
    return { id: d.id, version: d.version };
  };
  const supervisor2 = await db.user.findUniqueOrThrow({ where: { username: "supervisor2" } });
  return { own: await make(actors.agent, actors.supervisor.id), other: await make(actors.otherTeamAgent, supervisor2.id) };
}
const QA_SCORE: Record<ActorKey, Expectation> = {
  anonymous: "unauth",
  agent: "forbidden",
  otherTeamAgent: "forbidden",
  supervisor: { own: "allow", other: "notFound" },
  manager: "forbidden",
  admin: "forbidden",
};
const QA_ADMIN = onlyFor("admin");
async function qaFormRecords(): Promise<{ own: QaRecord & { itemId: number }; other: QaRecord & { itemId: number } }> {
  const make = async () => {
    const f = await qaContactForm();
    return { id: f.id, version: f.version, itemId: f.items[0].id };
  };
  return { own: await make(), other: await make() };
}

// ---- Training and the monthly assessment (issue 24): supervisors run their team's sessions
// (managers any), agents take the test of a session they attended; admins set the assessment.
interface TrainingRecord {
  id: number;
  version: number;
  teamId: number;
  userId: number;
  assignmentId: number;
  assignmentVersion: number;
}
/** A planned session that has started, in agent1's team ("own") and agent2's ("other"), its agent attended, a one-question test, an open assignment. */
async function trainingRecords(actors: MatrixActors): Promise<{ own: TrainingRecord; other: TrainingRecord }> {
  const make = async (agent: Actor, trainer: Actor): Promise<TrainingRecord> => {
    const s = await db.trainingSession.create({
      data: { topic: `矩阵培训 ${uniq()}`, startsAt: new Date(Date.now() - 3600_000), trainerId: trainer.id, teamId: agent.teamId, createdById: trainer.id },
    });
    await db.trainingQuestion.create({ data: { sessionId: s.id, prompt: "矩阵题", options: ["对", "错"], correctIndex: 0 } });
    await db.trainingAttendee.create({ data: { sessionId: s.id, userId: agent.id, attendance: "ATTENDED" } });
    const a = await db.trainingAssignment.create({ data: { userId: agent.id, teamId: agent.teamId, reason: "MANUAL", topic: "矩阵" } });
    return { id: s.id, version: s.version, teamId: agent.teamId!, userId: agent.id, assignmentId: a.id, assignmentVersion: a.version };
  };
  return { own: await make(actors.agent, actors.supervisor), other: await make(actors.otherTeamAgent, actors.manager) };
}
const TRAINING_MANAGE: Record<ActorKey, Expectation> = {
  anonymous: "unauth",
  agent: "forbidden",
  otherTeamAgent: "forbidden",
  supervisor: { own: "allow", other: "notFound" },
  manager: "allow",
  admin: "forbidden",
};
const localIn = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 16);
const sessionInput = (r: TrainingRecord, trainerId: number) => ({
  topic: "矩阵培训",
  description: "",
  startsAt: localIn(7),
  durationMin: 60,
  teamId: r.teamId,
  trainerId,
  articleIds: [],
  passScore: 60,
});
async function assessmentVersion(): Promise<number> {
  const row = await db.appSetting.findUnique({ where: { key: "assessment" } });
  return (row?.value as { version?: number } | null)?.version ?? 1;
}

/** An Open API route (bearer tokens only): a browser session, or none, is 401 for everyone. */
const BEARER_ONLY: Record<ActorKey, Outcome> = {
  anonymous: "unauth",
  agent: "unauth",
  otherTeamAgent: "unauth",
  supervisor: "unauth",
  manager: "unauth",
  admin: "unauth",
};
/** A JSON request to the TMF621 API (as a browser with a session cookie would send it). */
function tmfJson(method: string, path: string, body: unknown) {
  return new Request(`http://localhost/tmf-api/troubleTicket/v5/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

function tmf629Entries(dir: string, path: string): Record<string, MatrixEntry> {
  const json = (method: string, url: string, body: unknown, type = "application/json") =>
    new Request(`http://localhost${url}`, { method, headers: { "content-type": type }, body: JSON.stringify(body) });
  const customerId = async () => (await db.customer.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } })).id;
  return {
    [`${dir}/route.ts#GET`]: { call: (fn) => fn(get(`${path}?limit=5`)), expect: BEARER_ONLY },
    [`${dir}/route.ts#POST`]: {
      call: (fn) =>
        fn(
          json("POST", path, {
            "@type": "Customer",
            name: "矩阵客户",
            engagedParty: { "@type": "PartyRef", "@referredType": "Individual" },
            contactMedium: [
              { "@type": "PhoneContactMedium", contactType: "msisdn", phoneNumber: `173${String(Date.now()).slice(-8)}` },
              { "@type": "GeographicAddressContactMedium", stateOrProvince: "浙江省", city: "杭州市" },
            ],
            characteristic: [
              { "@type": "StringCharacteristic", name: "planCode", value: "M5G-129" },
              { "@type": "StringCharacteristic", name: "network", value: "G5" },
            ],
          }),
        ),
      expect: BEARER_ONLY,
    },
    [`${dir}/[id]/route.ts#GET`]: {
      call: async (fn) => {
        const id = await customerId();
        return fn(get(`${path}/${id}`), await routeParams(id));
      },
      expect: BEARER_ONLY,
    },
    [`${dir}/[id]/route.ts#PATCH`]: {
      call: async (fn) => {
        const id = await customerId();
        return fn(json("PATCH", `${path}/${id}`, { "@type": "Customer", status: "active" }, "application/merge-patch+json"), await routeParams(id));
      },
      expect: BEARER_ONLY,
    },
  };
}

export const MATRIX: Record<string, MatrixEntry> = {
  // Foundation: shell and session
  "app/actions.ts#setLocaleAction": { call: (fn) => fn("en"), expect: ANYONE },
  "app/actions.ts#logoutAction": { call: (fn) => fn(), expect: EVERY_ROLE },
  "app/(app)/customers/actions.ts#searchCustomersAction": { call: (fn) => fn({ q: "138" + "0" }), expect: EVERY_ROLE },
  // Keeps the term on the server and redirects to /customers?s=<id> (a redirect is "allow").
  "app/(app)/customers/actions.ts#startCustomerSearchAction": { call: (fn) => fn({ q: "13800000000" }), expect: EVERY_ROLE },

  // Trust: user administration (admins only; users are not team-scoped for an admin)
  "app/(app)/admin/users/actions.ts#createUserAction": {
    call: (fn, { actors }) =>
      fn({ username: `mx_new_${uniq()}`, displayName: "New agent", role: "AGENT", teamId: actors.agent.teamId, password: "Matrix-pass-2026" }),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/users/actions.ts#updateUserAction": {
    records: userRecords,
    call: (fn, { record }) =>
      fn({
        userId: (record as UserRecord).id,
        version: (record as UserRecord).version,
        displayName: "Renamed",
        role: "SUPERVISOR",
        teamId: (record as UserRecord).teamId,
      }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/users/actions.ts#setUserActiveAction": {
    records: userRecords,
    call: (fn, { record }) => fn({ userId: (record as UserRecord).id, active: false }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/users/actions.ts#resetUserPasswordAction": {
    records: userRecords,
    call: (fn, { record }) => fn({ userId: (record as UserRecord).id, password: "Reset-pass-2026" }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/users/actions.ts#unlockUserAction": {
    records: userRecords,
    call: (fn, { record }) => fn({ userId: (record as UserRecord).id }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/users/actions.ts#resetUserMfaAction": {
    records: userRecords,
    call: (fn, { record }) => fn({ userId: (record as UserRecord).id }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/users/actions.ts#updateSessionPolicyAction": { call: (fn) => fn({ idleMinutes: 30, absoluteHours: 12 }), expect: ADMIN_ONLY },
  "app/(app)/admin/users/actions.ts#updateMfaPolicyAction": {
    // The demo policy (admins only), saved at the version the database holds.
    call: async (fn) => {
      const row = await db.appSetting.findUnique({ where: { key: "security.mfa" } });
      return fn({ roles: ["ADMIN"], version: (row?.value as { version?: number } | undefined)?.version ?? 0 });
    },
    expect: ADMIN_ONLY,
  },

  "app/(app)/admin/audit/export/route.ts#GET": { call: (fn) => fn(get("/admin/audit/export?action=user.")), expect: ADMIN_ONLY },

  // Trust: the user's own second factor (admins must keep theirs)
  "app/account/mfa/actions.ts#startMfaEnrolmentAction": {
    call: async (fn, { actor }) => {
      if (actor) await setMfa(actor, false);
      return fn();
    },
    expect: EVERY_ROLE,
  },
  "app/account/mfa/actions.ts#confirmMfaEnrolmentAction": {
    call: async (fn, { actor }) => {
      if (!actor) return fn({ code: "123456" });
      await setMfa(actor, false);
      const { secret } = await startMfaEnrolment(actor);
      return fn({ code: generateSync({ secret }) });
    },
    expect: EVERY_ROLE,
  },
  "app/account/mfa/actions.ts#disableMfaAction": {
    // Everybody's second factor is on (set up before the database fingerprint is taken).
    records: async (actors) => {
      let secret = "";
      for (const a of Object.values(actors)) secret = await setMfa(a, true);
      return { own: secret, other: secret };
    },
    call: (fn, { record }) => fn({ code: generateSync({ secret: record as string }) }),
    expect: { ...EVERY_ROLE, admin: "forbidden" },
  } as ActionEntry,
  "app/account/mfa/actions.ts#regenerateRecoveryCodesAction": {
    records: async (actors) => {
      let secret = "";
      for (const a of Object.values(actors)) secret = await setMfa(a, true);
      return { own: secret, other: secret };
    },
    call: (fn, { record }) => fn({ code: generateSync({ secret: record as string }) }),
    expect: EVERY_ROLE,
  } as ActionEntry,

  // Trust: the user's own password (no permission needed; the current password is)
  "app/account/password/actions.ts#changePasswordAction": {
    records: async (actors) => {
      const passwordHash = await hashPassword(MATRIX_PASSWORD);
      for (const a of Object.values(actors)) await db.user.update({ where: { id: a.id }, data: { passwordHash } });
      return { own: MATRIX_PASSWORD, other: MATRIX_PASSWORD };
    },
    call: (fn, { record }) => fn({ currentPassword: record as string, newPassword: "Matrix-new-pass-7", confirmPassword: "Matrix-new-pass-7" }),
    expect: EVERY_ROLE,
  } as ActionEntry,

  // Complaints: intake and handling (team-scoped; admins read but do not handle)
  "app/(app)/complaints/actions.ts#openComplaintAction": {
    call: async (fn) =>
      fn(
        form({
          customerId: await aCustomerId(),
          channel: "HOTLINE",
          categoryId: await billingCategoryId(),
          grade: "GENERAL",
          summary: "Matrix intake",
          details: "",
          idempotencyKey: `mx-${uniq()}-${uniq()}`,
          // No source contact (the hostile suite varies it: a contact id that is not this customer's is a field error).
          sourceInteractionId: "",
        }),
      ),
    expect: onlyFor("agent", "otherTeamAgent", "supervisor", "manager"),
  },
  "app/(app)/complaints/actions.ts#transitionComplaintAction": {
    records: complaintRecords(),
    // rootCauseId belongs to a resolution only (the hostile suite varies it on this step: refused cleanly).
    call: (fn, { record }) => fn({ complaintId: record.id, version: record.version, action: "start", rootCauseId: null }),
    expect: COMPLAINT_HANDLERS,
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/actions.ts#assignComplaintAction": {
    records: complaintRecords(),
    call: (fn, { record }) => fn({ complaintId: record.id, version: record.version, assigneeId: record.agentId, note: "matrix" }),
    expect: COMPLAINT_HANDLERS,
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/actions.ts#autoAssignComplaintAction": {
    records: complaintRecords(),
    call: (fn, { record }) => fn({ complaintId: record.id, version: record.version }),
    expect: { ...COMPLAINT_HANDLERS, agent: "forbidden", otherTeamAgent: "forbidden" },
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/actions.ts#addCommentAction": {
    records: complaintRecords(),
    call: (fn, { record }) => fn({ complaintId: record.id, kind: "INTERNAL", body: "Matrix comment" }),
    expect: COMPLAINT_HANDLERS,
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/actions.ts#recordFeedbackAction": {
    records: complaintRecords(),
    call: (fn, { record }) => fn({ complaintId: record.id, version: record.version, body: "Matrix feedback" }),
    expect: COMPLAINT_HANDLERS,
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/actions.ts#recordReturnVisitAction": {
    records: complaintRecords((a) => complaintOf(a, { resolved: true })),
    call: (fn, { record }) => fn({ complaintId: record.id, version: record.version, satisfied: true, notes: "" }),
    expect: COMPLAINT_HANDLERS,
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/actions.ts#requestCompensationAction": {
    records: complaintRecords(),
    call: (fn, { record }) => fn({ complaintId: record.id, kind: "POINTS", amount: 10, reason: "Matrix goodwill" }),
    expect: COMPLAINT_HANDLERS,
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/actions.ts#decideCompensationAction": {
    records: complaintRecords(withPendingCompensation),
    // Rejecting: approval also depends on the approver's limit, not on who may decide.
    call: (fn, { record }) => fn({ complaintId: record.id, compensationId: record.compensationId, version: record.compensationVersion, approve: false }),
    expect: { ...COMPLAINT_HANDLERS, agent: "forbidden", otherTeamAgent: "forbidden" },
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  // Only the caller's own notifications change.
  "app/(app)/complaints/actions.ts#markNotificationsReadAction": { call: (fn) => fn("all"), expect: EVERY_ROLE },
  "app/api/complaints/attachments/[id]/route.ts#GET": {
    records: complaintRecords(withAttachment),
    call: async (fn, { record }) => fn(get(`/api/complaints/attachments/${record.attachmentId}`), await routeParams(record.attachmentId!)),
    expect: { ...COMPLAINT_HANDLERS, admin: "allow" },
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/api/notifications/unread/route.ts#GET": { call: (fn) => fn(get("/api/notifications/unread")), expect: EVERY_ROLE },

  // Complaints: major incidents (supervisors and managers). Incidents are shared across teams;
  // the bulk steps touch only the linked complaints in the actor's scope, so an incident whose
  // complaints belong to another team is reachable but changes nothing of theirs.
  "app/(app)/complaints/incidents/actions.ts#createIncidentAction": {
    call: (fn) => fn(form({ title: "Matrix outage", description: "Cell site down" })),
    expect: onlyFor("supervisor", "manager"),
  },
  "app/(app)/complaints/incidents/actions.ts#linkComplaintsAction": {
    records: async (actors) => {
      const i = await db.majorIncident.create({ data: { title: `Matrix incident ${uniq()}`, createdBy: actors.supervisor.id }, select: { id: true } });
      return { own: { ...(await complaintOf(actors.agent)), incidentId: i.id }, other: { ...(await complaintOf(actors.otherTeamAgent)), incidentId: i.id } };
    },
    call: (fn, { record }) => fn(form({ incidentId: record.incidentId!, complaintNos: record.complaintNo })),
    expect: onlyFor("supervisor", "manager"),
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/incidents/actions.ts#bulkTransitionAction": {
    records: complaintRecords(inIncident),
    call: (fn, { record }) => fn(form({ incidentId: record.incidentId!, action: "start", reason: "" })),
    expect: onlyFor("supervisor", "manager"),
  } as ActionEntry<ComplaintRecord> as ActionEntry,
  "app/(app)/complaints/incidents/actions.ts#bulkReplyAction": {
    records: complaintRecords(inIncident),
    call: (fn, { record }) => fn(form({ incidentId: record.incidentId!, body: "We are restoring service" })),
    expect: onlyFor("supervisor", "manager"),
  } as ActionEntry<ComplaintRecord> as ActionEntry,

  // Complaints: service standards (admins). Each call re-saves the current row with its version.
  // Business calendars (admins). Hours and a year re-save the 24/7 calendar as it is; the team
  // assignment toggles a throwaway team between that calendar and none.
  "app/(app)/admin/calendars/actions.ts#createCalendarAction": {
    call: (fn) => fn(form({ code: `MX_${uniq().toUpperCase()}`, nameZh: "矩阵日历", nameEn: "Matrix calendar" })),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/calendars/actions.ts#saveCalendarHoursAction": {
    call: async (fn) => {
      const c = await db.businessCalendarDef.findUniqueOrThrow({ where: { code: "HOTLINE_24X7" } });
      const d = c.definition as { is24x7: boolean; weekly: Record<string, unknown> };
      return fn({ id: c.id, version: c.version, nameZh: c.nameZh, nameEn: c.nameEn, is24x7: d.is24x7, weekly: d.weekly });
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/calendars/actions.ts#saveCalendarYearAction": {
    call: async (fn) => {
      const c = await db.businessCalendarDef.findUniqueOrThrow({ where: { code: "HOTLINE_24X7" } });
      return fn(form({ id: c.id, version: c.version, year: 2027, holidays: "", makeupWorkdays: "" }));
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/calendars/actions.ts#assignTeamCalendarAction": {
    // A throwaway team per case (set-up, before the refused requests are counted).
    records: async () => {
      const c = await db.businessCalendarDef.findUniqueOrThrow({ where: { code: "HOTLINE_24X7" } });
      const make = async () => ({ teamId: (await createTeam()).id, calendarId: c.id });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn(form({ teamId: record.teamId, calendarId: record.calendarId, expectedCalendarId: "" })),
    expect: ADMIN_ONLY,
  } as ActionEntry<{ teamId: number; calendarId: number }> as ActionEntry,
  "app/(app)/admin/service-standards/actions.ts#saveCompensationLimitAction": {
    call: async (fn) => {
      const l = await db.compensationLimit.findFirstOrThrow({ where: { role: "SUPERVISOR" } });
      return fn(form({ role: l.role, version: l.version, creditLimit: Number(l.creditLimit), pointsLimit: l.pointsLimit }));
    },
    expect: ADMIN_ONLY,
  },
  // Service configuration (#21): the category tree, root causes, the SLA matrix, history. Each
  // case gets its own category (unique code), so an allowed call changes nothing another relies on.
  "app/(app)/admin/categories/actions.ts#createCategoryAction": {
    call: (fn) => fn(form({ parentId: "", code: `MX_${uniq().toUpperCase()}`, nameZh: "矩阵分类", nameEn: "Matrix category" })),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/categories/actions.ts#updateCategoryAction": {
    records: configRecords,
    call: (fn, { record }) =>
      fn(
        form({
          id: record.categoryId,
          version: 1,
          nameZh: "改名",
          nameEn: "Renamed",
          scriptZh: "话术",
          scriptEn: "Script",
          defaultGrade: "COMPLEX",
          skillTags: "network, 5g",
        }),
      ),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/categories/actions.ts#moveCategoryAction": {
    records: configRecords,
    call: (fn, { record }) => fn(form({ id: record.categoryId, version: 1, parentId: "" })),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/categories/actions.ts#reorderCategoryAction": {
    records: configRecords,
    call: (fn, { record }) => fn({ id: record.categoryId, version: 1, direction: "down" }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/categories/actions.ts#setCategoryActiveAction": {
    records: configRecords,
    call: (fn, { record }) => fn({ id: record.categoryId, version: 1, isActive: false }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/categories/actions.ts#addRootCauseAction": {
    records: configRecords,
    call: (fn, { record }) => fn(form({ categoryId: record.categoryId, code: "", nameZh: "新根因", nameEn: "New cause" })),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/categories/actions.ts#renameRootCauseAction": {
    records: configRecords,
    call: (fn, { record }) => fn(form({ id: record.rootCauseId, version: 1, nameZh: "改名根因", nameEn: "Renamed cause" })),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/categories/actions.ts#reorderRootCauseAction": {
    records: configRecords,
    call: (fn, { record }) => fn({ id: record.secondRootCauseId, version: 1, direction: "up" }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/categories/actions.ts#setRootCauseActiveAction": {
    records: configRecords,
    call: (fn, { record }) => fn({ id: record.rootCauseId, version: 1, isActive: false }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/sla/actions.ts#saveSlaCellAction": {
    records: configRecords,
    call: async (fn, { record }) =>
      fn(
        form({
          categoryCode: record.code,
          grade: "GENERAL",
          valueTier: "GOLD",
          baseId: "",
          firstResponseMin: 10,
          feedbackMin: 720,
          resolutionMin: 720,
          cycleMin: 1440,
          warnRatio: 0.8,
          calendarId: (await db.businessCalendarDef.findFirstOrThrow({ orderBy: { id: "asc" } })).id,
          effectiveFrom: "",
        }),
      ),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/sla/actions.ts#removeSlaCellAction": {
    records: configRecords,
    call: (fn, { record }) => fn({ baseId: record.slaCellId }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,
  "app/(app)/admin/history/actions.ts#restoreRevisionAction": {
    records: configRecords,
    call: (fn, { record }) => fn({ revisionId: record.revisionId }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ConfigRecord> as ActionEntry,

  // Routing (issue 21): agents' skills and capacity (supervisors: their own team's agents; admins:
  // everyone), the categories' auto-route setting and the escalation ladder (admins).
  "app/(app)/admin/routing/actions.ts#saveAgentProfileAction": {
    records: async (actors) => {
      const make = async (teamId: number | null) =>
        (await createAgent({ username: `mx_${uniq()}`, displayName: "Matrix routed agent", teamId, passwordHash: "not-a-hash" })).user.id;
      return { own: await make(actors.agent.teamId), other: await make(actors.otherTeamAgent.teamId) };
    },
    call: async (fn, { record }) => {
      const p = await db.agentProfile.findUniqueOrThrow({ where: { userId: record as number } });
      return fn(form({ userId: p.userId, version: p.version, "skill:billing": "on", capacity: 12, isAvailable: "on" }));
    },
    expect: {
      anonymous: "unauth",
      agent: "forbidden",
      otherTeamAgent: "forbidden",
      supervisor: { own: "allow", other: "notFound" },
      manager: "forbidden",
      admin: "allow",
    },
  },
  "app/(app)/admin/routing/actions.ts#saveCategoryRoutingAction": {
    call: async (fn) => {
      const c = await db.complaintCategory.findFirstOrThrow({ where: { code: "VAS" } });
      return fn(form({ categoryId: c.id, routingVersion: c.routingVersion }));
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/routing/actions.ts#saveEscalationLadderAction": {
    call: async (fn) => {
      const steps = await db.escalationStep.findMany({ orderBy: { level: "asc" } });
      return fn({ version: Math.max(...steps.map((s) => s.version)), steps: steps.map((s) => ({ notifyRole: s.notifyRole, delayMin: s.delayMin })) });
    },
    expect: ADMIN_ONLY,
  },

  // Workspace: customer 360 (customers are not team-scoped: every role with the permission sees all)
  "app/(app)/customers/[id]/actions.ts#logInteractionAction": {
    call: async (fn) =>
      fn({
        customerId: await aCustomerId(),
        channel: "HOTLINE",
        direction: "INBOUND",
        reasonCode: (await db.interactionReason.findFirstOrThrow({ where: { isActive: true } })).code,
        disposition: "INFO_PROVIDED",
        notes: "Matrix call",
      }),
    expect: onlyFor("agent", "otherTeamAgent", "supervisor"),
  },
  "app/(app)/customers/[id]/actions.ts#updateContactAction": {
    call: async (fn) => {
      const c = await db.customer.findUniqueOrThrow({ where: { id: await aCustomerId() } });
      return fn({
        customerId: c.id,
        version: c.version,
        contactPhone: c.contactPhone ?? undefined,
        email: c.email ?? undefined,
        address: c.address ?? undefined,
        preferredLang: c.preferredLang === "en" ? "en" : "zh-CN",
        consentSms: c.consentSms,
        consentCall: c.consentCall,
        consentEmail: c.consentEmail,
        consentPush: c.consentPush,
        doNotDisturb: c.doNotDisturb,
      });
    },
    expect: onlyFor("agent", "otherTeamAgent", "supervisor", "admin"),
  },
  "app/(app)/customers/[id]/actions.ts#revealPiiAction": {
    call: async (fn) => fn({ customerId: await aCustomerId(), field: "contactPhone", reason: "Customer asked to verify the number" }),
    expect: onlyFor("supervisor", "admin"),
  },
  "app/(app)/customers/[id]/actions.ts#setPinnedAction": { call: async (fn) => fn({ customerId: await aCustomerId(), pinned: true }), expect: EVERY_ROLE },
  "app/api/customers/export/route.ts#GET": {
    // The export is addressed by a kept search of the caller's own: one per actor, made before the
    // refusals are fingerprinted (the same set for "own" and "other": searches are per user, not per team).
    records: async (a) => {
      const ids = await keptSearches(a, "1380");
      return { own: ids, other: ids };
    },
    call: (fn, { actor, record }) => fn(get(`/api/customers/export?s=${actor ? record[actor.id] : "A".repeat(22)}`)),
    expect: onlyFor("manager", "admin"),
  } as ActionEntry<Record<number, string>> as ActionEntry,

  // Workspace: interaction reasons (settings)
  "app/(app)/admin/reasons/actions.ts#createReasonAction": {
    call: (fn) => fn(form({ code: `MX_${uniq().toUpperCase()}`, nameZh: "矩阵", nameEn: "Matrix", sortOrder: 900, isActive: "on" })),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/reasons/actions.ts#updateReasonAction": {
    call: async (fn) => {
      const r = await db.interactionReason.findFirstOrThrow({ where: { isActive: true }, orderBy: { code: "asc" } });
      return fn(form({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, sortOrder: r.sortOrder, isActive: "on" }));
    },
    expect: ADMIN_ONLY,
  },

  // Workspace: subscriber import (admins)
  "app/api/imports/route.ts#POST": {
    call: async (fn) => {
      const body = new FormData();
      body.append("file", new File([importTemplateCsv()], "mx.csv", { type: "text/csv" }));
      return settledImport(await fn(new Request("http://localhost/api/imports", { method: "POST", body })));
    },
    expect: ADMIN_ONLY,
  },
  "app/api/imports/[id]/route.ts#GET": {
    records: importJobRecords,
    call: async (fn, { record }) => fn(get(`/api/imports/${record.id}`), await routeParams(record.id)),
    expect: ADMIN_ONLY,
  } as ActionEntry<{ id: number }> as ActionEntry,
  "app/api/imports/[id]/errors/route.ts#GET": {
    records: importJobRecords,
    call: async (fn, { record }) => fn(get(`/api/imports/${record.id}/errors`), await routeParams(record.id)),
    expect: ADMIN_ONLY,
  } as ActionEntry<{ id: number }> as ActionEntry,
  "app/api/imports/template/route.ts#GET": { call: (fn) => fn(get("/api/imports/template")), expect: ADMIN_ONLY },

  // Value, churn and segments (issue 8). Job-starting calls wait for the job so its writes never
  // overlap the next case's fingerprint.
  "app/(app)/admin/value/actions.ts#startValueJobAction": {
    call: async (fn) => {
      const r = (await fn("RESCORE")) as { ok: boolean; data?: { id: number } } | undefined;
      if (r?.ok && r.data) await waitForValueJob(r.data.id);
      return r;
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/value/actions.ts#getValueJobAction": {
    records: async () => {
      const make = () =>
        db.valueJob.create({ data: { kind: "RESCORE", status: "SUCCEEDED", progress: 100, trigger: "matrix", finishedAt: new Date() }, select: { id: true } });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn((record as { id: number }).id),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/value/actions.ts#saveValueSettingsAction": {
    call: async (fn) => {
      const current = await db.valueSettings.findFirstOrThrow({ orderBy: { version: "desc" }, select: { version: true } });
      const form = new FormData();
      const fields: Record<string, string> = {
        expectedVersion: String(current.version),
        weightProfitability: "35",
        weightLoyalty: "20",
        weightPotential: "15",
        weightSatisfaction: "15",
        weightCredit: "15",
        tierMode: "ABSOLUTE",
        tierDiamond: "85",
        tierGold: "70",
        tierSilver: "50",
        churnMedium: "30",
        churnHigh: "60",
      };
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return fn(null, form);
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/value/actions.ts#saveOfferRuleAction": {
    records: async () => {
      const make = () =>
        db.offerRule.create({
          data: { code: `MX_${uniq()}`, nameZh: "矩阵", nameEn: "Matrix", condition: "ROAMER", threshold: 99, priority: 999, isActive: false },
          select: { id: true, version: true },
        });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => {
      const r = record as { id: number; version: number };
      const form = new FormData();
      for (const [k, v] of Object.entries({
        id: String(r.id),
        expectedVersion: String(r.version),
        nameZh: "矩阵",
        nameEn: "Matrix",
        threshold: "98",
        priority: "999",
      }))
        form.set(k, v);
      return fn(null, form);
    },
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/segments/actions.ts#countSegmentAction": {
    call: (fn) => fn({ kind: "group", combinator: "AND", children: [{ kind: "condition", field: "tier", op: "in", value: ["GOLD"] }] }),
    expect: SEGMENT_ROLES,
  },
  "app/(app)/segments/actions.ts#saveSegmentAction": {
    call: (fn) =>
      fn({
        name: `mx ${uniq()}`,
        description: "",
        kind: "STATIC",
        rules: { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "city", op: "eq", value: "杭州市" }] },
      }),
    expect: SEGMENT_ROLES,
  },
  "app/(app)/segments/actions.ts#updateSegmentAction": {
    records: segmentRecords,
    call: (fn, { record }) =>
      fn({
        id: (record as { id: number }).id,
        version: 1,
        name: `mx edited ${uniq()}`,
        description: "",
        rules: { kind: "group", combinator: "AND", children: [{ kind: "condition", field: "city", op: "eq", value: "宁波市" }] },
      }),
    expect: SEGMENT_ROLES,
  } as ActionEntry,
  "app/(app)/segments/actions.ts#refreshSegmentAction": {
    records: segmentRecords,
    call: (fn, { record }) => fn((record as { id: number }).id),
    expect: SEGMENT_ROLES,
  } as ActionEntry,
  "app/(app)/segments/actions.ts#discoverClustersAction": { call: (fn) => fn({ k: 3 }), expect: SEGMENT_ROLES },
  "app/(app)/segments/actions.ts#saveClusterAction": {
    call: (fn) =>
      fn({
        name: `mx cluster ${uniq()}`,
        k: 2,
        cluster: 0,
        centroids: [
          [50, 1000, 24],
          [150, 8000, 60],
        ],
        mean: [100, 4000, 40],
        std: [40, 3000, 30],
      }),
    expect: SEGMENT_ROLES,
  },
  "app/api/segments/[id]/export/route.ts#GET": {
    records: segmentRecords,
    call: (fn, { record }) =>
      fn(get(`/api/segments/${(record as { id: number }).id}/export`), { params: Promise.resolve({ id: String((record as { id: number }).id) }) }),
    expect: SEGMENT_ROLES,
  } as ActionEntry,

  "app/(app)/automation/actions.ts#createRuleAction": { call: async (fn) => fn(await ruleInput()), expect: AUTOMATION_ROLES },
  "app/(app)/automation/actions.ts#updateRuleAction": {
    records: () => ruleRecords("DRAFT"),
    call: async (fn, { record }) => fn({ ...(await ruleInput()), id: (record as RuleRecord).id, version: (record as RuleRecord).version }),
    expect: AUTOMATION_ROLES,
  } as ActionEntry,
  "app/(app)/automation/actions.ts#simulateRuleAction": { records: () => ruleRecords("DRAFT"), call: ruleRef, expect: AUTOMATION_ROLES } as ActionEntry,
  "app/(app)/automation/actions.ts#activateRuleAction": { records: () => ruleRecords("DRAFT", true), call: ruleRef, expect: AUTOMATION_ROLES } as ActionEntry,
  "app/(app)/automation/actions.ts#pauseRuleAction": { records: () => ruleRecords("ACTIVE"), call: ruleRef, expect: AUTOMATION_ROLES } as ActionEntry,
  "app/(app)/automation/actions.ts#archiveRuleAction": { records: () => ruleRecords("DRAFT"), call: ruleRef, expect: AUTOMATION_ROLES } as ActionEntry,
  "app/(app)/automation/actions.ts#runRuleNowAction": { records: () => ruleRecords("ACTIVE"), call: ruleRef, expect: AUTOMATION_ROLES } as ActionEntry,

  // Satisfaction (issue 9): survey sends and admin settings are form posts (FormData).
  "app/(app)/surveys/actions.ts#sendSurveyCampaignAction": {
    call: async (fn) => {
      const tpl = await db.surveyTemplate.findFirstOrThrow({ where: { kind: "NPS" } });
      const r = (await fn(form({ templateId: tpl.id, city: "舟山市", limit: 2 }))) as { ok?: boolean; error?: string } | undefined;
      // Sends are refused in quiet hours (21:00–08:00 Beijing) after the permission check passed.
      return r?.error === "surveys.quietHours" ? { ok: true } : r;
    },
    expect: onlyFor("manager", "admin"),
  },
  "app/(app)/surveys/actions.ts#updateSurveyTemplateAction": {
    // A throwaway, inactive template: hostile-input re-saves it with mutated (valid) text, and the
    // demo's CSAT template is what the e2e survey journey shows.
    records: async () => {
      const t = await db.surveyTemplate.create({
        data: {
          code: `MX_${uniq()}`,
          kind: "NPS",
          nameZh: "矩阵模板",
          nameEn: "Matrix template",
          questionZh: "您会推荐我们吗？",
          questionEn: "Would you recommend us?",
          isActive: false,
        },
      });
      return { own: t, other: t };
    },
    call: async (fn, { record }) => {
      const tpl = await db.surveyTemplate.findUniqueOrThrow({ where: { id: (record as { id: number }).id } });
      const fields: Record<string, string | number> = {
        id: tpl.id,
        version: tpl.version,
        nameZh: tpl.nameZh,
        nameEn: tpl.nameEn,
        questionZh: tpl.questionZh,
        questionEn: tpl.questionEn,
        dimensionsJson: JSON.stringify(tpl.dimensions ?? []),
      };
      if (tpl.allowComment) fields.allowComment = "on";
      if (tpl.isActive) fields.isActive = "on";
      return fn(form(fields));
    },
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/surveys/actions.ts#updateMetricTargetsAction": {
    call: async (fn) => {
      const { getMetricTargets } = await import("@/lib/dashboards/queries");
      const t = await getMetricTargets();
      return fn(
        form({
          issueSatisfactionMin: t.issueSatisfactionMin * 100,
          complaintSatisfactionMin: t.complaintSatisfactionMin * 100,
          averageHandlingHoursMax: t.averageHandlingHoursMax,
          version: t.version,
        }),
      );
    },
    expect: ADMIN_ONLY,
  },
  "app/api/dashboards/export/route.ts#GET": {
    call: (fn) => fn(new NextRequest("http://localhost/api/dashboards/export?table=agents")),
    expect: onlyFor("manager", "admin"),
  },
  // Detractor follow-ups: supervisors their team's, managers all; agents and admins never.
  "app/(app)/follow-ups/actions.ts#claimFollowUpAction": {
    records: followUpRecords,
    call: (fn, { record }) => fn({ id: record.id, version: record.version }),
    expect: FOLLOW_UP_WORKERS,
  } as ActionEntry<FollowUpRecord> as ActionEntry,
  "app/(app)/follow-ups/actions.ts#completeFollowUpAction": {
    records: followUpRecords,
    call: (fn, { record }) => fn({ id: record.id, version: record.version, outcome: "Called back, customer satisfied" }),
    expect: FOLLOW_UP_WORKERS,
  } as ActionEntry<FollowUpRecord> as ActionEntry,
  // The call list (issue 22): agents and supervisors work it; an outcome only on the task one holds.
  "app/(app)/calls/actions.ts#claimNextCallAction": {
    call: (fn) => fn(),
    expect: onlyFor("agent", "otherTeamAgent", "supervisor"),
  },
  "app/(app)/calls/actions.ts#recordCallOutcomeAction": {
    records: heldCallRecords,
    call: (fn, { record }) => fn({ taskId: record.taskId, version: record.version, outcome: "REACHED", note: "Matrix call" }),
    expect: {
      anonymous: "unauth",
      agent: { own: "allow", other: "notFound" },
      otherTeamAgent: { own: "notFound", other: "allow" },
      supervisor: "notFound",
      manager: "forbidden",
      admin: "forbidden",
    },
  } as ActionEntry<CallTaskRecord> as ActionEntry,
  // The retention list's one-step actions: managers enrol; call tasks for supervisors (own team) and managers.
  "app/(app)/retention/actions.ts#enrolRetentionCustomersAction": {
    records: runningCampaignRecords,
    call: (fn, { record }) => fn({ campaignId: record.campaignId, customerIds: [record.customerId] }),
    expect: onlyFor("manager"),
  } as ActionEntry<{ campaignId: number; customerId: number }> as ActionEntry,
  "app/(app)/retention/actions.ts#createRetentionCallTasksAction": {
    records: retentionTaskRecords,
    call: (fn, { record }) => fn({ teamId: record.teamId, note: "Matrix retention call", customerIds: [record.customerId] }),
    expect: {
      anonymous: "unauth",
      agent: "forbidden",
      otherTeamAgent: "forbidden",
      supervisor: { own: "allow", other: "notFound" },
      manager: "allow",
      admin: "forbidden",
    },
  } as ActionEntry<{ teamId: number; customerId: number }> as ActionEntry,
  // Win-back (issue 23): supervisors give their own team's agents a win-back, managers any agent's.
  "app/(app)/retention/actions.ts#assignWinBackAction": {
    records: winBackRecords,
    call: (fn, { record }) =>
      fn({
        ownerId: record.ownerId,
        dueOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
        note: "Matrix win-back",
        customerIds: [record.customerId],
      }),
    expect: {
      anonymous: "unauth",
      agent: "forbidden",
      otherTeamAgent: "forbidden",
      supervisor: { own: "allow", other: "notFound" },
      manager: "allow",
      admin: "forbidden",
    },
  } as ActionEntry<{ ownerId: number; customerId: number }> as ActionEntry,
  "app/s/[token]/actions.ts#submitSurveyAnswerAction": {
    public:
      "the public survey page: the single-use token is the credential (lib/surveys/commands.ts submitSurveyAnswer; rate-limited per IP; covered by tests/integration/satisfaction.test.ts)",
  },
  // Messages and channel adapters (issue 22): the contact rules and "Send due messages now" are the
  // admin's; the opt-out confirmation is public (the signed link is the credential).
  "app/(app)/admin/marketing/actions.ts#updateMarketingSettingsAction": {
    call: async (fn) => {
      const { loadMarketingSettings } = await import("@/lib/marketing/settings");
      const s = await loadMarketingSettings();
      return fn(
        form({
          quietStart: s.quietHours.start,
          quietEnd: s.quietHours.end,
          windowDays: s.caps.windowDays,
          capOverall: s.caps.overall,
          capOUTBOUND_CALL: s.caps.perChannel.OUTBOUND_CALL,
          capSMS: s.caps.perChannel.SMS,
          capEMAIL: s.caps.perChannel.EMAIL,
          capPUSH: s.caps.perChannel.PUSH,
          capWECHAT: s.caps.perChannel.WECHAT,
          maxAttempts: s.maxAttempts,
          retryBaseSeconds: s.retryBaseSeconds,
          gatewayUrl: s.gatewayUrl,
          version: s.version,
        }),
      );
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/marketing/actions.ts#dispatchOutboxNowAction": { call: (fn) => fn(undefined), expect: ADMIN_ONLY },
  "app/o/[token]/actions.ts#confirmOptOutAction": {
    records: async () => ({ own: await optOutRecord(), other: await optOutRecord() }),
    call: (fn, { record }) => fn({ token: record.token }),
    expect: ANYONE,
  } as ActionEntry<OptOutRecord> as ActionEntry,
  "app/setup/actions.ts#createFirstAdminAction": {
    public:
      "the first-administrator set-up of a production install: the one-time token printed on the server console is the credential; refused once any user exists (lib/users/setup-commands.ts completeSetup; rate-limited; covered by tests/integration/setup-bootstrap.test.ts)",
  },

  // Campaigns (issue 22): managers plan and step them (another manager approves), supervisors and admins read.
  "app/(app)/campaigns/actions.ts#createCampaignAction": {
    records: campaignRecords("DRAFT"),
    call: async (fn, { record }) => fn(await campaignPlan(record.segmentId)),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#updateCampaignAction": {
    records: campaignRecords("DRAFT"),
    call: async (fn, { record }) => fn({ ...(await campaignPlan(record.segmentId)), id: record.id, version: record.version }),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#submitCampaignAction": {
    records: campaignRecords("DRAFT"),
    call: (fn, { record }) => fn({ id: record.id, version: record.version }),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#approveCampaignAction": {
    records: campaignRecords("SUBMITTED"),
    call: (fn, { record }) => fn({ id: record.id, version: record.version }),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#rejectCampaignAction": {
    records: campaignRecords("SUBMITTED"),
    call: (fn, { record }) => fn({ id: record.id, version: record.version, reason: "Budget too high" }),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#scheduleCampaignAction": {
    records: campaignRecords("APPROVED"),
    call: (fn, { record }) => fn({ id: record.id, version: record.version }),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#launchCampaignAction": {
    records: campaignRecords("SCHEDULED"),
    call: async (fn, { record }) => {
      const r = await fn({ id: record.id, version: record.version });
      await waitForLaunch(record.id);
      return r;
    },
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#pauseCampaignAction": {
    records: campaignRecords("RUNNING"),
    call: (fn, { record }) => fn({ id: record.id, version: record.version }),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#resumeCampaignAction": {
    records: campaignRecords("PAUSED"),
    call: (fn, { record }) => fn({ id: record.id, version: record.version }),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#cancelCampaignAction": {
    records: campaignRecords("DRAFT"),
    call: (fn, { record }) => fn({ id: record.id, version: record.version, reason: "" }),
    expect: CAMPAIGN_PLANNERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,
  "app/(app)/campaigns/actions.ts#getLaunchProgressAction": {
    records: campaignRecords("RUNNING"),
    call: (fn, { record }) => fn(record.id),
    expect: CAMPAIGN_READERS,
  } as ActionEntry<CampaignRecord> as ActionEntry,

  // Route handlers
  "app/api/health/route.ts#GET": { call: (fn) => fn(get("/api/health")), expect: ANYONE },
  "app/api/ready/route.ts#GET": { call: (fn) => fn(get("/api/ready")), expect: ANYONE },
  // The gateway's delivery receipts: no session by design, a valid signature over the body instead.
  "app/api/messaging/receipts/route.ts#POST": {
    records: async () => ({ own: await sentMessageRecord(), other: await sentMessageRecord() }),
    call: async (fn, { record }) => {
      const { gatewaySecret } = await import("@/lib/messaging/adapters");
      const { signBody, SIGNATURE_HEADER } = await import("@/lib/messaging/signature");
      const body = JSON.stringify({ providerId: record.providerId, status: "DELIVERED" });
      return fn(
        new Request("http://localhost/api/messaging/receipts", {
          method: "POST",
          headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(gatewaySecret()!, body, new Date()) },
          body,
        }),
        {
          params: Promise.resolve({}),
        },
      );
    },
    expect: ANYONE,
  } as ActionEntry<{ providerId: string }> as ActionEntry,
  "app/api/auth/[...nextauth]/route.ts#GET": {
    public: "next-auth's sign-in/session/csrf endpoints; login is covered by tests/integration/auth.test.ts and the e2e login journeys",
  },
  "app/api/auth/[...nextauth]/route.ts#POST": { public: "next-auth credentials sign-in (throttled and audited in lib/auth/login.ts)" },
  // Campaign evaluation (issue 22): the CSV of a campaign's evaluation; whoever reads campaigns, every campaign (no team scope).
  "app/(app)/campaigns/[id]/evaluation/export/route.ts#GET": {
    records: async () => {
      const make = () => createCampaign({ status: "COMPLETED", launchedAt: new Date(Date.now() - 40 * 86_400_000), name: `mx ${uniq()}` });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => {
      const id = String((record as { id: number }).id);
      return fn(get(`/campaigns/${id}/evaluation/export`), { params: Promise.resolve({ id }) });
    },
    expect: onlyFor("supervisor", "manager", "admin"),
  } as ActionEntry,

  // Member grades and the account ledger (issue 23, docs/membership.md).
  "app/(app)/customers/[id]/actions.ts#reverseAccountEntryAction": {
    records: async () => {
      const make = async () => {
        const { createCustomer } = await import("@/tests/factories/customers");
        const { postAccountEntry } = await import("@/lib/accounts/ledger");
        const { account } = await createCustomer();
        const posted = await db.$transaction((tx) =>
          postAccountEntry(tx, { accountId: account.id, kind: "COMPENSATION_CREDIT", amount: "9.90", ref: `compensation:mx${uniq()}` }),
        );
        return { entryId: Number(posted!.entryId) };
      };
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn({ entryId: (record as { entryId: number }).entryId, reason: "matrix" }),
    expect: onlyFor("manager"),
  } as ActionEntry,
  "app/(app)/admin/membership/actions.ts#saveGradeDefAction": {
    call: async (fn) => {
      const g = await db.memberGradeDef.findUniqueOrThrow({ where: { grade: "SILVER" } });
      return fn({
        grade: "SILVER",
        expectedVersion: g.version,
        minSpend12m: Number(g.minSpend12m),
        minTenureMonths: g.minTenureMonths,
        pointsMultiplier: Number(g.pointsMultiplier),
        birthdayPoints: g.birthdayPoints,
        hotlineTeamId: g.hotlineTeamId,
      });
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/membership/actions.ts#saveMembershipSettingsAction": {
    call: async (fn) => {
      const s = await db.appSetting.findUnique({ where: { key: "membership" } });
      const v = (s?.value ?? { version: 1, graceMonths: 3 }) as { version: number; graceMonths: number };
      return fn({ expectedVersion: v.version, graceMonths: v.graceMonths });
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/membership/actions.ts#runGradingAction": {
    call: async (fn) => {
      const r = (await fn({ period: "2032-01" })) as { ok: boolean; data?: { id: number } } | undefined;
      // The run goes on in the background: wait for it, so nothing of it outlives the case.
      for (let i = 0; r?.ok && r.data && i < 200; i++) {
        const j = await db.loyaltyJob.findUnique({ where: { id: r.data.id }, select: { status: true } });
        if (!j || j.status === "SUCCEEDED" || j.status === "FAILED") break;
        await new Promise((res) => setTimeout(res, 100));
      }
      return r;
    },
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/membership/actions.ts#getGradingJobAction": {
    records: async () => {
      const make = () => db.loyaltyJob.create({ data: { kind: "GRADE", period: `mx-${uniq()}`, status: "SUCCEEDED" }, select: { id: true } });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn((record as { id: number }).id),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  // Loyalty (issue 23): points on the customer 360 (no team scope: every customer), the managers'
  // approvals, the admin's programme. Records are made afresh per case.
  "app/(app)/loyalty/actions.ts#redeemRewardAction": {
    records: async () => {
      const { postPoints } = await import("@/lib/loyalty/ledger");
      const { createReward } = await import("@/tests/factories/loyalty-demo");
      const make = async () => {
        const { customer } = await (await import("@/tests/factories/customers")).createCustomer({ lines: [] });
        await db.$transaction((tx) => postPoints(tx, { customerId: customer.id, kind: "GIFT", points: 1000, ref: "gift:mx" }));
        return { customerId: customer.id, rewardId: (await createReward({ pointsCost: 10, stock: null })).id };
      };
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn(record),
    expect: onlyFor("agent", "otherTeamAgent", "supervisor"),
  } as ActionEntry,
  "app/(app)/loyalty/actions.ts#requestAdjustmentAction": {
    records: async () => ({
      own: (await (await import("@/tests/factories/customers")).createCustomer({ lines: [] })).customer.id,
      other: (await (await import("@/tests/factories/customers")).createCustomer({ lines: [] })).customer.id,
    }),
    call: (fn, { record }) => fn({ customerId: record, points: 10, reason: "matrix" }),
    expect: onlyFor("supervisor", "manager"),
  } as ActionEntry,
  "app/(app)/loyalty/actions.ts#decideAdjustmentAction": {
    records: async (actors) => {
      const make = async () =>
        db.pointsAdjustment.create({
          data: {
            customerId: (await (await import("@/tests/factories/customers")).createCustomer({ lines: [] })).customer.id,
            points: 900,
            reason: "matrix",
            status: "PENDING_APPROVAL",
            requestedBy: actors.supervisor.id,
          },
        });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn({ adjustmentId: (record as { id: number }).id, version: 1, approve: true }),
    expect: onlyFor("manager"),
  } as ActionEntry,
  "app/(app)/admin/loyalty/actions.ts#updateLoyaltySettingsAction": {
    call: async (fn) => {
      const { readLoyaltySettings } = await import("@/lib/loyalty/config-queries");
      const s = await readLoyaltySettings(db);
      return fn({
        version: s.version,
        expiryYears: s.expiryYears,
        supervisorLimit: s.adjustLimits.SUPERVISOR ?? 500,
        managerLimit: s.adjustLimits.MANAGER ?? "",
      });
    },
    expect: onlyFor("admin"),
  },
  "app/(app)/admin/loyalty/actions.ts#createEarnRuleAction": {
    call: (fn) =>
      fn({
        name: `mx ${uniq()}`,
        kind: "RATE",
        planClass: "",
        grade: "",
        pointsPerYuan: 1,
        multiplier: 1,
        startsOn: "2045-01-01",
        endsOn: "2045-01-31",
        isActive: false,
      }),
    expect: onlyFor("admin"),
  },
  "app/(app)/admin/loyalty/actions.ts#updateEarnRuleAction": {
    records: async () => {
      const { createEarnRule } = await import("@/tests/factories/loyalty-demo");
      const make = () => createEarnRule({ isActive: false, startsOn: new Date("2045-01-01"), endsOn: new Date("2045-01-31") });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => {
      const r = record as { id: number; version: number };
      return fn({
        ruleId: r.id,
        version: r.version,
        name: `mx ${uniq()}`,
        kind: "RATE",
        planClass: "",
        grade: "",
        pointsPerYuan: 2,
        multiplier: 1,
        startsOn: "2045-01-01",
        endsOn: "2045-01-31",
        isActive: false,
      });
    },
    expect: onlyFor("admin"),
  } as ActionEntry,
  "app/(app)/admin/loyalty/actions.ts#createRewardAction": {
    call: (fn) =>
      fn({ code: `MX${uniq()}`, nameZh: "矩阵", nameEn: "Matrix", kind: "GIFT", pointsCost: 10, creditAmount: "", dataMb: "", stock: "", isActive: false }),
    expect: onlyFor("admin"),
  },
  "app/(app)/admin/loyalty/actions.ts#updateRewardAction": {
    records: async () => {
      const { createReward } = await import("@/tests/factories/loyalty-demo");
      return { own: await createReward({ isActive: false }), other: await createReward({ isActive: false }) };
    },
    call: (fn, { record }) => {
      const r = record as { id: number; version: number; code: string };
      return fn({
        rewardId: r.id,
        version: r.version,
        code: r.code,
        nameZh: "矩阵",
        nameEn: "Matrix",
        kind: "GIFT",
        pointsCost: 20,
        creditAmount: "",
        dataMb: "",
        stock: 3,
        isActive: false,
      });
    },
    expect: onlyFor("admin"),
  } as ActionEntry,
  // A month without bills: the run is a no-op (and runs once; later cases find it done). The action
  // answers before the run ends: wait for it, so its last write never lands in the next case's fingerprint.
  "app/(app)/admin/loyalty/actions.ts#runLoyaltyJobAction": {
    call: async (fn) => {
      const r = (await fn({ kind: "EARN", month: "2045-01" })) as { ok?: boolean } | undefined;
      for (let i = 0; r?.ok && i < 600; i++) {
        const j = await db.loyaltyJob.findUnique({ where: { kind_period: { kind: "EARN", period: "2045-01" } }, select: { status: true } });
        if (j && (j.status === "SUCCEEDED" || j.status === "FAILED")) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      return r;
    },
    expect: onlyFor("admin"),
  },
  // Training and the monthly assessment (issue 24).
  "app/(app)/training/actions.ts#createSessionAction": {
    call: (fn, { actors }) => fn({ topic: "矩阵培训", startsAt: localIn(7), durationMin: 60, teamId: actors.agent.teamId, trainerId: actors.supervisor.id }),
    expect: onlyFor("supervisor", "manager"),
  },
  "app/(app)/training/actions.ts#updateSessionAction": {
    records: trainingRecords,
    call: (fn, { record, actors }) =>
      fn({
        ...sessionInput(record as TrainingRecord, actors.supervisor.id),
        sessionId: (record as TrainingRecord).id,
        version: (record as TrainingRecord).version,
      }),
    expect: TRAINING_MANAGE,
  } as ActionEntry,
  "app/(app)/training/actions.ts#cancelSessionAction": {
    records: trainingRecords,
    call: (fn, { record }) => fn({ sessionId: (record as TrainingRecord).id, version: (record as TrainingRecord).version }),
    expect: TRAINING_MANAGE,
  } as ActionEntry,
  "app/(app)/training/actions.ts#saveQuestionsAction": {
    records: trainingRecords,
    call: (fn, { record }) =>
      fn({
        sessionId: (record as TrainingRecord).id,
        version: (record as TrainingRecord).version,
        questions: [{ prompt: "新题", options: ["甲", "乙"], correctIndex: 1 }],
      }),
    expect: TRAINING_MANAGE,
  } as ActionEntry,
  "app/(app)/training/actions.ts#inviteAttendeesAction": {
    records: trainingRecords,
    call: (fn, { record }) => fn({ sessionId: (record as TrainingRecord).id, team: true }),
    expect: TRAINING_MANAGE,
  } as ActionEntry,
  "app/(app)/training/actions.ts#markAttendanceAction": {
    records: trainingRecords,
    call: (fn, { record }) => fn({ sessionId: (record as TrainingRecord).id, userId: (record as TrainingRecord).userId, version: 1, attendance: "ABSENT" }),
    expect: TRAINING_MANAGE,
  } as ActionEntry,
  "app/(app)/training/actions.ts#submitTestAction": {
    records: trainingRecords,
    call: (fn, { record }) => fn({ sessionId: (record as TrainingRecord).id, answers: [0] }),
    expect: {
      anonymous: "unauth",
      agent: { own: "allow", other: "notFound" },
      otherTeamAgent: { own: "notFound", other: "allow" },
      supervisor: "notFound",
      manager: "notFound",
      admin: "forbidden",
    },
  } as ActionEntry,
  "app/(app)/training/actions.ts#createAssignmentAction": {
    call: (fn, { actors }) => fn({ userId: actors.agent.id, topic: "矩阵任务" }),
    expect: onlyFor("supervisor", "manager"),
  },
  "app/(app)/training/actions.ts#scheduleAssignmentAction": {
    records: trainingRecords,
    call: (fn, { record }) =>
      fn({
        assignmentId: (record as TrainingRecord).assignmentId,
        version: (record as TrainingRecord).assignmentVersion,
        sessionId: (record as TrainingRecord).id,
      }),
    expect: TRAINING_MANAGE,
  } as ActionEntry,
  "app/(app)/training/actions.ts#cancelAssignmentAction": {
    records: trainingRecords,
    call: (fn, { record }) => fn({ assignmentId: (record as TrainingRecord).assignmentId, version: (record as TrainingRecord).assignmentVersion }),
    expect: TRAINING_MANAGE,
  } as ActionEntry,
  "app/(app)/admin/assessment/actions.ts#saveAssessmentWeightsAction": {
    call: async (fn) => fn({ qa: 30, sla: 20, aht: 10, fcr: 15, csat: 15, training: 10, lowQaThreshold: 60, version: await assessmentVersion() }),
    expect: onlyFor("admin"),
  },
  "app/(app)/admin/assessment/actions.ts#runAssessmentNowAction": {
    call: (fn) => fn({ month: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) }),
    expect: onlyFor("admin"),
  },
  // Care (issue 23): care rules (admins), the festival calendar (admins), care tasks, special care.
  "app/(app)/admin/care/actions.ts#createCareRuleAction": { call: async (fn) => fn(await careRuleInput()), expect: CARE_ADMIN },
  "app/(app)/admin/care/actions.ts#updateCareRuleAction": {
    records: () => careRuleRecords("DRAFT"),
    call: async (fn, { record }) => fn({ ...(await careRuleInput()), id: (record as RuleRecord).id, version: (record as RuleRecord).version }),
    expect: CARE_ADMIN,
  } as ActionEntry,
  "app/(app)/admin/care/actions.ts#simulateCareRuleAction": { records: () => careRuleRecords("DRAFT"), call: ruleRef, expect: CARE_ADMIN } as ActionEntry,
  "app/(app)/admin/care/actions.ts#activateCareRuleAction": { records: () => careRuleRecords("DRAFT", true), call: ruleRef, expect: CARE_ADMIN } as ActionEntry,
  "app/(app)/admin/care/actions.ts#pauseCareRuleAction": { records: () => careRuleRecords("ACTIVE"), call: ruleRef, expect: CARE_ADMIN } as ActionEntry,
  "app/(app)/admin/care/actions.ts#archiveCareRuleAction": { records: () => careRuleRecords("DRAFT"), call: ruleRef, expect: CARE_ADMIN } as ActionEntry,
  "app/(app)/admin/care/actions.ts#runCareRuleNowAction": { records: () => careRuleRecords("ACTIVE"), call: ruleRef, expect: CARE_ADMIN } as ActionEntry,
  "app/(app)/admin/care/actions.ts#addFestivalAction": {
    call: (fn) => fn({ code: `MX_${uniq().toUpperCase()}`, day: "2032-05-20", nameZh: "矩阵节", nameEn: "Matrix day" }),
    expect: CARE_ADMIN,
  },
  "app/(app)/admin/care/actions.ts#removeFestivalAction": {
    records: async () => {
      const make = () =>
        db.careFestival.create({ data: { code: `MX_${uniq().toUpperCase()}`, day: new Date("2032-06-01T00:00:00Z"), nameZh: "矩阵节", nameEn: "Matrix day" } });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn({ id: (record as { id: number }).id }),
    expect: CARE_ADMIN,
  } as ActionEntry,
  "app/(app)/admin/care/actions.ts#fillFestivalYearsAction": { call: (fn) => fn({ from: 2033, to: 2033 }), expect: CARE_ADMIN },
  "app/(app)/care/actions.ts#recordCareOutcomeAction": {
    records: careTaskRecords,
    call: (fn, { record }) =>
      fn({ taskId: String((record as CareTaskRecord).id), version: (record as CareTaskRecord).version, outcome: "COMPLETED", note: "" }),
    expect: {
      anonymous: "unauth",
      agent: { own: "allow", other: "notFound" },
      otherTeamAgent: { own: "notFound", other: "allow" },
      supervisor: { own: "allow", other: "notFound" },
      manager: "forbidden",
      admin: "forbidden",
    },
  } as ActionEntry,
  "app/(app)/care/actions.ts#reassignCareTaskAction": {
    records: careTaskRecords,
    call: (fn, { record }) => fn({ taskId: String((record as CareTaskRecord).id), version: (record as CareTaskRecord).version, assigneeId: null }),
    expect: CARE_ASSIGN,
  } as ActionEntry,
  "app/(app)/care/actions.ts#cancelCareTaskAction": {
    records: careTaskRecords,
    call: (fn, { record }) => fn({ taskId: String((record as CareTaskRecord).id), version: (record as CareTaskRecord).version, reason: "矩阵" }),
    expect: CARE_ASSIGN,
  } as ActionEntry,
  "app/(app)/customers/[id]/actions.ts#setSpecialCareAction": {
    records: async () => {
      const { createCustomer } = await import("@/tests/factories/customers");
      return { own: (await createCustomer({})).customer, other: (await createCustomer({})).customer };
    },
    call: async (fn, { record }) => {
      const c = await db.customer.findUniqueOrThrow({ where: { id: (record as { id: number }).id } });
      return fn({ customerId: c.id, version: c.version, specialCare: c.specialCare === "ELDERLY" ? "NONE" : "ELDERLY" });
    },
    expect: onlyFor("supervisor", "admin"),
  } as ActionEntry,
  // Service quality (issue 24): the command palette's and the complaint side panel's knowledge calls
  // (every role reads the knowledge base; a click names only the actor's own search), and the
  // standard scripts (the admins': knowledge:configure).
  "app/(app)/palette/actions.ts#searchArticlesAction": { call: (fn) => fn({ q: "宽带", source: "palette" }), expect: EVERY_ROLE },
  "app/(app)/palette/actions.ts#suggestArticlesAction": {
    records: complaintRecords(),
    call: (fn, { record }) => fn({ complaintId: (record as ComplaintRecord).id }),
    expect: { ...COMPLAINT_HANDLERS, admin: "allow" },
  } as ActionEntry,
  "app/(app)/palette/actions.ts#recordArticleClickAction": { call: (fn) => fn({ searchId: "999999999", articleId: 1 }), expect: EVERY_ROLE },
  "app/(app)/palette/actions.ts#rateArticleAction": {
    records: async () => {
      const { createKbArticle } = await import("@/tests/factories/scripts");
      return { own: await createKbArticle(), other: await createKbArticle() };
    },
    call: (fn, { record }) => fn({ articleId: (record as { id: number }).id, helpful: true }),
    expect: EVERY_ROLE,
  } as ActionEntry,
  "app/(app)/admin/scripts/actions.ts#createScriptAction": { call: (fn) => fn(scriptForm()), expect: ADMIN_ONLY },
  "app/(app)/admin/scripts/actions.ts#updateScriptAction": {
    records: scriptRecords,
    call: (fn, { record }) => fn({ ...scriptForm(), id: (record as ScriptRecord).id, version: (record as ScriptRecord).version }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/scripts/actions.ts#setScriptActiveAction": {
    records: scriptRecords,
    call: (fn, { record }) => fn({ id: (record as ScriptRecord).id, version: (record as ScriptRecord).version, isActive: false }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  // Knowledge base (issue 24).
  "app/(app)/knowledge/actions.ts#createArticleAction": { call: async (fn) => fn(await kbArticleInput()), expect: KB_WRITERS },
  "app/(app)/knowledge/actions.ts#updateArticleAction": {
    records: kbArticleRecords,
    call: async (fn, { record }) => fn({ ...(await kbArticleInput()), id: (record as KbArticleRecord).id, version: (record as KbArticleRecord).version }),
    expect: KB_WRITERS,
  } as ActionEntry,
  "app/(app)/knowledge/actions.ts#restoreRevisionAction": {
    records: kbArticleRecords,
    call: (fn, { record }) => fn({ articleId: (record as KbArticleRecord).id, revision: 1, version: (record as KbArticleRecord).version }),
    expect: KB_WRITERS,
  } as ActionEntry,
  "app/(app)/knowledge/actions.ts#markArticleReviewedAction": {
    records: kbArticleRecords,
    call: (fn, { record }) => fn({ articleId: (record as KbArticleRecord).id, version: (record as KbArticleRecord).version, nextReview: "2099-01-01" }),
    expect: KB_WRITERS,
  } as ActionEntry,
  "app/(app)/knowledge/actions.ts#removeArticleAttachmentAction": {
    records: kbArticleRecords,
    call: (fn, { record }) => fn({ id: (record as KbArticleRecord).attachmentId }),
    expect: KB_WRITERS,
  } as ActionEntry,
  "app/(app)/knowledge/actions.ts#rateArticleAction": {
    records: kbArticleRecords,
    call: (fn, { record }) => fn({ articleId: (record as KbArticleRecord).id, helpful: true }),
    expect: EVERY_ROLE,
  } as ActionEntry,
  "app/api/knowledge/attachments/[id]/route.ts#GET": {
    records: kbArticleRecords,
    call: async (fn, { record }) =>
      fn(get(`/api/knowledge/attachments/${(record as KbArticleRecord).attachmentId}`), await routeParams((record as KbArticleRecord).attachmentId)),
    expect: EVERY_ROLE,
  } as ActionEntry,
  "app/api/knowledge/articles/[id]/attachments/route.ts#POST": {
    records: kbArticleRecords,
    call: async (fn, { record }) => {
      const body = new FormData();
      body.append("file", new File(["%PDF-1.4\n"], "mx.pdf", { type: "application/pdf" }));
      const id = (record as KbArticleRecord).id;
      return fn(new Request(`http://localhost/api/knowledge/articles/${id}/attachments`, { method: "POST", body }), await routeParams(id));
    },
    expect: KB_WRITERS,
  } as ActionEntry,
  "app/(app)/admin/knowledge/actions.ts#createKbCategoryAction": {
    call: (fn) => fn({ code: `MX_${uniq().toUpperCase()}`, nameZh: "矩阵分类", nameEn: "Matrix category" }),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/knowledge/actions.ts#updateKbCategoryAction": {
    records: async () => {
      const make = async () => db.kbCategory.create({ data: { code: `MX_${uniq().toUpperCase()}`, nameZh: "矩阵分类", nameEn: "Matrix category" } });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => {
      const c = record as { id: number; version: number };
      return fn({ id: c.id, version: c.version, parentId: null, nameZh: "矩阵分类二", nameEn: "Matrix category 2", sortOrder: 1 });
    },
    expect: ADMIN_ONLY,
  } as ActionEntry,
  "app/(app)/admin/knowledge/actions.ts#saveSynonymGroupAction": { call: (fn) => fn({ terms: [`矩阵${uniq()}`, `matrix${uniq()}`] }), expect: ADMIN_ONLY },
  "app/(app)/admin/knowledge/actions.ts#deleteSynonymGroupAction": {
    records: async () => {
      const make = async () => db.kbSynonym.create({ data: { terms: [`矩阵${uniq()}`, `matrix${uniq()}`] } });
      return { own: await make(), other: await make() };
    },
    call: (fn, { record }) => fn({ id: (record as { id: number }).id }),
    expect: ADMIN_ONLY,
  } as ActionEntry,
  // Quality inspection (issue 24): sampling and scoring (supervisors, their team), disputes (the judged
  // agent only), decisions (managers), configuration (admins).
  "app/(app)/quality/actions.ts#drawSamplesAction": { call: (fn) => fn({ scope: "team" }), expect: onlyFor("supervisor") },
  "app/(app)/quality/actions.ts#markCalibrationAction": {
    records: qaSampleRecords,
    call: (fn, { record }) => fn({ sampleId: (record as QaRecord).id, version: (record as QaRecord).version }),
    expect: QA_SCORE,
  } as ActionEntry,
  "app/(app)/quality/actions.ts#scoreSampleAction": {
    records: qaSampleRecords,
    call: (fn, { record }) => {
      const r = record as QaRecord & { items: unknown[] };
      return fn({ sampleId: r.id, version: r.version, items: r.items, comment: "矩阵" });
    },
    expect: QA_SCORE,
  } as ActionEntry,
  "app/(app)/quality/actions.ts#disputeEvaluationAction": {
    records: (actors) => qaEvaluationRecords(actors),
    call: (fn, { record }) => fn({ evaluationId: (record as QaRecord).id, version: (record as QaRecord).version, reason: "矩阵申诉" }),
    expect: {
      anonymous: "unauth",
      agent: { own: "allow", other: "notFound" },
      otherTeamAgent: { own: "notFound", other: "allow" },
      supervisor: "notFound",
      manager: "forbidden",
      admin: "forbidden",
    },
  } as ActionEntry,
  "app/(app)/quality/actions.ts#decideDisputeAction": {
    records: (actors) => qaEvaluationRecords(actors, true),
    call: (fn, { record }) =>
      fn({ disputeId: (record as QaRecord).id, version: (record as QaRecord).version, decision: "UPHELD", newScore: "88.5", note: "矩阵裁决" }),
    expect: onlyFor("manager"),
  } as ActionEntry,
  "app/(app)/admin/quality/actions.ts#saveNormAction": {
    call: (fn) =>
      fn({
        kind: "LANGUAGE",
        code: `MX-${uniq().toUpperCase()}`,
        titleZh: "矩阵规范",
        titleEn: "Matrix norm",
        descriptionZh: "",
        descriptionEn: "",
        isActive: true,
      }),
    expect: QA_ADMIN,
  },
  "app/(app)/admin/quality/actions.ts#saveQaFormAction": {
    call: (fn) => fn({ nameZh: "矩阵表", nameEn: "Matrix form", target: "CONTACT", passScore: 80, isActive: false }),
    expect: QA_ADMIN,
  },
  "app/(app)/admin/quality/actions.ts#saveQaFormItemAction": {
    records: qaFormRecords,
    call: (fn, { record }) => {
      const r = record as QaRecord & { itemId: number };
      return fn({
        formId: r.id,
        formVersion: r.version,
        itemId: r.itemId,
        section: "ATTITUDE",
        labelZh: "矩阵项",
        labelEn: "Matrix item",
        maxPoints: 5,
        weight: 3,
        isFatal: false,
        normId: "",
      });
    },
    expect: QA_ADMIN,
  } as ActionEntry,
  "app/(app)/admin/quality/actions.ts#deactivateQaFormItemAction": {
    records: qaFormRecords,
    call: (fn, { record }) => {
      const r = record as QaRecord & { itemId: number };
      return fn({ formId: r.id, formVersion: r.version, itemId: r.itemId });
    },
    expect: QA_ADMIN,
  } as ActionEntry,
  "app/(app)/admin/quality/actions.ts#saveSamplingRuleAction": {
    // The demo's contact form (no row is made before the call: a refusal must change nothing).
    call: async (fn) =>
      fn({
        kind: "LONG_CALL",
        param: 45,
        formId: (await db.qaForm.findFirstOrThrow({ where: { target: "CONTACT" }, orderBy: { id: "asc" } })).id,
        isActive: false,
      }),
    expect: QA_ADMIN,
  },
  "app/(app)/admin/quality/actions.ts#saveQualitySettingsAction": { call: (fn) => fn({ disputeWindowDays: 7 }), expect: QA_ADMIN },

  // Open API events (issue 25): the /hub routes take a bearer token only; a browser session gets 401.
  ...Object.fromEntries(
    ["troubleTicket", "customer", "troubleTicketManagement", "customerManagement"].flatMap((api) => [
      [
        `app/tmf-api/${api}/v5/hub/route.ts#POST`,
        { call: (fn: HubRoute) => fn(jsonPost(`/tmf-api/${api}/v5/hub`, { callback: "https://listener.example.com/hook" })), expect: BEARER_ONLY },
      ],
      [
        `app/tmf-api/${api}/v5/hub/[id]/route.ts#GET`,
        { call: async (fn: HubRoute) => fn(get(`/tmf-api/${api}/v5/hub/1`), await routeParams(1)), expect: BEARER_ONLY },
      ],
      [
        `app/tmf-api/${api}/v5/hub/[id]/route.ts#DELETE`,
        {
          call: async (fn: HubRoute) => fn(new Request(`http://localhost/tmf-api/${api}/v5/hub/1`, { method: "DELETE" }), await routeParams(1)),
          expect: BEARER_ONLY,
        },
      ],
    ]),
  ),
  "app/(app)/admin/api/deliveries/actions.ts#replayHubDeliveryAction": {
    records: async () => ({ own: await deadDeliveryRecord(), other: await deadDeliveryRecord() }),
    call: (fn, { record }) => fn({ deliveryId: record.deliveryId }),
    expect: ADMIN_ONLY,
  } as ActionEntry<DeadDeliveryRecord> as ActionEntry,
  "app/(app)/admin/api/deliveries/actions.ts#replayDeadDeliveriesAction": {
    records: async () => ({ own: await deadDeliveryRecord(), other: await deadDeliveryRecord() }),
    call: (fn, { record }) => fn({ subscriptionId: record.subscriptionId }),
    expect: ADMIN_ONLY,
  } as ActionEntry<DeadDeliveryRecord> as ActionEntry,
  // API clients and tokens (issue 25): the admins' (api:manage). A client of its own per case.
  "app/(app)/admin/api/actions.ts#registerApiClientAction": {
    call: (fn, { actors }) =>
      fn({ name: `mx ${uniq()}`, ownerId: actors.admin.id, teamId: "", scopes: ["ticket:read"], rateLimitPerMinute: "60", channel: "APP", description: "" }),
    expect: ADMIN_ONLY,
  },
  "app/(app)/admin/api/actions.ts#updateApiClientAction": {
    records: apiClientRecords,
    call: (fn, { record }) =>
      fn({
        clientId: record.id,
        version: record.version,
        name: `mx ${uniq()}`,
        ownerId: record.ownerId,
        teamId: "",
        scopes: ["ticket:read", "customer:read"],
        rateLimitPerMinute: "120",
        channel: "MINI_PROGRAM",
      }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ApiClientRecord> as ActionEntry,
  "app/(app)/admin/api/actions.ts#setApiClientEnabledAction": {
    records: apiClientRecords,
    call: (fn, { record }) => fn({ clientId: record.id, version: record.version, enabled: false }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ApiClientRecord> as ActionEntry,
  "app/(app)/admin/api/actions.ts#rotateClientSecretAction": {
    records: apiClientRecords,
    call: (fn, { record }) => fn({ clientId: record.id, version: record.version }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ApiClientRecord> as ActionEntry,
  "app/(app)/admin/api/actions.ts#issueStaticTokenAction": {
    records: apiClientRecords,
    call: (fn, { record }) => fn({ clientId: record.id, label: "matrix", expiresInDays: "7" }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ApiClientRecord> as ActionEntry,
  "app/(app)/admin/api/actions.ts#revokeTokenAction": {
    records: apiClientRecords,
    call: (fn, { record }) => fn({ clientId: record.id, tokenId: record.tokenId }),
    expect: ADMIN_ONLY,
  } as ActionEntry<ApiClientRecord> as ActionEntry,
  "app/oauth/token/route.ts#POST": {
    public:
      "OAuth 2 client credentials (RFC 6749 §4.4): the client's id and secret are the credential, never a session; rate-limited per client address; covered by tests/integration/api/oauth.test.ts",
  },
  "app/tmf-api/openapi.json/route.ts#GET": {
    public:
      "the OpenAPI description of the Open API: describes, reveals no data (lib/api/openapi.ts); covered by tests/unit/openapi-document.test.ts and tests/integration/api/oauth.test.ts",
  },
  // TMF629 Customer (issue 25): bearer tokens only; a browser session is nobody (401 for every role).
  ...tmf629Entries("app/tmf-api/customer/v5/customer", "/tmf-api/customer/v5/customer"),
  ...tmf629Entries("app/tmf-api/customerManagement/v5/customer", "/tmf-api/customerManagement/v5/customer"),

  // ── Open API, TMF621 trouble tickets (issue 25) ──
  // Bearer tokens only: a browser session is no credential here, so everyone gets 401 (the API's
  // own authorization — scopes, team scope, revoked and expired tokens — is tested in
  // tests/integration/api/tickets.test.ts). The troubleTicketManagement paths re-export the same handlers.
  ...Object.fromEntries(
    (
      [
        [
          "troubleTicket/route.ts#GET",
          (fn) => fn(new Request("http://localhost/tmf-api/troubleTicket/v5/troubleTicket?status=pending"), { params: Promise.resolve({}) }),
        ],
        [
          "troubleTicket/route.ts#POST",
          (fn) =>
            fn(tmfJson("POST", "troubleTicket", { "@type": "TroubleTicket", description: "x", severity: "general", ticketType: "BILLING" }), {
              params: Promise.resolve({}),
            }),
        ],
        ["troubleTicket/[id]/route.ts#GET", async (fn) => fn(new Request("http://localhost/tmf-api/troubleTicket/v5/troubleTicket/1"), await routeParams(1))],
        [
          "troubleTicket/[id]/route.ts#PATCH",
          async (fn) => fn(tmfJson("PATCH", "troubleTicket/1", { "@type": "TroubleTicket", status: "inProgress" }), await routeParams(1)),
        ],
        [
          "troubleTicket/[id]/route.ts#DELETE",
          async (fn) => fn(new Request("http://localhost/tmf-api/troubleTicket/v5/troubleTicket/1", { method: "DELETE" }), await routeParams(1)),
        ],
        [
          "troubleTicketSpecification/route.ts#GET",
          (fn) => fn(new Request("http://localhost/tmf-api/troubleTicket/v5/troubleTicketSpecification"), { params: Promise.resolve({}) }),
        ],
        [
          "troubleTicketSpecification/[id]/route.ts#GET",
          async (fn) => fn(new Request("http://localhost/tmf-api/troubleTicket/v5/troubleTicketSpecification/BILLING"), await routeParams("BILLING")),
        ],
      ] as Array<[string, ActionEntry["call"]]>
    ).flatMap(([file, call]) =>
      ["troubleTicket", "troubleTicketManagement"].map((base) => [`app/tmf-api/${base}/v5/${file}`, { call, expect: BEARER_ONLY } satisfies ActionEntry]),
    ),
  ),
};

// ---- API clients (issue 25): a client with one static token, owned by a new admin.
interface ApiClientRecord {
  id: number;
  version: number;
  ownerId: number;
  tokenId: number;
}
async function apiClientRecords(): Promise<{ own: ApiClientRecord; other: ApiClientRecord }> {
  const { createApiClient } = await import("@/tests/factories/api");
  const make = async () => {
    const c = await createApiClient({ name: `mx client ${uniq()}` });
    return { id: c.client.id, version: c.client.version, ownerId: c.client.ownerId, tokenId: c.tokenId };
  };
  return { own: await make(), other: await make() };
}

// ---- Standard scripts (issue 24): inactive rows of a stage nobody reads in these tests.
interface ScriptRecord {
  id: number;
  version: number;
}
function scriptForm() {
  return {
    stage: "CLOSING",
    complaintCategoryId: "",
    campaignId: "",
    nameZh: `矩阵${uniq()}`,
    nameEn: "Matrix",
    bodyZh: "再见，{customerName}",
    bodyEn: "Goodbye, {customerName}",
    sortOrder: "9000",
    isActive: "",
  };
}
async function scriptRecords(): Promise<{ own: ScriptRecord; other: ScriptRecord }> {
  const { createServiceScript } = await import("@/tests/factories/scripts");
  return {
    own: await createServiceScript({ stage: "CLOSING", isActive: false, sortOrder: 9000 }),
    other: await createServiceScript({ stage: "CLOSING", isActive: false, sortOrder: 9000 }),
  };
}

// ---- Open API events (issue 25)
function jsonPost(path: string, body: unknown) {
  return new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}
interface DeadDeliveryRecord {
  deliveryId: string;
  subscriptionId: number;
}
/** A listener with one DEAD delivery (written directly: what the delivery job leaves after the last attempt). */
async function deadDeliveryRecord(): Promise<DeadDeliveryRecord> {
  const { createApiClient } = await import("@/tests/factories/api");
  const { client } = await createApiClient({ scopes: ["ticket:read", "hub:manage"] });
  const s = await db.hubSubscription.create({
    data: {
      clientId: client.id,
      api: "troubleTicket",
      callback: "https://listener.example.com/hook",
      eventTypes: ["TROUBLE_TICKET_CREATE"],
      secretEnc: encryptPii("matrix-secret"),
    },
  });
  const e = await db.apiEvent.create({
    data: { type: "TROUBLE_TICKET_CREATE", entity: "complaint", entityId: 1, payload: { troubleTicket: { id: "1", "@type": "TroubleTicket" } } },
  });
  const d = await db.hubDelivery.create({
    data: { eventId: e.id, subscriptionId: s.id, status: "DEAD", attempts: 8, lastStatusCode: 500, lastError: "HTTP 500" },
  });
  return { deliveryId: String(d.id), subscriptionId: s.id };
}

import "server-only";
import { db, sqlRows } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/shared/errors";
import { complaintScopeSql } from "@/lib/complaints/scope";
import {
  STORY_KINDS,
  decodeStoryCursor,
  encodeStoryCursor,
  storyInput,
  type StoryCursor,
  type StoryInput,
  type StoryKind,
} from "@/lib/customers/timeline-schemas";

// The customer's whole story on the 360: contacts, complaint status changes (the first one is the
// intake), feedback given to the customer on a complaint, survey answers, the messages sent, points
// entries, member grade changes and account credits, newest first, in ONE statement.
//
// How it stays fast at 10 M subscribers: every kind is a branch `(SELECT … WHERE customer_id = $1
// AND <before the cursor> ORDER BY at DESC, id DESC LIMIT n+1)` that walks an index on
// (customer_id, at DESC, id DESC) and stops after n+1 rows; the branches are glued with UNION ALL
// and the outer ORDER BY … LIMIT n+1 merges at most kinds × (n+1) rows. Complaint history has no
// customer_id of its own: its branches start from the customer's complaints (complaint
// (customer_id, created_at) index; a customer has a handful) and read each one's history through
// (complaint_id, at). docs/customer-360.md, "The story timeline", says how to add a kind.
//
// Order and cursor: (at DESC, kind rank DESC, id DESC) — ties in time are broken by the kind's
// rank (its place in STORY_KINDS), then the id, so a page boundary inside a burst of items of the
// same millisecond never repeats or skips one. Each branch turns the cursor into a condition on
// its own (at, id) whose index condition is `at <= $cursorAt`.

export interface StoryItemBase {
  /** Unique across kinds on the page (React key, test handle). */
  key: string;
  at: Date;
}
export type StoryItem =
  | (StoryItemBase & {
      kind: "contact";
      channel: string;
      direction: string;
      reasonCode: string | null;
      reasonZh: string | null;
      reasonEn: string | null;
      disposition: string;
      notes: string | null;
      agentName: string | null;
      durationSec: number;
    })
  | (StoryItemBase & {
      kind: "complaint";
      complaintId: number;
      complaintNo: string;
      summary: string;
      categoryZh: string;
      categoryEn: string;
      action: string;
      fromStatus: string | null;
      toStatus: string;
      reason: string | null;
      actorName: string | null;
    })
  | (StoryItemBase & { kind: "feedback"; complaintId: number; complaintNo: string; body: string; authorName: string | null })
  | (StoryItemBase & {
      kind: "survey";
      surveyKind: string;
      score: number | null;
      csiScore: number | null;
      comment: string | null;
      isDetractor: boolean;
      complaintId: number | null;
      complaintNo: string | null;
    })
  | (StoryItemBase & { kind: "message"; channel: string; recipient: string; purpose: string; body: string })
  | (StoryItemBase & { kind: "points"; entryKind: string; points: number; balanceAfter: number; reason: string })
  | (StoryItemBase & { kind: "grade"; fromGrade: string | null; toGrade: string; reason: string })
  | (StoryItemBase & { kind: "account"; entryKind: string; amount: string; balanceAfter: string; accountNo: string; reason: string });

export interface StoryPage {
  items: StoryItem[];
  /** The kinds this actor may see (the filter's choices). */
  allowed: StoryKind[];
  /** The kinds shown on this page (the filter, within `allowed`). */
  kinds: StoryKind[];
  nextCursor: string | null;
}

/** What each kind needs beyond customer:read (the same as the 360's panels). */
const KIND_PERMISSION: Record<StoryKind, Permission> = {
  contact: "interaction:read",
  complaint: "complaint:read",
  feedback: "complaint:read",
  survey: "customer:read",
  message: "customer:read",
  points: "loyalty:read",
  grade: "customer:read",
  account: "customer:read",
};

const rankOf = (k: StoryKind) => STORY_KINDS.indexOf(k);

/**
 * The keyset condition of one branch: its rows that come after the cursor in
 * (at DESC, rank DESC, id DESC) order. Written so that the text is the same for every cursor (one
 * prepared statement per kind set) and the index condition is `at <= $cursorAt`.
 */
function beforeCursor(at: Prisma.Sql, id: Prisma.Sql, rank: number, c: StoryCursor | null): Prisma.Sql {
  if (!c) return Prisma.sql`TRUE`;
  const cAt = Prisma.sql`${c.at}::timestamptz`;
  return Prisma.sql`${at} <= ${cAt} AND (${at} < ${cAt} OR ${c.rank}::int > ${rank}::int OR (${c.rank}::int = ${rank}::int AND ${id} < ${c.id}::bigint))`;
}

type Branch = (actor: Actor, customerId: number, c: StoryCursor | null, n: number) => Prisma.Sql;

// One branch per kind, each selecting (kind rank, at, id, data json). Adding a kind: a branch here,
// its name in STORY_KINDS, its permission above, its item type and its row in the component.
const BRANCHES: Record<StoryKind, Branch> = {
  contact: (_actor, customerId, c, n) => Prisma.sql`
    (SELECT ${rankOf("contact")}::int AS rank, i.occurred_at AS at, i.id::bigint AS id,
            json_build_object('channel', i.channel, 'direction', i.direction, 'reasonCode', i.reason_code, 'reasonZh', r.name_zh, 'reasonEn', r.name_en,
                              'disposition', i.disposition, 'notes', i.notes, 'agentName', u.display_name, 'durationSec', i.duration_sec) AS data
     FROM interaction i
     LEFT JOIN interaction_reason r ON r.code = i.reason_code
     LEFT JOIN app_user u ON u.id = i.agent_id
     WHERE i.customer_id = ${customerId} AND ${beforeCursor(Prisma.sql`i.occurred_at`, Prisma.sql`i.id`, rankOf("contact"), c)}
     ORDER BY i.occurred_at DESC, i.id DESC LIMIT ${n})`,
  complaint: (actor, customerId, c, n) => Prisma.sql`
    (SELECT ${rankOf("complaint")}::int AS rank, s.at, s.id::bigint AS id,
            json_build_object('complaintId', c.id, 'complaintNo', c.complaint_no, 'summary', c.summary, 'categoryZh', cat.name_zh, 'categoryEn', cat.name_en,
                              'action', s.action, 'fromStatus', s.from_status, 'toStatus', s.to_status, 'reason', s.reason, 'actorName', u.display_name) AS data
     FROM complaint c
     JOIN complaint_status_change s ON s.complaint_id = c.id
     JOIN complaint_category cat ON cat.id = c.category_id
     LEFT JOIN app_user u ON u.id = s.actor_id
     WHERE c.customer_id = ${customerId} AND ${complaintScopeSql(actor)}
       ${c ? Prisma.sql`AND c.created_at <= ${c.at}::timestamptz` : Prisma.empty}
       AND ${beforeCursor(Prisma.sql`s.at`, Prisma.sql`s.id`, rankOf("complaint"), c)}
     ORDER BY s.at DESC, s.id DESC LIMIT ${n})`,
  // Only what the customer was told: internal comments, notes and system entries stay on the complaint page.
  feedback: (actor, customerId, c, n) => Prisma.sql`
    (SELECT ${rankOf("feedback")}::int AS rank, m.at, m.id::bigint AS id,
            json_build_object('complaintId', c.id, 'complaintNo', c.complaint_no, 'body', m.body, 'authorName', u.display_name) AS data
     FROM complaint c
     JOIN complaint_comment m ON m.complaint_id = c.id AND m.kind = 'FEEDBACK'
     LEFT JOIN app_user u ON u.id = m.author_id
     WHERE c.customer_id = ${customerId} AND ${complaintScopeSql(actor)}
       ${c ? Prisma.sql`AND c.created_at <= ${c.at}::timestamptz` : Prisma.empty}
       AND ${beforeCursor(Prisma.sql`m.at`, Prisma.sql`m.id`, rankOf("feedback"), c)}
     ORDER BY m.at DESC, m.id DESC LIMIT ${n})`,
  survey: (actor, customerId, c, n) => Prisma.sql`
    (SELECT ${rankOf("survey")}::int AS rank, sr.answered_at AS at, sr.id::bigint AS id,
            json_build_object('surveyKind', sr.kind, 'score', sr.score, 'csiScore', sr.csi_score, 'comment', sr.comment, 'isDetractor', sr.is_detractor,
                              'complaint', ${can(actor, "complaint:read") ? Prisma.sql`(SELECT json_build_object('id', c.id, 'no', c.complaint_no) FROM complaint c WHERE c.id = sr.complaint_id AND ${complaintScopeSql(actor)})` : Prisma.sql`NULL::json`}) AS data
     FROM survey_response sr
     WHERE sr.customer_id = ${customerId} AND ${beforeCursor(Prisma.sql`sr.answered_at`, Prisma.sql`sr.id`, rankOf("survey"), c)}
     ORDER BY sr.answered_at DESC, sr.id DESC LIMIT ${n})`,
  // The recipient is stored masked and the body with its survey link redacted (lib/surveys/delivery.ts).
  message: (_actor, customerId, c, n) => Prisma.sql`
    (SELECT ${rankOf("message")}::int AS rank, om.created_at AS at, om.id AS id,
            json_build_object('channel', om.channel, 'recipient', om.recipient, 'purpose', om.purpose, 'body', om.body) AS data
     FROM outbound_message om
     WHERE om.customer_id = ${customerId} AND ${beforeCursor(Prisma.sql`om.created_at`, Prisma.sql`om.id`, rankOf("message"), c)}
     ORDER BY om.created_at DESC, om.id DESC LIMIT ${n})`,
  // Issue 23 (docs/membership.md, docs/loyalty.md): the three ledgers' rows.
  points: (_actor, customerId, c, n) => Prisma.sql`
    (SELECT ${rankOf("points")}::int AS rank, pe.created_at AS at, pe.id AS id,
            json_build_object('kind', pe.kind, 'points', pe.points, 'balanceAfter', pe.balance_after, 'reason', pe.reason) AS data
     FROM points_entry pe
     WHERE pe.customer_id = ${customerId} AND ${beforeCursor(Prisma.sql`pe.created_at`, Prisma.sql`pe.id`, rankOf("points"), c)}
     ORDER BY pe.created_at DESC, pe.id DESC LIMIT ${n})`,
  grade: (_actor, customerId, c, n) => Prisma.sql`
    (SELECT ${rankOf("grade")}::int AS rank, g.at, g.id AS id,
            json_build_object('fromGrade', g.from_grade, 'toGrade', g.to_grade, 'reason', g.reason) AS data
     FROM member_grade_change g
     WHERE g.customer_id = ${customerId} AND ${beforeCursor(Prisma.sql`g.at`, Prisma.sql`g.id`, rankOf("grade"), c)}
     ORDER BY g.at DESC, g.id DESC LIMIT ${n})`,
  // account_entry has no customer_id: from the customer's accounts (a handful), each one's walk by
  // (account_id, created_at DESC, id DESC); the OPENING entry is the ledger's start, not an event.
  account: (_actor, customerId, c, n) => Prisma.sql`
    (SELECT ${rankOf("account")}::int AS rank, e.created_at AS at, e.id AS id,
            json_build_object('kind', e.kind, 'amount', round(e.amount, 2)::text, 'balanceAfter', round(e.balance_after, 2)::text, 'accountNo', a.account_no, 'reason', e.reason) AS data
     FROM account a
     JOIN account_entry e ON e.account_id = a.id
     WHERE a.customer_id = ${customerId} AND e.kind <> 'OPENING' AND ${beforeCursor(Prisma.sql`e.created_at`, Prisma.sql`e.id`, rankOf("account"), c)}
     ORDER BY e.created_at DESC, e.id DESC LIMIT ${n})`,
};

/** The kinds this actor may see on a customer's story. */
export function allowedStoryKinds(actor: Actor): StoryKind[] {
  return STORY_KINDS.filter((k) => can(actor, KIND_PERMISSION[k]));
}

/** The statement of one page (exported for the plan test and the benchmark's floor). */
export function storyTimelineSql(actor: Actor, customerId: number, kinds: readonly StoryKind[], cursor: StoryCursor | null, limit: number): Prisma.Sql {
  const n = limit + 1;
  const branches = kinds.map((k) => BRANCHES[k](actor, customerId, cursor, n));
  return Prisma.sql`
    SELECT t.rank, t.at, t.id::text AS id, t.data FROM (${Prisma.join(branches, " UNION ALL ")}) t
    ORDER BY t.at DESC, t.rank DESC, t.id DESC
    LIMIT ${n}`;
}

type Row = { rank: number; at: Date; id: string; data: Record<string, unknown> };

/**
 * One page of a customer's story, newest first. Same permission as the 360 (customer:read); each
 * kind also needs the permission of its panel (contacts interaction:read, complaint history
 * complaint:read within the actor's complaint scope). An unknown customer is not found.
 */
export async function listCustomerStory(actor: Actor, raw: StoryInput): Promise<StoryPage> {
  assertCan(actor, "customer:read");
  const input = storyInput.parse(raw);
  const allowed = allowedStoryKinds(actor);
  const asked = input.kinds.length ? allowed.filter((k) => input.kinds.includes(k)) : allowed;
  const kinds = asked.length ? asked : allowed;
  const cursor = decodeStoryCursor(input.before);
  // Hot path (every 360 page): a prepared statement; its text depends only on the kinds, the
  // actor's complaint scope and whether there is a cursor, never on the values.
  const rows = await sqlRows<Row>(storyTimelineSql(actor, input.customerId, kinds, cursor, input.limit), { prepared: true });
  if (rows.length === 0 && !(await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true } }))) throw new NotFoundError("customer");
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    allowed,
    kinds,
    nextCursor: rows.length > input.limit && last ? encodeStoryCursor({ at: last.at, rank: last.rank, id: Number(last.id) }) : null,
  };
}

function toItem(r: Row): StoryItem {
  const kind = STORY_KINDS[r.rank];
  const d = r.data;
  const base = { key: `${kind}-${r.id}`, at: r.at };
  const str = (v: unknown) => (v == null ? null : String(v));
  const num = (v: unknown) => (v == null ? null : Number(v));
  switch (kind) {
    case "contact":
      return {
        ...base,
        kind,
        channel: String(d.channel),
        direction: String(d.direction),
        reasonCode: str(d.reasonCode),
        reasonZh: str(d.reasonZh),
        reasonEn: str(d.reasonEn),
        disposition: String(d.disposition),
        notes: str(d.notes),
        agentName: str(d.agentName),
        durationSec: Number(d.durationSec ?? 0),
      };
    case "complaint":
      return {
        ...base,
        kind,
        complaintId: Number(d.complaintId),
        complaintNo: String(d.complaintNo),
        summary: String(d.summary),
        categoryZh: String(d.categoryZh),
        categoryEn: String(d.categoryEn),
        action: String(d.action),
        fromStatus: str(d.fromStatus),
        toStatus: String(d.toStatus),
        reason: str(d.reason),
        actorName: str(d.actorName),
      };
    case "feedback":
      return { ...base, kind, complaintId: Number(d.complaintId), complaintNo: String(d.complaintNo), body: String(d.body), authorName: str(d.authorName) };
    case "survey":
      return {
        ...base,
        kind,
        surveyKind: String(d.surveyKind),
        score: num(d.score),
        csiScore: num(d.csiScore),
        comment: str(d.comment),
        isDetractor: d.isDetractor === true,
        // The answer's complaint only when the actor may open it (else neither its id nor its number).
        complaintId: d.complaint ? Number((d.complaint as { id: number }).id) : null,
        complaintNo: d.complaint ? String((d.complaint as { no: string }).no) : null,
      };
    case "message":
      return { ...base, kind, channel: String(d.channel), recipient: String(d.recipient), purpose: String(d.purpose), body: String(d.body) };
    case "points":
      return { ...base, kind, entryKind: String(d.kind), points: Number(d.points), balanceAfter: Number(d.balanceAfter), reason: String(d.reason ?? "") };
    case "grade":
      return { ...base, kind, fromGrade: str(d.fromGrade), toGrade: String(d.toGrade), reason: String(d.reason) };
    case "account":
      return {
        ...base,
        kind,
        entryKind: String(d.kind),
        amount: String(d.amount),
        balanceAfter: String(d.balanceAfter),
        accountNo: String(d.accountNo),
        reason: String(d.reason ?? ""),
      };
  }
}

export interface CustomerSegment {
  id: number;
  name: string;
}

/** The segments a customer is a member of (materialized membership), by name; customer:read like the 360. */
export async function listCustomerSegments(actor: Actor, customerId: number): Promise<CustomerSegment[]> {
  assertCan(actor, "customer:read");
  return sqlRows<CustomerSegment>(
    Prisma.sql`SELECT s.id, s.name FROM segment_member m JOIN segment s ON s.id = m.segment_id WHERE m.customer_id = ${customerId} ORDER BY s.name, s.id LIMIT 50`,
    { prepared: true },
  );
}

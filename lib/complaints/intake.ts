import "server-only";
import { db, sqlRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { auditInsertSql } from "@/lib/audit/record";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { clockColumnsOf } from "@/lib/complaints/clock-columns";
import { notifySql } from "@/lib/complaints/notifications";
import { loadCalendar } from "@/lib/complaints/standards";
import { inForceTargetSql } from "@/lib/sla/matrix";
import { routeIntake, type HotlineRoute } from "@/lib/routing/intake-routing";
import { attachmentTypeOf } from "@/lib/complaints/attachment-type";
import { attachmentInput, openComplaintInput, type AttachmentInput, type OpenComplaintForm, type OpenComplaintInput } from "@/lib/complaints/schemas";

// Intake: opening a complaint (首问负责制), with everything it needs read in one statement and
// written in one statement.

export interface OpenedComplaint {
  id: number;
  complaintNo: string;
  /** false when the idempotency key matched an earlier submission. */
  created: boolean;
}

/**
 * Opens a complaint; the intake agent becomes its owner (首问负责制). Targets are looked up in the
 * SLA matrix and snapshotted. General complaints stay with the intake agent; complex and major
 * ones go to the team queue, and major ones notify supervisors and managers at once.
 * Idempotent on `idempotencyKey`: a repeat returns the first complaint.
 */
/** The intake form's submission (openComplaintForm): its attachment arrives as a File, already
 *  checked for size and type, and is read here. */
export async function openComplaintFromForm(actor: Actor, { attachment, ...input }: OpenComplaintForm): Promise<OpenedComplaint> {
  const file = attachment
    ? { fileName: attachment.name, mimeType: attachment.type as AttachmentInput["mimeType"], data: new Uint8Array(await attachment.arrayBuffer()) }
    : null;
  return openComplaint(actor, input, file);
}

/** What an Open API create adds to an intake (lib/api/tmf621): the calling system's own ids of the
 *  case (TMF externalIdentifier), kept as a SYSTEM entry of the complaint's log. */
export interface IntakeExtras {
  externalIdentifiers?: Array<{ owner?: string; externalIdentifierType?: string; id: string }>;
}

export async function openComplaint(
  actor: Actor,
  raw: OpenComplaintInput,
  attachment?: AttachmentInput | null,
  now = new Date(),
  extras: IntakeExtras = {},
): Promise<OpenedComplaint> {
  assertCan(actor, "complaint:create");
  const input = openComplaintInput.parse(raw);
  const file = attachment ? attachmentInput.safeParse(attachment) : null;
  if (file && !file.success) throw new ValidationError({ attachment: "invalid" }, "complaint.attachment");
  if (file) {
    // Stored (and served) as what its bytes are: the browser's type is only the file name's extension.
    const type = attachmentTypeOf(file.data.mimeType, file.data.data);
    if (!type) throw new ValidationError({ attachment: "fileContent" }, "complaint.attachmentContent");
    file.data.mimeType = type;
  }

  const pre = await readIntake(input, now);
  if (pre.existing) {
    if (pre.existing.ownerId !== actor.id) throw new ConflictError("idempotency key reused");
    return { id: pre.existing.id, complaintNo: pre.existing.complaintNo, created: false };
  }
  if (!pre.customerFound) throw new NotFoundError("customer");
  if (input.lineId && !pre.lineFound) throw new ValidationError({ lineId: "invalid" });
  if (!pre.category) throw new ValidationError({ categoryId: "invalid" });
  const sourceInteractionId = input.sourceInteractionId ?? null;
  if (sourceInteractionId !== null) await checkSourceInteraction(sourceInteractionId, input.customerId);
  const target = pre.target;
  if (!target) throw new ValidationError({ grade: "noTarget" }, "complaint.noTarget");
  const { category, valueTier, complaintNo: no } = pre;
  // Who handles it, in which team and calendar (lib/routing/intake-routing.ts): routing locks the
  // chosen agent in the transaction that writes the complaint (tx is absent when nothing routes).
  const row = await routeIntake(actor, { categoryId: category.id, grade: input.grade, hotline: pre.hotline }, now, async (route, tx) => {
    const targets = {
      slaTargetId: target.id,
      calendarId: route.calendar?.id ?? target.calendarId,
      firstResponseMin: target.firstResponseMin,
      feedbackMin: target.feedbackMin,
      resolutionMin: target.resolutionMin,
      cycleMin: target.cycleMin,
      warnRatio: target.warnRatio,
    };
    // A new complaint's clocks need no history read: its one status change is the one written here.
    const cols = clockColumnsOf(
      { createdAt: now, ...targets, firstRespondedAt: null, feedbackAt: null },
      "ACKNOWLEDGED",
      [{ at: now, toStatus: "ACKNOWLEDGED" }],
      await loadCalendar(db, route.calendar?.id ?? target.calendarId, route.calendar?.version ?? target.calendarVersion),
      now,
    );
    // One statement writes the complaint, its first status change, the attachment, the major-grade
    // notices and the audit row: it commits whole or not at all, in one round trip (lib/db.ts sqlRows).
    const w = { ...targets, ...cols };
    const [row] = await sqlRows<{ id: number }>(
      Prisma.sql`
        WITH c AS (
          INSERT INTO complaint (complaint_no, customer_id, line_id, channel, category_id, grade, summary, details, owner_id, assignee_id, team_id, is_appeal,
            value_tier, idempotency_key, source_interaction_id, sla_target_id, calendar_id, first_response_min, feedback_min, resolution_min, cycle_min, warn_ratio,
            first_response_due_at, feedback_due_at, resolution_due_at, cycle_due_at, next_due_at, next_warn_at, is_sla_paused, created_at, updated_at)
          VALUES (${no}, ${input.customerId}, ${input.lineId ?? null}::int, ${input.channel}::"Channel", ${category.id}, ${input.grade}::"ComplaintGrade",
            ${input.summary}, ${input.details}, ${actor.id}, ${route.assigneeId}::int, ${route.teamId}::int, ${input.isAppeal}, ${valueTier}, ${input.idempotencyKey}, ${sourceInteractionId}::int,
            ${w.slaTargetId}, ${w.calendarId}, ${w.firstResponseMin}, ${w.feedbackMin}, ${w.resolutionMin}, ${w.cycleMin}, ${w.warnRatio}::float8,
            ${w.firstResponseDueAt}::timestamptz, ${w.feedbackDueAt}::timestamptz, ${w.resolutionDueAt}::timestamptz, ${w.cycleDueAt}::timestamptz,
            ${w.nextDueAt}::timestamptz, ${w.nextWarnAt}::timestamptz, ${w.isSlaPaused}, ${now}::timestamptz, ${now}::timestamptz)
          ON CONFLICT (idempotency_key) DO NOTHING
          RETURNING id),
        s AS (INSERT INTO complaint_status_change (complaint_id, action, from_status, to_status, actor_id, at)
              SELECT id, 'open', NULL, 'ACKNOWLEDGED', ${actor.id}, ${now}::timestamptz FROM c)
      ${
        // The contact it was opened from points back to it.
        sourceInteractionId !== null
          ? Prisma.sql`, li AS (UPDATE interaction SET complaint_id = c.id FROM c WHERE interaction.id = ${sourceInteractionId}::int AND interaction.complaint_id IS NULL)`
          : Prisma.empty
      }
        ${
          // The calling system's ids of the case (an Open API create), one SYSTEM entry each.
          extras.externalIdentifiers?.length
            ? Prisma.sql`, x AS (INSERT INTO complaint_comment (complaint_id, kind, body, author_id, at)
                SELECT c.id, 'SYSTEM', e.body, ${actor.id}, ${now}::timestamptz FROM c, unnest(${extras.externalIdentifiers.map((identifier) =>
                  JSON.stringify({ event: "externalIdentifier", identifier }),
                )}::text[]) AS e(body))`
            : Prisma.empty
        }
        ${
          file?.success
            ? Prisma.sql`, f AS (INSERT INTO complaint_attachment (complaint_id, file_name, mime_type, size, data, uploaded_by)
                SELECT id, ${file.data.fileName}, ${file.data.mimeType}, ${file.data.data.byteLength}, ${Buffer.from(file.data.data)}::bytea, ${actor.id} FROM c)`
            : Prisma.empty
        }
        ${
          // A major complaint notifies its team's supervisors and every manager at once.
          input.grade === "MAJOR"
            ? Prisma.sql`, n AS (${notifySql(
                "c",
                Prisma.sql`SELECT id AS user_id FROM app_user
                           WHERE is_active AND (role = 'MANAGER' OR (role = 'SUPERVISOR' AND team_id = ${actor.teamId}::int))`,
                "complaint.major",
                { complaintNo: no },
              )})`
            : Prisma.empty
        },
        a AS (${auditInsertSql(
          actor,
          {
            action: "complaint.opened",
            entity: "complaint",
            data: {
              complaintNo: no,
              customerId: input.customerId,
              grade: input.grade,
              category: category.code,
              isAppeal: input.isAppeal,
              slaTargetId: target.id,
              sourceInteractionId,
            },
          },
          "c",
        )})
        SELECT id FROM c`,
      { prepared: true, tx },
    );
    return row ? { id: row.id, complaintNo: no } : null;
  });
  if (row) return { id: row.id, complaintNo: no, created: true };
  // Two submissions raced past the lookup: the unique key let one in; return that one.
  const again = await db.complaint.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true, complaintNo: true, ownerId: true } });
  if (again && again.ownerId === actor.id) return { id: again.id, complaintNo: again.complaintNo, created: false };
  throw new ConflictError("idempotency key reused");
}

/** The contact a complaint is opened from: the same customer's, and not yet the source of another. */
async function checkSourceInteraction(interactionId: number, customerId: number): Promise<void> {
  const i = await db.interaction.findUnique({ where: { id: interactionId }, select: { customerId: true, complaintId: true } });
  if (!i || i.customerId !== customerId) throw new ValidationError({ sourceInteractionId: "invalid" });
  if (i.complaintId !== null) throw new ValidationError({ sourceInteractionId: "interactionHasComplaint" }, "complaint.interactionHasComplaint");
}

interface Intake {
  existing: { id: number; complaintNo: string; ownerId: number } | null;
  customerFound: boolean;
  lineFound: boolean;
  category: { id: number; code: string } | null;
  /** The tier that picks the SLA row: the better of the customer's value tier and member grade
   *  (issue 23); customers neither scored nor graded are STANDARD. Snapshotted on the complaint. */
  valueTier: string;
  /** The member grade's dedicated hotline team, when it has one (lib/routing/intake-routing.ts). */
  hotline: HotlineRoute | null;
  target: {
    id: number;
    calendarId: number;
    calendarVersion: number;
    firstResponseMin: number;
    feedbackMin: number;
    resolutionMin: number;
    cycleMin: number;
    warnRatio: number;
  } | null;
  complaintNo: string;
}

/**
 * Everything an intake reads, in one statement: an earlier complaint with the same idempotency
 * key, the customer and line checks, the active category, the value tier, the SLA target in force
 * and the next complaint number. The target is the most specific cell in force (lib/sla/matrix.ts
 * inForceTargetSql): the category, then each ancestor, then '*'; the customer's tier (the better
 * of value tier and member grade) before STANDARD; the latest version of that key, unless it removed the cell. (One
 * round trip instead of eight: at 16 agents at once the intake was bound by round trips.)
 * A number drawn for an intake that then fails validation is skipped, as after any rollback.
 */
async function readIntake(
  input: { idempotencyKey: string; customerId: number; lineId?: number | null; categoryId: number; grade: string; isAppeal: boolean },
  now: Date,
): Promise<Intake> {
  const [r] = await sqlRows<{
    existing: { id: number; complaint_no: string; owner_id: number } | null;
    customer_found: boolean;
    line_found: boolean;
    category_id: number | null;
    category_code: string | null;
    value_tier: string;
    member_grade: string;
    hotline_team_id: number | null;
    target: {
      id: number;
      calendar_id: number;
      calendar_version: number;
      first_response_min: number;
      feedback_min: number;
      resolution_min: number;
      cycle_min: number;
      warn_ratio: number;
    } | null;
    no: string;
  }>(
    Prisma.sql`
    WITH cat AS (
      SELECT c.id, c.code FROM complaint_category c WHERE c.id = ${input.categoryId} AND c.is_active),
    m AS (
      SELECT COALESCE((SELECT tier::text FROM customer_score WHERE customer_id = ${input.customerId}), 'STANDARD') AS value_tier,
             COALESCE(ms.grade::text, 'STANDARD') AS grade, d.hotline_team_id
      FROM (SELECT 1) one
      LEFT JOIN customer_membership ms ON ms.customer_id = ${input.customerId}
      LEFT JOIN member_grade_def d ON d.grade = ms.grade),
    -- The SLA row's tier: the better of value tier and member grade (the same four names).
    tier AS (
      SELECT CASE WHEN array_position(ARRAY['STANDARD','SILVER','GOLD','DIAMOND'], m.grade) > array_position(ARRAY['STANDARD','SILVER','GOLD','DIAMOND'], m.value_tier)
                  THEN m.grade ELSE m.value_tier END AS t,
             m.grade AS member_grade, m.hotline_team_id
      FROM m)
    SELECT
      (SELECT json_build_object('id', id, 'complaint_no', complaint_no, 'owner_id', owner_id) FROM complaint WHERE idempotency_key = ${input.idempotencyKey}) AS existing,
      EXISTS (SELECT 1 FROM customer WHERE id = ${input.customerId}) AS customer_found,
      EXISTS (SELECT 1 FROM line WHERE id = ${input.lineId ?? null}::int AND customer_id = ${input.customerId}) AS line_found,
      (SELECT id FROM cat) AS category_id, (SELECT code FROM cat) AS category_code, tier.t AS value_tier,
      tier.member_grade, tier.hotline_team_id,
      ${inForceTargetSql({ categoryId: input.categoryId, grade: input.grade, tier: Prisma.sql`tier.t`, isAppeal: input.isAppeal, now })} AS target,
      'TS' || to_char(${now}::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad((nextval('complaint_no_seq') % 100000)::text, 5, '0') AS no
    FROM tier`,
    { prepared: true },
  );
  const t = r.target;
  return {
    existing: r.existing ? { id: r.existing.id, complaintNo: r.existing.complaint_no, ownerId: r.existing.owner_id } : null,
    customerFound: r.customer_found,
    lineFound: r.line_found,
    category: r.category_id != null && r.category_code != null ? { id: r.category_id, code: r.category_code } : null,
    valueTier: r.value_tier,
    hotline: r.hotline_team_id != null ? { teamId: r.hotline_team_id, memberGrade: r.member_grade } : null,
    target: t
      ? {
          id: t.id,
          calendarId: t.calendar_id,
          calendarVersion: t.calendar_version,
          firstResponseMin: t.first_response_min,
          feedbackMin: t.feedback_min,
          resolutionMin: t.resolution_min,
          cycleMin: t.cycle_min,
          warnRatio: t.warn_ratio,
        }
      : null,
    complaintNo: r.no,
  };
}

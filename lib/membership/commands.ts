import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { recordRevision } from "@/lib/config/revisions";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { ladderErrors, type LadderRow } from "@/lib/membership/ladder";
import { gradeDefInput, membershipSettingsInput, type GradeDefInput, type MemberGradeKey, type MembershipSettingsInput } from "@/lib/membership/schemas";
import { MEMBERSHIP_SETTING_KEY, readMembershipSettings, type MembershipSettings } from "@/lib/membership/settings";

// The admin's grade ladder (/admin/membership, loyalty:configure): one grade at a time, checked
// against the rest of the ladder under a lock on all of it, versioned, audited, and kept in the
// configuration history (entity "memberGrade", key the grade: /admin/history lists and restores it).

type DefRow = Awaited<ReturnType<Tx["memberGradeDef"]["findMany"]>>[number];

const ladderRow = (d: DefRow): LadderRow => ({
  grade: d.grade as MemberGradeKey,
  minSpend12m: Number(d.minSpend12m),
  minTenureMonths: d.minTenureMonths,
  pointsMultiplier: Number(d.pointsMultiplier),
  birthdayPoints: d.birthdayPoints,
  hotlineTeamId: d.hotlineTeamId,
});

/** A grade's state as the history keeps it. */
const stateOf = (r: LadderRow): Prisma.InputJsonValue => ({
  minSpend12m: r.minSpend12m,
  minTenureMonths: r.minTenureMonths,
  pointsMultiplier: r.pointsMultiplier,
  birthdayPoints: r.birthdayPoints,
  hotlineTeamId: r.hotlineTeamId,
});

/** Saves one grade of the ladder; `expectedVersion` must be the grade's current version. */
export async function updateGradeDef(actor: Actor, raw: GradeDefInput): Promise<{ version: number }> {
  assertCan(actor, "loyalty:configure");
  const input = gradeDefInput.parse(raw);
  return db.$transaction(async (tx) => {
    const { grade, expectedVersion, ...next } = input;
    const version = await writeGradeDef(tx, actor, grade, expectedVersion, next);
    await recordAudit(tx, actor, { action: "memberGrade.updated", entity: "memberGrade", entityId: grade, data: { ...next, version } });
    return { version };
  });
}

/** Writes a grade after checking the whole ladder with it (the other grades locked meanwhile). */
async function writeGradeDef(tx: Tx, actor: Actor, grade: MemberGradeKey, expectedVersion: number, next: Omit<LadderRow, "grade">): Promise<number> {
  // Lock the whole ladder: two admins editing neighbouring grades cannot together break the order.
  await tx.$queryRaw`SELECT grade FROM member_grade_def ORDER BY grade FOR UPDATE`;
  const rows = await tx.memberGradeDef.findMany();
  const current = rows.find((r) => r.grade === grade);
  if (!current) throw new NotFoundError("memberGrade");
  if (current.version !== expectedVersion) throw new ConflictError("member grade changed");
  const ladder = rows.map(ladderRow).map((r) => (r.grade === grade ? { ...r, ...next } : r));
  const errors = ladderErrors(ladder);
  if (next.hotlineTeamId != null && !(await tx.team.findUnique({ where: { id: next.hotlineTeamId }, select: { id: true } })))
    errors.hotlineTeamId = "unknownTeam";
  if (Object.keys(errors).length) throw new ValidationError(errors, "membership.ladderInvalid");
  const version = current.version + 1;
  const updated = await tx.memberGradeDef.updateMany({
    where: { grade, version: expectedVersion },
    data: { ...next, version },
  });
  if (updated.count === 0) throw new ConflictError("member grade changed");
  await recordRevision(tx, actor, {
    entity: "memberGrade",
    entityKey: grade,
    version,
    before: stateOf(ladderRow(current)),
    after: stateOf({ grade, ...next }),
  });
  return version;
}

/** The history's restorer (lib/config/restore.ts): the grade takes a revision's state as a new version. */
export async function restoreGradeDef(tx: Tx, actor: Actor, entityKey: string, data: Prisma.JsonValue): Promise<void> {
  const grade = gradeDefInput.shape.grade.parse(entityKey);
  const current = await tx.memberGradeDef.findUnique({ where: { grade } });
  if (!current) throw new NotFoundError("memberGrade");
  const parsed = gradeDefInput.omit({ grade: true, expectedVersion: true }).safeParse(data);
  if (!parsed.success) throw new ValidationError({ revisionId: "invalid" }, "history.notRestorable");
  const version = await writeGradeDef(tx, actor, grade, current.version, parsed.data);
  await recordAudit(tx, actor, { action: "memberGrade.restored", entity: "memberGrade", entityId: grade, data: { ...parsed.data, version } });
}

/** Saves the grading settings (the grace period); `expectedVersion` must be the one in force. */
export async function updateMembershipSettings(actor: Actor, raw: MembershipSettingsInput): Promise<MembershipSettings> {
  assertCan(actor, "loyalty:configure");
  const input = membershipSettingsInput.parse(raw);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM app_setting WHERE key = ${MEMBERSHIP_SETTING_KEY} FOR UPDATE`;
    const current = await readMembershipSettings(tx);
    if (current.version !== input.expectedVersion) throw new ConflictError("membership settings changed");
    const next: MembershipSettings = { graceMonths: input.graceMonths, version: current.version + 1 };
    await tx.appSetting.upsert({
      where: { key: MEMBERSHIP_SETTING_KEY },
      create: { key: MEMBERSHIP_SETTING_KEY, value: { ...next } },
      update: { value: { ...next } },
    });
    await recordAudit(tx, actor, {
      action: "membership.settingsUpdated",
      entity: "app_setting",
      entityId: MEMBERSHIP_SETTING_KEY,
      data: { from: current.graceMonths, to: next.graceMonths, version: next.version },
    });
    return next;
  });
}

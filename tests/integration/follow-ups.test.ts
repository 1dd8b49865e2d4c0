import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { claimFollowUp, completeFollowUp, listFollowUps } from "@/lib/surveys/follow-ups";
import { followUpFilters } from "@/lib/surveys/schemas";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/shared/errors";
import { actorFor, auditCount } from "./helpers";
import { createSurveyFollowUp } from "@/tests/factories/surveys";

let agent1: Actor, supervisor1: Actor, supervisor2: Actor, manager1: Actor, admin1: Actor;

/** A detractor answer with its open follow-up for a team (as submitSurveyAnswer leaves it). */
async function detractorFor(teamId: number | null, comment: string) {
  return (await createSurveyFollowUp({ teamId, comment })).followUp;
}

const open = (extra: Record<string, unknown> = {}) => followUpFilters.parse({ status: "OPEN", ...extra });

async function allIds(actor: Actor, filters = open()) {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await listFollowUps(actor, { ...filters, cursor }, 100);
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

beforeAll(async () => {
  [agent1, supervisor1, supervisor2, manager1, admin1] = await Promise.all(["agent1", "supervisor1", "supervisor2", "manager1", "admin1"].map(actorFor));
});

describe("detractor follow-up work list", () => {
  test("scope: supervisors their team's, managers all; agents and admins are refused", async () => {
    const mine = await detractorFor(supervisor1.teamId, "太慢了");
    const theirs = await detractorFor(supervisor2.teamId, "没人回电话");
    const managers = await detractorFor(null, "网络很差");
    const s1 = await allIds(supervisor1);
    expect(s1).toContain(mine.id);
    expect(s1).not.toContain(theirs.id);
    expect(s1).not.toContain(managers.id);
    const m = await allIds(manager1);
    expect(m).toEqual(expect.arrayContaining([mine.id, theirs.id, managers.id]));
    expect(await allIds(manager1, open({ team: supervisor2.teamId }))).toContain(theirs.id);
    expect(await allIds(manager1, open({ team: supervisor2.teamId }))).not.toContain(mine.id);
    await expect(listFollowUps(agent1, open())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listFollowUps(admin1, open())).rejects.toBeInstanceOf(ForbiddenError);
    let row;
    let cursor: string | undefined;
    do {
      const page = await listFollowUps(supervisor1, { ...open(), cursor }, 100);
      row = page.rows.find((r) => r.id === mine.id);
      cursor = page.nextCursor ?? undefined;
    } while (!row && cursor);
    expect(row).toBeDefined();
    expect(row!.comment).toBe("太慢了");
    // Supervisors may reveal PII: the full name (lib/pii/mask.ts listCustomerName; list-names.test.ts).
    expect(row!.customerName).not.toMatch(/\*/u);
    expect(row!.dueAt.getTime() - row!.createdAt.getTime()).toBe(48 * 3_600_000);
  });

  test("keyset pages: open ones oldest first, no overlap", async () => {
    await detractorFor(supervisor1.teamId, "第一条");
    await detractorFor(supervisor1.teamId, "第二条");
    const p1 = await listFollowUps(manager1, open(), 2);
    const p2 = await listFollowUps(manager1, { ...open(), cursor: p1.nextCursor ?? undefined }, 2);
    expect(p1.nextCursor).not.toBeNull();
    const seq = [...p1.rows, ...p2.rows];
    expect(new Set(seq.map((r) => r.id)).size).toBe(seq.length);
    for (let i = 1; i < seq.length; i++) expect(seq[i].createdAt.getTime()).toBeGreaterThanOrEqual(seq[i - 1].createdAt.getTime());
  });

  test("claim and complete are version-checked and audited; out of scope is not found and changes nothing", async () => {
    const f = await detractorFor(supervisor1.teamId, "还没解决");
    const other = await detractorFor(supervisor2.teamId, "别的班组");
    const audits = await auditCount({ actorId: supervisor1.id });
    await expect(claimFollowUp(supervisor1, { id: other.id, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(completeFollowUp(supervisor1, { id: other.id, version: 1, outcome: "不该能完成" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(claimFollowUp(agent1, { id: f.id, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.surveyFollowUp.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "OPEN", version: 1, claimedById: null });
    expect(await auditCount({ actorId: supervisor1.id })).toBe(audits);

    expect(await claimFollowUp(supervisor1, { id: f.id, version: 1 })).toEqual({ version: 2 });
    // A second screen still showing version 1 cannot claim or complete over it.
    await expect(claimFollowUp(manager1, { id: f.id, version: 1 })).rejects.toBeInstanceOf(ConflictError);
    await expect(completeFollowUp(manager1, { id: f.id, version: 1, outcome: "经理回电说明情况" })).rejects.toBeInstanceOf(ConflictError);
    await expect(completeFollowUp(supervisor1, { id: f.id, version: 2, outcome: "短" })).rejects.toBeInstanceOf(ValidationError);

    await completeFollowUp(supervisor1, { id: f.id, version: 2, outcome: "已回电致歉并退费，客户满意" });
    const done = await db.surveyFollowUp.findUniqueOrThrow({ where: { id: f.id } });
    expect(done).toMatchObject({
      status: "DONE",
      version: 3,
      claimedById: supervisor1.id,
      closedById: supervisor1.id,
      assigneeId: supervisor1.id,
      outcome: "已回电致歉并退费，客户满意",
    });
    expect(done.closedAt).not.toBeNull();
    const rows = await db.auditLog.findMany({ where: { entity: "survey_follow_up", entityId: String(f.id) }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["surveyFollowUp.claimed", "surveyFollowUp.completed"]);
    expect(JSON.stringify(rows[1].data)).not.toContain("退费");
    expect(await allIds(supervisor1, followUpFilters.parse({ status: "DONE" }))).toContain(f.id);
    expect(await allIds(supervisor1)).not.toContain(f.id);
  });

  test("two people completing at once: one wins, the other gets a conflict", async () => {
    const f = await detractorFor(supervisor1.teamId, "同时处理");
    const results = await Promise.allSettled([
      completeFollowUp(supervisor1, { id: f.id, version: 1, outcome: "主管回电，已解决" }),
      completeFollowUp(manager1, { id: f.id, version: 1, outcome: "经理回电，已解决" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(await db.auditLog.count({ where: { entity: "survey_follow_up", entityId: String(f.id), action: "surveyFollowUp.completed" } })).toBe(1);
  });
});

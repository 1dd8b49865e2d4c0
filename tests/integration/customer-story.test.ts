// The 360 story timeline (lib/customers/timeline-queries.ts): every kind in one order, keyset
// pages that neither repeat nor skip (ties in time included), kind filters, and who sees what.
import { describe, test, expect, beforeAll } from "vitest";
import fc from "fast-check";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { listCustomerSegments, listCustomerStory, type StoryItem } from "@/lib/customers/timeline-queries";
import { STORY_KINDS, decodeStoryCursor, encodeStoryCursor, storyParams } from "@/lib/customers/timeline-schemas";
import { createCustomer } from "@/tests/factories/customers";
import { createComplaint } from "@/tests/factories/complaints";
import { createSurveyInvitation, createSurveyResponse } from "@/tests/factories/surveys";
import { createAgent, createTeam, createUser } from "@/tests/factories/staff";
import { createSegment } from "@/tests/factories/segments";
import { postPoints } from "@/lib/loyalty/ledger";
import { postAccountEntry } from "@/lib/accounts/ledger";

let owner: Actor; // team A: opened the complaint
let teammate: Actor; // team A
let outsider: Actor; // team B
let manager: Actor;
let customerId: number;
let complaintId: number;
const base = new Date(Date.now() - 20 * 86_400_000);
const at = (hours: number) => new Date(base.getTime() + hours * 3_600_000);
// One instant shared by an item of every kind: the cursor's tie-break is exercised.
const TIE = at(30);

async function everything(actor: Actor, kinds: (typeof STORY_KINDS)[number][] = [], limit = 3): Promise<StoryItem[]> {
  const items: StoryItem[] = [];
  let before: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listCustomerStory(actor, { customerId, kinds, before, limit });
    items.push(...page.items);
    if (!page.nextCursor) return items;
    before = page.nextCursor;
  }
  throw new Error("too many pages");
}

const rank = (k: string) => STORY_KINDS.indexOf(k as never);
const idOf = (i: StoryItem) => Number(i.key.split("-")[1]);
function isNewestFirst(items: StoryItem[]): boolean {
  return items.every((x, i) => {
    if (i === 0) return true;
    const p = items[i - 1];
    const d = p.at.getTime() - x.at.getTime();
    if (d !== 0) return d > 0;
    const r = rank(p.kind) - rank(x.kind);
    return r !== 0 ? r > 0 : idOf(p) > idOf(x);
  });
}

beforeAll(async () => {
  const teamA = await createTeam();
  const teamB = await createTeam();
  owner = (await createAgent({ teamId: teamA.id })).actor;
  teammate = (await createAgent({ teamId: teamA.id })).actor;
  outsider = (await createAgent({ teamId: teamB.id })).actor;
  manager = (await createUser({ role: "MANAGER" })).actor;
  const { customer } = await createCustomer({
    interactions: [
      { channel: "HOTLINE", occurredAt: at(1), agentId: owner.id, notes: "first call" },
      { channel: "APP", occurredAt: at(10), agentId: owner.id },
      // Two contacts in the same millisecond as everything else at TIE.
      { channel: "WECHAT", occurredAt: TIE, agentId: owner.id },
      { channel: "HOTLINE", occurredAt: TIE, agentId: teammate.id },
      { channel: "EMAIL", occurredAt: at(50), agentId: teammate.id },
    ],
  });
  customerId = customer.id;
  const complaint = await createComplaint({
    actor: owner,
    customerId,
    summary: "流量包未生效",
    now: at(2),
    steps: [
      { action: "start", at: at(3) },
      { action: "resolve", at: TIE },
    ],
  });
  complaintId = complaint.id;
  await db.complaintComment.createMany({
    data: [
      { complaintId, kind: "FEEDBACK", body: "已为您补发流量包", authorId: owner.id, at: TIE },
      { complaintId, kind: "INTERNAL", body: "internal: billing system bug", authorId: owner.id, at: at(5) },
    ],
  });
  const { invitation } = await createSurveyInvitation({ customerId, complaintId, sentAt: at(31) });
  await createSurveyResponse(invitation, { score: 2, comment: "太慢了", answeredAt: TIE });
  await db.outboundMessage.createMany({
    data: [
      { customerId, channel: "SMS", recipient: "138****0001", locale: "zh-CN", purpose: "survey.csat", body: "请评价 [link]", createdAt: TIE },
      { customerId, channel: "SMS", recipient: "138****0001", locale: "zh-CN", purpose: "survey.csat", body: "提醒 [link]", createdAt: at(40) },
    ],
  });
  // Issue 23: a points entry, a grade change and an account credit, all at TIE (the account's
  // OPENING entry, written when the account was created, is the ledger's start: not on the story).
  await db.$transaction((tx) => postPoints(tx, { customerId, kind: "GIFT", points: 300, ref: "gift:story:1", reason: "生日礼" }, TIE));
  await db.memberGradeChange.create({ data: { customerId, fromGrade: "SILVER", toGrade: "GOLD", reason: "UPGRADE", at: TIE } });
  const account = await db.account.findFirstOrThrow({ where: { customerId } });
  await db.$transaction((tx) =>
    postAccountEntry(tx, { accountId: account.id, kind: "COMPENSATION_CREDIT", amount: "12.50", ref: "compensation:story", reason: "补偿" }, TIE),
  );
});

describe("story timeline", () => {
  test("every kind, newest first, ties broken by kind then id; internal comments stay off", async () => {
    const page = await listCustomerStory(owner, { customerId, limit: 50 });
    expect(page.nextCursor).toBeNull();
    expect(page.allowed).toEqual([...STORY_KINDS]);
    const kinds = page.items.map((i) => i.kind);
    expect(new Set(kinds)).toEqual(new Set(STORY_KINDS));
    // 5 contacts, 3 status changes (open, start, resolve), 1 feedback, 1 answer, 2 messages, a points entry, a grade change, an account credit.
    expect(page.items).toHaveLength(15);
    expect(isNewestFirst(page.items)).toBe(true);
    expect(page.items[0]).toMatchObject({ kind: "contact", channel: "EMAIL" });
    const tied = page.items.filter((i) => i.at.getTime() === TIE.getTime()).map((i) => i.kind);
    expect(tied).toEqual(["account", "grade", "points", "message", "survey", "feedback", "complaint", "contact", "contact"]);
    expect(page.items.find((i) => i.kind === "points")).toMatchObject({ entryKind: "GIFT", points: 300, balanceAfter: 300, reason: "生日礼" });
    expect(page.items.find((i) => i.kind === "grade")).toMatchObject({ fromGrade: "SILVER", toGrade: "GOLD", reason: "UPGRADE" });
    expect(page.items.find((i) => i.kind === "account")).toMatchObject({ entryKind: "COMPENSATION_CREDIT", amount: "12.50", reason: "补偿" });
    expect(page.items.filter((i) => i.kind === "account")).toHaveLength(1);
    expect(page.items.some((i) => i.kind === "feedback" && i.body.includes("internal"))).toBe(false);
    const opened = page.items.find((i) => i.kind === "complaint" && i.action === "open");
    expect(opened).toMatchObject({ complaintId, summary: "流量包未生效", fromStatus: null, toStatus: "ACKNOWLEDGED", categoryEn: expect.any(String) });
    expect(page.items.find((i) => i.kind === "survey")).toMatchObject({ score: 2, isDetractor: true, complaintId, comment: "太慢了" });
    expect(page.items.find((i) => i.kind === "message")).toMatchObject({ recipient: "138****0001", purpose: "survey.csat" });
  });

  test("keyset pages of every size give the same list: nothing repeated or skipped at a tie", async () => {
    const whole = (await listCustomerStory(owner, { customerId, limit: 50 })).items.map((i) => i.key);
    for (const limit of [1, 2, 3, 5]) {
      const paged = (await everything(owner, [], limit)).map((i) => i.key);
      expect(paged).toEqual(whole);
    }
  });

  test("a cursor stays valid when newer items arrive: the next page goes on where the last one stopped", async () => {
    const first = await listCustomerStory(owner, { customerId, limit: 4 });
    const { customer } = { customer: { id: customerId } };
    const fresh = await db.interaction.create({
      data: { customerId: customer.id, channel: "HOTLINE", direction: "INBOUND", disposition: "RESOLVED", occurredAt: new Date(), agentId: owner.id },
    });
    try {
      const second = await listCustomerStory(owner, { customerId, limit: 4, before: first.nextCursor! });
      const whole = (await listCustomerStory(owner, { customerId, limit: 50 })).items.map((i) => i.key);
      expect(whole[0]).toBe(`contact-${fresh.id}`);
      expect(second.items.map((i) => i.key)).toEqual(whole.slice(5, 9));
    } finally {
      await db.interaction.delete({ where: { id: fresh.id } });
    }
  });

  test("filter by kinds; unknown kinds in the URL fall back to every kind", async () => {
    const complaints = await everything(owner, ["complaint", "feedback"], 2);
    expect(complaints.map((i) => i.kind)).toEqual(["feedback", "complaint", "complaint", "complaint"]);
    expect(complaints.filter((i) => i.kind === "complaint").map((i) => (i.kind === "complaint" ? i.action : ""))).toEqual(["resolve", "start", "open"]);
    const contacts = await everything(owner, ["contact"], 2);
    expect(contacts).toHaveLength(5);
    expect(contacts.every((i) => i.kind === "contact")).toBe(true);
    expect(isNewestFirst(contacts)).toBe(true);
    const messages = await listCustomerStory(owner, { customerId, kinds: ["message", "survey"] });
    expect(messages.kinds).toEqual(["survey", "message"]);
    expect(messages.items.map((i) => i.kind)).toEqual(["message", "message", "survey"]);
    const ledgers = await listCustomerStory(owner, { customerId, kinds: ["account", "points", "grade"] });
    expect(ledgers.kinds).toEqual(["points", "grade", "account"]);
    expect(ledgers.items.map((i) => i.kind)).toEqual(["account", "grade", "points"]);
    expect(storyParams.parse({ kinds: "contact,bogus,survey", before: "x" })).toEqual({ kinds: ["contact", "survey"], before: "x" });
    expect(storyParams.parse({ kinds: "bogus" }).kinds).toEqual([]);
    expect(storyParams.parse({ kinds: ["a", "b"] }).kinds).toEqual([]);
  });

  test("a forged or broken cursor is the first page, never an error", async () => {
    const first = await listCustomerStory(owner, { customerId, limit: 3 });
    for (const before of [
      "",
      "!!!",
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from('["2026-01-01T00:00:00Z",99,1]').toString("base64url"),
      "a".repeat(150),
    ]) {
      expect((await listCustomerStory(owner, { customerId, limit: 3, before })).items.map((i) => i.key)).toEqual(first.items.map((i) => i.key));
    }
    const c = { at: TIE, rank: 2, id: 7 };
    expect(decodeStoryCursor(encodeStoryCursor(c))).toEqual(c);
  });

  test("scope: the complaint's history only for those who may see the complaint", async () => {
    const mine = await listCustomerStory(teammate, { customerId, limit: 50 });
    expect(mine.items.filter((i) => i.kind === "complaint")).toHaveLength(3);
    const theirs = await listCustomerStory(outsider, { customerId, limit: 50 });
    expect(theirs.items.some((i) => i.kind === "complaint" || i.kind === "feedback")).toBe(false);
    // The answer is the customer's (shown like the 360's survey panel), its complaint is not: no id, no number.
    expect(theirs.items.find((i) => i.kind === "survey")).toMatchObject({ complaintId: null, complaintNo: null });
    expect(theirs.items.filter((i) => i.kind === "contact")).toHaveLength(5);
    const all = await listCustomerStory(manager, { customerId, limit: 50 });
    expect(all.items).toHaveLength(15);
  });

  test("refusals: no customer:read is forbidden, an unknown customer is not found, bad input is refused", async () => {
    await expect(listCustomerStory({ ...owner, role: "NOBODY" as never }, { customerId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCustomerStory({ ...owner, mfaEnrolmentRequired: true }, { customerId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCustomerStory(owner, { customerId: 2_000_000_000 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listCustomerStory(owner, { customerId: -1 })).rejects.toThrow();
    await expect(listCustomerStory(owner, { customerId, limit: 10_000 })).rejects.toThrow();
  });

  test("hostile URL values (?kinds=, ?before=) fall back to the defaults: the first page of every kind, never an error", async () => {
    const first = (await listCustomerStory(owner, { customerId, limit: 5 })).items.map((i) => i.key);
    const hostile = fc.oneof(
      fc.constantFrom("' OR 1=1 --", "<script>alert(1)</script>", "\u0000", "\uD800", "x".repeat(100_000), "contact,,complaint'", "%00", "NaN", "", "  "),
      fc.string({ maxLength: 60 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.constantFrom(null, undefined, 0, -1, Number.NaN),
    );
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (kinds, before) => {
        const params = storyParams.parse({ kinds, before });
        const page = await listCustomerStory(owner, { customerId, limit: 5, ...params });
        if (!params.kinds.length && !decodeStoryCursor(params.before)) expect(page.items.map((i) => i.key)).toEqual(first);
      }),
      { numRuns: 40, seed: 20261207 },
    );
  });

  test("a customer with no story yet: an empty page", async () => {
    const { customer } = await createCustomer({});
    const page = await listCustomerStory(owner, { customerId: customer.id });
    expect(page).toMatchObject({ items: [], nextCursor: null });
  });
});

describe("customer's segments", () => {
  test("the segments the customer is a member of, by name", async () => {
    const seg = await createSegment({ name: "故事测试分群" });
    const other = await createSegment();
    await db.segmentMember.create({ data: { segmentId: seg.id, customerId } });
    const rows = await listCustomerSegments(owner, customerId);
    expect(rows).toEqual([{ id: seg.id, name: "故事测试分群" }]);
    expect(rows.some((r) => r.id === other.id)).toBe(false);
    await expect(listCustomerSegments({ ...owner, role: "NOBODY" as never }, customerId)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

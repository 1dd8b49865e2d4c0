// Campaign planning and states (issue 22): a manager plans and submits, ANOTHER manager approves,
// the author may not; every step is version-checked and audited; agents, supervisors and admins
// may not plan or approve (nothing changes, no audit row).
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import {
  approveCampaign,
  cancelCampaign,
  createCampaign,
  pauseCampaign,
  rejectCampaign,
  resumeCampaign,
  scheduleCampaign,
  submitCampaign,
  updateCampaign,
} from "@/lib/campaigns/commands";
import { getCampaignPage, listCampaigns } from "@/lib/campaigns/queries";
import { runCampaignScheduler } from "@/lib/campaigns/scheduler";
import { createCampaign as campaignRow } from "@/tests/factories/campaigns";
import { createSegment } from "@/tests/factories/segments";
import { actorFor } from "./helpers";

let manager1: Actor, manager2: Actor, agent: Actor, supervisor: Actor, admin: Actor;
let segmentId: number;
let teamId: number;

beforeAll(async () => {
  [manager1, manager2, agent, supervisor, admin] = await Promise.all(["manager1", "manager2", "agent1", "supervisor1", "admin1"].map(actorFor));
  segmentId = (await createSegment({ name: "campaigns test" })).id;
  teamId = (await db.team.findFirstOrThrow({ where: { code: "HOTLINE-1" } })).id;
});

function plan(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    name: "金卡挽留 12 月",
    objective: "Keep at-risk Gold customers",
    segmentId,
    audienceMode: "DYNAMIC",
    channels: ["OUTBOUND_CALL", "SMS"],
    startsAt: new Date(now + 86_400_000),
    endsAt: new Date(now + 31 * 86_400_000),
    budget: 5000,
    channelCosts: { OUTBOUND_CALL: 3.5, SMS: 0.05, EMAIL: 0, PUSH: 0, WECHAT: 0 },
    offerMode: "NONE",
    offerRuleId: null,
    scriptZh: "您好，{name}",
    scriptEn: "Hello {name}",
    messageZh: "尊敬的{name}，退订：{optOutUrl}",
    messageEn: "Dear {name}. Opt out: {optOutUrl}",
    controlShare: 0.1,
    seed: 7,
    successKinds: ["OFFER_ACCEPTED"],
    successWindowDays: 30,
    callTeamId: teamId,
    ...overrides,
  };
}

async function auditRows(id: number) {
  return db.auditLog.findMany({
    where: { entity: "campaign", entityId: String(id) },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, data: true },
  });
}

describe("planning", () => {
  test("a manager saves a valid plan; the form's rules refuse bad ones with field errors", async () => {
    const { id } = await createCampaign(manager1, plan());
    const c = await db.campaign.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: "DRAFT", createdById: manager1.id, channels: ["OUTBOUND_CALL", "SMS"], callTeamId: teamId, controlShare: 0.1 });
    expect((await auditRows(id)).map((a) => a.action)).toEqual(["campaign.created"]);

    const refused = async (overrides: Record<string, unknown>, field: string, key: string) => {
      const before = await db.campaign.count();
      await expect(createCampaign(manager1, plan(overrides))).rejects.toMatchObject({ fields: expect.objectContaining({ [field]: key }) });
      expect(await db.campaign.count()).toBe(before);
    };
    await refused({ endsAt: new Date(Date.now() - 1000) }, "endsAt", "campaignEndsBeforeStarts");
    await refused({ callTeamId: null }, "callTeamId", "campaignCallTeamRequired");
    await refused({ messageEn: "" }, "messageEn", "campaignMessageRequired");
    await refused({ offerMode: "FIXED", offerRuleId: null }, "offerRuleId", "campaignOfferRequired");
    await refused({ scriptZh: "您好，{nmae}" }, "scriptZh", "campaignUnknownPlaceholder");
    await refused({ channels: [] }, "channels", "tooFew");
    await refused({ budget: -1 }, "budget", "tooSmall");
    await refused({ controlShare: 0.6 }, "controlShare", "tooBig");
    await refused({ channels: ["EMAIL"], messageZh: "x", messageEn: "x" }, "emailSubjectZh", "campaignSubjectRequired");
    await refused({ segmentId: 999_999 }, "segmentId", "invalidOption");
  });

  test("only a draft is edited, on its current version", async () => {
    const { id } = await createCampaign(manager1, plan());
    const saved = await updateCampaign(manager1, { ...plan({ name: "改名" }), id, version: 1 });
    expect(saved.version).toBe(2);
    await expect(updateCampaign(manager1, { ...plan({ name: "stale" }), id, version: 1 })).rejects.toMatchObject({ code: "conflict" });
    await submitCampaign(manager1, { id, version: 2 });
    await expect(updateCampaign(manager1, { ...plan(), id, version: 3 })).rejects.toMatchObject({ code: "campaign.notEditable" });
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).name).toBe("改名");
  });
});

describe("states", () => {
  test("draft → submitted → approved by another manager → scheduled; the author cannot approve", async () => {
    const { id } = await createCampaign(manager1, plan());
    await submitCampaign(manager1, { id, version: 1 });
    const auditBefore = await db.auditLog.count();
    await expect(approveCampaign(manager1, { id, version: 2 })).rejects.toMatchObject({ code: "campaign.ownApproval" });
    expect(await db.auditLog.count()).toBe(auditBefore);
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");

    await approveCampaign(manager2, { id, version: 2 });
    await expect(approveCampaign(manager2, { id, version: 3 })).rejects.toMatchObject({ code: "campaign.illegalTransition" });
    await scheduleCampaign(manager1, { id, version: 3 });
    const c = await db.campaign.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: "SCHEDULED", approvedById: manager2.id, version: 4 });
    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual(["campaign.created", "campaign.submitted", "campaign.approved", "campaign.scheduled"]);
    expect(rows[2]).toMatchObject({ actorId: manager2.id, data: { from: "SUBMITTED", to: "APPROVED" } });
  });

  test("reject sends it back to draft with the reason, which the page shows", async () => {
    const { id } = await createCampaign(manager1, plan());
    await submitCampaign(manager1, { id, version: 1 });
    await expect(rejectCampaign(manager2, { id, version: 2, reason: "" })).rejects.toMatchObject({ code: "validation" });
    await rejectCampaign(manager2, { id, version: 2, reason: "Budget too high" });
    const page = await getCampaignPage(manager1, id);
    expect(page.campaign.status).toBe("DRAFT");
    expect(page.rejection?.reason).toBe("Budget too high");
  });

  test("a stale version is a conflict and changes nothing", async () => {
    const { id } = await createCampaign(manager1, plan());
    await submitCampaign(manager1, { id, version: 1 });
    await expect(approveCampaign(manager2, { id, version: 1 })).rejects.toMatchObject({ code: "conflict" });
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");
  });

  test("agents, supervisors and admins may not plan, approve or step; nothing changes, no audit row", async () => {
    const row = await campaignRow({ status: "SUBMITTED", createdById: manager1.id, segmentId });
    const auditBefore = await db.auditLog.count();
    for (const who of [agent, supervisor, admin]) {
      await expect(createCampaign(who, plan())).rejects.toMatchObject({ code: "forbidden" });
      await expect(approveCampaign(who, { id: row.id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
      await expect(cancelCampaign(who, { id: row.id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(listCampaigns(agent)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listCampaigns(supervisor)).resolves.toBeTruthy();
    await expect(getCampaignPage(admin, row.id)).resolves.toBeTruthy();
    expect(await db.auditLog.count()).toBe(auditBefore);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: row.id } })).version).toBe(1);
  });

  test("pause only changes the status; resume; cancel withdraws queued work; completion at the end", async () => {
    const row = await campaignRow({ status: "RUNNING", segmentId });
    const customers = await db.customer.findMany({ take: 3, orderBy: { id: "asc" }, select: { id: true } });
    await db.callTask.createMany({ data: customers.map((c) => ({ campaignId: row.id, customerId: c.id, teamId })) });
    await db.outboundMessage.createMany({
      data: customers.map((c) => ({
        campaignId: row.id,
        customerId: c.id,
        channel: "SMS",
        recipient: "",
        locale: "zh-CN",
        purpose: "campaign",
        body: "",
        status: "QUEUED",
      })),
    });
    await pauseCampaign(manager1, { id: row.id, version: 1 });
    expect(await db.callTask.count({ where: { campaignId: row.id, status: "QUEUED" } })).toBe(3);
    await resumeCampaign(manager1, { id: row.id, version: 2 });
    await expect(resumeCampaign(manager1, { id: row.id, version: 3 })).rejects.toMatchObject({ code: "campaign.illegalTransition" });
    await cancelCampaign(manager1, { id: row.id, version: 3, reason: "Offer withdrawn" });
    expect(await db.callTask.count({ where: { campaignId: row.id, status: "CANCELLED" } })).toBe(3);
    expect(await db.outboundMessage.count({ where: { campaignId: row.id, status: "SUPPRESSED" } })).toBe(3);
    await expect(cancelCampaign(manager1, { id: row.id, version: 4 })).rejects.toMatchObject({ code: "campaign.illegalTransition" });

    const ending = await campaignRow({ status: "PAUSED", segmentId, endsAt: new Date(Date.now() - 60_000) });
    await db.callTask.create({ data: { campaignId: ending.id, customerId: customers[0].id, teamId } });
    const r = await runCampaignScheduler(new Date());
    expect(r.completed).toBeGreaterThanOrEqual(1);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: ending.id } })).status).toBe("COMPLETED");
    expect(await db.callTask.count({ where: { campaignId: ending.id, status: "CANCELLED" } })).toBe(1);
    expect((await auditRows(ending.id)).map((a) => a.action)).toEqual(["campaign.completed"]);
  });

  test("the list filters by status and pages by keyset", async () => {
    for (let i = 0; i < 3; i++) await campaignRow({ status: "APPROVED", segmentId });
    const first = await listCampaigns(manager1, { status: "APPROVED", limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.rows.every((r) => r.status === "APPROVED")).toBe(true);
    expect(first.next).toBeTruthy();
    const second = await listCampaigns(manager1, { status: "APPROVED", limit: 2, after: first.next! });
    expect(second.rows.length).toBeGreaterThanOrEqual(1);
    expect(second.rows.map((r) => r.id)).not.toContain(first.rows[0].id);
    expect(first.counts.APPROVED).toBeGreaterThanOrEqual(3);
  });
});

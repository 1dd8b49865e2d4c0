// Conversion, attribution and the evaluation (issue 22, lib/campaigns/{conversions,rollups,
// evaluation-queries,evaluation-export}.ts) on a real database: the last touch wins an event two
// campaigns could claim, the window's edges, control members judged without offers, revenue after
// conversion, rollups equal to a recount from the members, and who may not read or export.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Campaign } from "@/lib/generated/prisma/client";
import { refreshCampaignConversions } from "@/lib/campaigns/conversions";
import { getCampaignEvaluation, compareCampaignEvaluations } from "@/lib/campaigns/evaluation-queries";
import { exportCampaignEvaluationCsv } from "@/lib/campaigns/evaluation-export";
import { recordTouches } from "@/lib/marketing/touches";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { createCampaign } from "@/tests/factories/campaigns";
import { createCustomer } from "@/tests/factories/customers";
import { actorFor, auditCount } from "./helpers";
import { tEn } from "@/tests/translator";

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
let plan129: number;
let plan199: number;
let plan79: number;

beforeAll(async () => {
  plan129 = (await db.plan.findUniqueOrThrow({ where: { code: "M5G-129" } })).id;
  plan199 = (await db.plan.findUniqueOrThrow({ where: { code: "M5G-199" } })).id;
  plan79 = (await db.plan.findUniqueOrThrow({ where: { code: "M5G-79" } })).id;
});

async function launched(overrides: Parameters<typeof createCampaign>[0] = {}): Promise<Campaign> {
  return createCampaign({
    status: "RUNNING",
    launchedAt: ago(40),
    startsAt: ago(40),
    successWindowDays: 30,
    successKinds: ["OFFER_ACCEPTED", "PLAN_CHANGE"],
    ...overrides,
  });
}

async function member(
  campaign: Campaign,
  customerId: number,
  m: { control?: boolean; contactedAt?: Date | null; acceptedAt?: Date; baseline?: number; tier?: "GOLD" | "SILVER"; fromLaunch?: boolean } = {},
) {
  return db.campaignMember.create({
    data: {
      campaignId: campaign.id,
      customerId,
      isControl: m.control ?? false,
      fromLaunch: m.fromLaunch ?? true,
      valueTier: m.tier ?? "GOLD",
      channels: m.control ? [] : ["OUTBOUND_CALL", "SMS"],
      baselineSpend: m.baseline ?? 0,
      contactedAt: m.control ? null : (m.contactedAt ?? null),
      reachedAt: m.acceptedAt ?? null,
      acceptedAt: m.acceptedAt ?? null,
    },
  });
}

async function planChange(customerId: number, lineId: number, at: Date, from = plan129, to = plan199) {
  await db.planChange.create({ data: { customerId, lineId, fromPlanId: from, toPlanId: to, at } });
}

async function memberOf(campaignId: number, customerId: number) {
  return db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId, customerId } } });
}

describe("attribution", () => {
  test("an event two campaigns could claim goes to the one with the latest touch before it", async () => {
    const a = await launched();
    const b = await launched({ launchedAt: ago(20), startsAt: ago(20) });
    const x = await createCustomer();
    const y = await createCustomer();
    for (const c of [x, y]) {
      await member(a, c.customer.id, { contactedAt: ago(15) });
      await member(b, c.customer.id, { contactedAt: ago(10) });
    }
    await db.$transaction((tx) =>
      recordTouches(tx, [
        { customerId: x.customer.id, channel: "SMS", campaignId: a.id, at: ago(15) },
        { customerId: x.customer.id, channel: "OUTBOUND_CALL", campaignId: b.id, at: ago(10) },
        { customerId: y.customer.id, channel: "SMS", campaignId: a.id, at: ago(15) },
        { customerId: y.customer.id, channel: "OUTBOUND_CALL", campaignId: b.id, at: ago(10) },
      ]),
    );
    // x changes plan after both touches: b's (the later) wins. y changes between them: only a's window holds it.
    await planChange(x.customer.id, x.lines[0].id, ago(5));
    await planChange(y.customer.id, y.lines[0].id, ago(12));
    const r = await refreshCampaignConversions(now, { campaignIds: [a.id, b.id] });
    expect(r.campaigns).toBe(2);

    expect((await memberOf(b.id, x.customer.id)).conversionKind).toBe("PLAN_CHANGE");
    expect((await memberOf(b.id, x.customer.id)).convertedAt?.getTime()).toBe(ago(5).getTime());
    expect((await memberOf(a.id, x.customer.id)).convertedAt).toBeNull();
    expect((await memberOf(a.id, y.customer.id)).conversionKind).toBe("PLAN_CHANGE");
    expect((await memberOf(b.id, y.customer.id)).convertedAt).toBeNull();

    // A later touch by a (after the event) does not take it back.
    await db.$transaction((tx) => recordTouches(tx, [{ customerId: x.customer.id, channel: "SMS", campaignId: a.id, at: ago(2) }]));
    await refreshCampaignConversions(now, { campaignIds: [a.id, b.id] });
    expect((await memberOf(b.id, x.customer.id)).conversionKind).toBe("PLAN_CHANGE");
    expect((await memberOf(a.id, x.customer.id)).convertedAt).toBeNull();
  });

  test("a plan change to a cheaper plan, or to a plan not on the list, is no conversion", async () => {
    const any = await launched();
    const listed = await launched({ successPlanIds: [plan199] });
    const c = await createCustomer();
    const d = await createCustomer();
    await member(any, c.customer.id, { contactedAt: ago(20) });
    await member(listed, d.customer.id, { contactedAt: ago(20) });
    await planChange(c.customer.id, c.lines[0].id, ago(10), plan129, plan79);
    await planChange(d.customer.id, d.lines[0].id, ago(10), plan79, plan129);
    await refreshCampaignConversions(now, { campaignIds: [any.id, listed.id] });
    expect((await memberOf(any.id, c.customer.id)).convertedAt).toBeNull();
    expect((await memberOf(listed.id, d.customer.id)).convertedAt).toBeNull();
    await planChange(d.customer.id, d.lines[0].id, ago(8), plan129, plan199);
    await refreshCampaignConversions(now, { campaignIds: [listed.id] });
    expect((await memberOf(listed.id, d.customer.id)).convertedAt?.getTime()).toBe(ago(8).getTime());
  });
});

describe("the window", () => {
  test("control: (launch, launch + window days]; treatment: from the first contact; never contacted, never converted", async () => {
    const launch = ago(40);
    const c = await launched({ launchedAt: launch });
    const edge = await createCustomer();
    const past = await createCustomer();
    const atLaunch = await createCustomer();
    const early = await createCustomer();
    const silent = await createCustomer();
    await member(c, edge.customer.id, { control: true });
    await member(c, past.customer.id, { control: true });
    await member(c, atLaunch.customer.id, { control: true });
    await member(c, early.customer.id, { contactedAt: ago(20) });
    await member(c, silent.customer.id, { contactedAt: null });
    const end = new Date(launch.getTime() + 30 * DAY);
    await planChange(edge.customer.id, edge.lines[0].id, end);
    await planChange(past.customer.id, past.lines[0].id, new Date(end.getTime() + 1000));
    await planChange(atLaunch.customer.id, atLaunch.lines[0].id, launch);
    // Before this member's first contact (but after launch): not this campaign's doing.
    await planChange(early.customer.id, early.lines[0].id, ago(25));
    await planChange(silent.customer.id, silent.lines[0].id, ago(25));
    await refreshCampaignConversions(now, { campaignIds: [c.id] });
    expect((await memberOf(c.id, edge.customer.id)).convertedAt?.getTime()).toBe(end.getTime());
    expect((await memberOf(c.id, past.customer.id)).convertedAt).toBeNull();
    expect((await memberOf(c.id, atLaunch.customer.id)).convertedAt).toBeNull();
    expect((await memberOf(c.id, early.customer.id)).convertedAt).toBeNull();
    expect((await memberOf(c.id, silent.customer.id)).convertedAt).toBeNull();
  });

  test("spend increase: a bill month after the start whose total reaches baseline × (1 + pct)", async () => {
    const c = await launched({ successKinds: ["SPEND_INCREASE"], spendIncreasePct: 0.1, launchedAt: ago(70), startsAt: ago(70), successWindowDays: 60 });
    const month = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const up = await createCustomer({ bills: [{ month: month(1), total: 110 }] });
    const flat = await createCustomer({ bills: [{ month: month(1), total: 109.99 }] });
    await member(c, up.customer.id, { control: true, baseline: 100 });
    await member(c, flat.customer.id, { control: true, baseline: 100 });
    await refreshCampaignConversions(now, { campaignIds: [c.id] });
    const m = await memberOf(c.id, up.customer.id);
    expect(m.conversionKind).toBe("SPEND_INCREASE");
    // The event is the bill month's first moment in Asia/Shanghai.
    expect(m.convertedAt?.toISOString()).toBe(new Date(month(1).getTime() - 8 * 3_600_000).toISOString());
    expect((await memberOf(c.id, flat.customer.id)).convertedAt).toBeNull();
  });

  test("control members are judged without offers; treatment by the accepted offer", async () => {
    const c = await launched({ successKinds: ["OFFER_ACCEPTED"] });
    const t = await createCustomer();
    const k = await createCustomer();
    await member(c, t.customer.id, { contactedAt: ago(20), acceptedAt: ago(19) });
    // A control member never gets an offer; even a stray acceptance stamp does not count.
    await db.campaignMember.create({ data: { campaignId: c.id, customerId: k.customer.id, isControl: true, valueTier: "GOLD", acceptedAt: ago(19) } });
    await planChange(k.customer.id, k.lines[0].id, ago(18));
    await refreshCampaignConversions(now, { campaignIds: [c.id] });
    expect((await memberOf(c.id, t.customer.id)).conversionKind).toBe("OFFER_ACCEPTED");
    expect((await memberOf(c.id, t.customer.id)).convertedAt?.getTime()).toBe(ago(19).getTime());
    // PLAN_CHANGE is not among this campaign's success kinds, and an offer never converts control.
    expect((await memberOf(c.id, k.customer.id)).convertedAt).toBeNull();
  });
});

describe("revenue, cost and the rollups", () => {
  test("revenue from the bills after the conversion's month; cost from the touches; rollups equal a recount", async () => {
    const c = await launched({ launchedAt: ago(80), startsAt: ago(80), successWindowDays: 60, channelCosts: { OUTBOUND_CALL: 3.5, SMS: 0.05 } });
    const month = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const bills = [0, 1, 2, 3].map((back) => ({ month: month(back), total: 100 + back }));
    const conv = await createCustomer({ bills });
    const other = await createCustomer({ bills });
    const ctrl = await createCustomer({ bills });
    const later = await createCustomer();
    await member(c, conv.customer.id, { contactedAt: ago(70), tier: "GOLD" });
    await member(c, other.customer.id, { contactedAt: ago(70), tier: "SILVER" });
    await member(c, ctrl.customer.id, { control: true, tier: "GOLD" });
    await member(c, later.customer.id, { contactedAt: ago(30), tier: "GOLD", fromLaunch: false, acceptedAt: ago(29) });
    await planChange(conv.customer.id, conv.lines[0].id, ago(65));
    await planChange(ctrl.customer.id, ctrl.lines[0].id, ago(50));
    await db.$transaction((tx) =>
      recordTouches(tx, [
        { customerId: conv.customer.id, channel: "OUTBOUND_CALL", campaignId: c.id, at: ago(70) },
        { customerId: conv.customer.id, channel: "SMS", campaignId: c.id, at: ago(70) },
        { customerId: other.customer.id, channel: "SMS", campaignId: c.id, at: ago(70) },
        { customerId: later.customer.id, channel: "OUTBOUND_CALL", campaignId: c.id, at: ago(30) },
        { customerId: later.customer.id, channel: "OUTBOUND_CALL", campaignId: c.id, at: ago(29) },
      ]),
    );
    await db.outboundMessage.createMany({
      data: [
        {
          customerId: conv.customer.id,
          channel: "SMS",
          recipient: "",
          locale: "zh-CN",
          purpose: "campaign",
          body: "",
          campaignId: c.id,
          status: "DELIVERED",
          attempts: 1,
        },
        {
          customerId: other.customer.id,
          channel: "SMS",
          recipient: "",
          locale: "zh-CN",
          purpose: "campaign",
          body: "",
          campaignId: c.id,
          status: "SENT",
          attempts: 1,
        },
        { customerId: later.customer.id, channel: "SMS", recipient: "", locale: "zh-CN", purpose: "campaign", body: "", campaignId: c.id, status: "QUEUED" },
      ],
    });
    await db.callTask.createMany({
      data: [
        { campaignId: c.id, customerId: conv.customer.id, status: "DONE", attempts: 1, lastOutcome: "REACHED" },
        { campaignId: c.id, customerId: later.customer.id, status: "DONE", attempts: 2, lastOutcome: "ACCEPTED" },
      ],
    });
    await refreshCampaignConversions(now, { campaignIds: [c.id] });

    const m = await memberOf(c.id, conv.customer.id);
    const shanghaiDay = new Date(m.convertedAt!.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const expected = bills.filter((b) => b.month.toISOString().slice(0, 10) > shanghaiDay).reduce((s, b) => s + b.total, 0);
    expect(expected).toBeGreaterThan(0);
    expect(Number(m.revenue)).toBeCloseTo(expected, 2);
    expect(Number(m.cost)).toBeCloseTo(3.55, 2);
    expect(Number((await memberOf(c.id, later.customer.id)).cost)).toBeCloseTo(7, 2);
    expect(Number((await memberOf(c.id, other.customer.id)).revenue)).toBe(0);

    // The rollup, recounted from the members.
    const members = await db.campaignMember.findMany({ where: { campaignId: c.id } });
    const rollups = await db.campaignRollup.findMany({ where: { campaignId: c.id } });
    const keys = new Set(members.map((x) => `${x.valueTier}:${x.isControl}`));
    expect(rollups.map((r) => `${r.valueTier}:${r.isControl}`).sort()).toEqual([...keys].sort());
    for (const r of rollups) {
      const g = members.filter((x) => x.valueTier === r.valueTier && x.isControl === r.isControl);
      expect({
        audience: r.audience,
        contacted: r.contacted,
        reached: r.reached,
        accepted: r.accepted,
        converted: r.converted,
        launchAudience: r.launchAudience,
        launchConverted: r.launchConverted,
        cost: Number(r.cost),
        revenue: Number(r.revenue),
      }).toEqual({
        audience: g.length,
        contacted: g.filter((x) => x.contactedAt).length,
        reached: g.filter((x) => x.reachedAt).length,
        accepted: g.filter((x) => x.acceptedAt).length,
        converted: g.filter((x) => x.convertedAt).length,
        launchAudience: g.filter((x) => x.fromLaunch).length,
        launchConverted: g.filter((x) => x.fromLaunch && x.convertedAt).length,
        cost: g.reduce((s, x) => s + Number(x.cost), 0),
        revenue: g.reduce((s, x) => s + Number(x.revenue), 0),
      });
    }
    // The enrolled-later member converted by its accepted offer: in the funnel, not in the uplift.
    const gold = rollups.find((r) => r.valueTier === "GOLD" && !r.isControl)!;
    expect(gold.converted).toBe(2);
    expect(gold.launchConverted).toBe(1);

    const channels = await db.campaignChannelRollup.findMany({ where: { campaignId: c.id }, orderBy: { channel: "asc" } });
    expect(channels.map((x) => ({ channel: x.channel, attempted: x.attempted, delivered: x.delivered, cost: Number(x.cost) }))).toEqual([
      { channel: "OUTBOUND_CALL", attempted: 2, delivered: 2, cost: 10.5 },
      { channel: "SMS", attempted: 2, delivered: 1, cost: 0.1 },
    ]);

    // A second pass changes nothing.
    const before = JSON.stringify(await db.campaignMember.findMany({ where: { campaignId: c.id }, orderBy: { customerId: "asc" } }));
    await refreshCampaignConversions(now, { campaignIds: [c.id] });
    expect(JSON.stringify(await db.campaignMember.findMany({ where: { campaignId: c.id }, orderBy: { customerId: "asc" } }))).toBe(before);

    // The page's figures from the rollups.
    const manager = await actorFor("manager1");
    const e = await getCampaignEvaluation(manager, c.id);
    expect(e.evaluated).toBe(true);
    expect(e.figures.audience).toBe(4);
    expect(e.figures.treatment).toBe(3);
    expect(e.figures.contacted).toBe(3);
    expect(e.figures.uplift.treatmentRate).toBeCloseTo(1 / 2, 10);
    expect(e.figures.uplift.controlRate).toBe(1);
    expect(e.figures.cost).toBeCloseTo(10.6, 2);
    expect(e.byChannel.map((x) => x.channel)).toEqual(["OUTBOUND_CALL", "SMS"]);
  });

  test("the pass without ids evaluates running and recently completed campaigns, not drafts", async () => {
    const running = await launched();
    const draft = await createCampaign({ status: "DRAFT" });
    const x = await createCustomer();
    await member(running, x.customer.id, { contactedAt: ago(5) });
    await member(draft, x.customer.id, { contactedAt: ago(5) });
    const r = await refreshCampaignConversions(now);
    expect(r.campaigns).toBeGreaterThanOrEqual(1);
    expect(await db.campaignRollup.count({ where: { campaignId: running.id } })).toBeGreaterThan(0);
    expect(await db.campaignRollup.count({ where: { campaignId: draft.id } })).toBe(0);
  });
});

describe("who may read and export", () => {
  test("supervisors, managers and admins read; agents may not; an unknown campaign is not found", async () => {
    const c = await launched();
    await refreshCampaignConversions(now, { campaignIds: [c.id] });
    for (const who of ["supervisor1", "manager1", "admin1"]) expect((await getCampaignEvaluation(await actorFor(who), c.id)).campaign.id).toBe(c.id);
    const agent = await actorFor("agent1");
    const audits = await auditCount({ action: "campaign.evaluationExported" });
    await expect(getCampaignEvaluation(agent, c.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportCampaignEvaluationCsv(agent, c.id, tEn)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(compareCampaignEvaluations(agent, [c.id, c.id])).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportCampaignEvaluationCsv(await actorFor("manager1"), 2_000_000_000, tEn)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditCount({ action: "campaign.evaluationExported" })).toBe(audits);
  });

  test("the export: translated headers, the same numbers, audited", async () => {
    const c = await launched();
    const x = await createCustomer();
    await member(c, x.customer.id, { contactedAt: ago(10), acceptedAt: ago(9) });
    await refreshCampaignConversions(now, { campaignIds: [c.id] });
    const manager = await actorFor("manager1");
    const audits = await auditCount({ action: "campaign.evaluationExported", actorId: manager.id });
    const { filename, csv } = await exportCampaignEvaluationCsv(manager, c.id, tEn);
    expect(filename).toBe(`campaign-${c.id}-evaluation.csv`);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Scope,Group,Audience,/);
    expect(lines[0]).toContain("Uplift 95 % CI low");
    expect(lines[1]).toMatch(/^All tiers,Treatment,1,/);
    expect(lines.some((l) => l.startsWith("Outbound call,Channel,"))).toBe(true);
    expect(await auditCount({ action: "campaign.evaluationExported", actorId: manager.id })).toBe(audits + 1);
  });
});

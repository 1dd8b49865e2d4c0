// Launch (issue 22): the audience snapshot with one exclusion reason each (churned, do-not-disturb,
// no consent, frequency cap), the control draw (stable for a seed, share within ±2 pp, stratified by
// value tier, another seed another draw), the call list and the outbox, all-or-nothing.
import { describe, test, expect, beforeAll } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { launchCampaign, requestLaunch } from "@/lib/campaigns/launch";
import { runCampaignScheduler } from "@/lib/campaigns/scheduler";
import { DEFAULT_MARKETING_SETTINGS } from "@/lib/marketing/schemas";
import { recordTouches } from "@/lib/marketing/touches";
import { createCampaign } from "@/tests/factories/campaigns";
import { createCustomer } from "@/tests/factories/customers";
import { allOf, createSegment } from "@/tests/factories/segments";
import { seedDemoCampaignPlans } from "@/tests/factories/campaign-demo";
import { actorFor } from "./helpers";

let manager: Actor;
let teamId: number;
beforeAll(async () => {
  manager = await actorFor("manager1");
  teamId = (await db.team.findFirstOrThrow({ where: { code: "HOTLINE-1" } })).id;
});

const TIERS = { DIAMOND: 300, GOLD: 700, SILVER: 600, STANDARD: 800 } as const;

/** `n` contactable customers per tier (SQL, set-based), with score rows; returns their ids. */
async function bulkCustomers(perTier: Partial<Record<keyof typeof TIERS, number>>): Promise<number[]> {
  const ids: number[] = [];
  for (const [tier, n] of Object.entries(perTier)) {
    const tag = `${tier}-${Math.random().toString(36).slice(2, 8)}`;
    const rows = await db.$queryRaw<Array<{ id: number }>>`
      INSERT INTO customer (customer_no, type, name, name_pinyin, name_initials, province, city, contact_phone, joined_at, consent_sms, consent_call, updated_at)
      SELECT 'CL' || ${tag} || '-' || g, 'INDIVIDUAL', '测试' || g, 'ceshi', 'cs', '浙江省', '杭州市', NULL, DATE '2020-01-01', true, true, now()
      FROM generate_series(1, ${n}::int) g RETURNING id`;
    await db.$executeRaw`
      INSERT INTO customer_score (customer_id, profitability, loyalty, potential, satisfaction, credit, score, tier, percentile, rfm_code, clv, arpu,
        data_change_pct, tenure_months, complaints_90d, churn_x, churn_c, lifecycle_stage, settings_version, run_id, computed_at)
      SELECT unnest(${rows.map((r) => r.id)}::int[]), 50, 50, 50, 50, 50, 50, ${tier}::"ValueTier", 0.5, '333', 1000, 80, 0, 36, 0, '{}', '{}', 'MATURE', 1, 0, now()`;
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** A static segment of exactly these customers. */
async function staticSegment(ids: number[]): Promise<number> {
  const s = await createSegment({ kind: "STATIC", definition: undefined, size: ids.length });
  await db.$executeRaw`INSERT INTO segment_member (segment_id, customer_id) SELECT ${s.id}, unnest(${ids}::int[])`;
  return s.id;
}

async function scheduled(segmentId: number, overrides: Parameters<typeof createCampaign>[0] = {}) {
  return createCampaign({ status: "SCHEDULED", segmentId, audienceMode: "STATIC", callTeamId: teamId, controlShare: 0.1, seed: 42, ...overrides });
}

describe("launch", () => {
  test("exclusions by reason, in order; members with their channels; call list and outbox", async () => {
    const kept = (await createCustomer({ consentCall: true, consentSms: true })).customer;
    const smsOnly = (await createCustomer({ consentCall: false, consentSms: true })).customer;
    const churned = (await createCustomer({ status: "CHURNED", churnedAt: new Date(), doNotDisturb: true })).customer;
    const dnd = (await createCustomer({ doNotDisturb: true, consentCall: false, consentSms: false })).customer;
    const noConsent = (await createCustomer({ consentCall: false, consentSms: false, consentPush: true })).customer;
    const overall = (await createCustomer({ consentCall: true, consentSms: true })).customer;
    const callCapped = (await createCustomer({ consentCall: true, consentSms: false })).customer;
    await db.$transaction(async (tx) => {
      await recordTouches(
        tx,
        Array.from({ length: DEFAULT_MARKETING_SETTINGS.caps.overall }, () => ({ customerId: overall.id, channel: "PUSH" as const })),
      );
      await recordTouches(
        tx,
        Array.from({ length: DEFAULT_MARKETING_SETTINGS.caps.perChannel.OUTBOUND_CALL }, () => ({
          customerId: callCapped.id,
          channel: "OUTBOUND_CALL" as const,
        })),
      );
    });
    const segmentId = await staticSegment([kept, smsOnly, churned, dnd, noConsent, overall, callCapped].map((c) => c.id));
    const c = await scheduled(segmentId, { controlShare: 0, channels: ["OUTBOUND_CALL", "SMS"] });

    const r = await launchCampaign(manager, c.id);
    expect(r.exclusions).toEqual({ CHURNED: 1, DO_NOT_DISTURB: 1, NO_CONSENT: 1, FREQUENCY_CAP: 2 });
    expect(r).toMatchObject({ audience: 2, control: 0, excluded: 5, calls: 1, messages: 2 });

    const row = await db.campaign.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({
      status: "RUNNING",
      audienceSize: 2,
      controlSize: 0,
      exclusions: { CHURNED: 1, DO_NOT_DISTURB: 1, NO_CONSENT: 1, FREQUENCY_CAP: 2 },
      version: 2,
    });
    const reasons = Object.fromEntries((await db.campaignExclusion.findMany({ where: { campaignId: c.id } })).map((x) => [x.customerId, x.reason]));
    expect(reasons).toEqual({
      [churned.id]: "CHURNED",
      [dnd.id]: "DO_NOT_DISTURB",
      [noConsent.id]: "NO_CONSENT",
      [overall.id]: "FREQUENCY_CAP",
      [callCapped.id]: "FREQUENCY_CAP",
    });
    const members = await db.campaignMember.findMany({ where: { campaignId: c.id }, orderBy: { customerId: "asc" } });
    expect(members.map((m) => [m.customerId, [...m.channels].sort()])).toEqual([
      [kept.id, ["OUTBOUND_CALL", "SMS"]],
      [smsOnly.id, ["SMS"]],
    ]);
    expect((await db.callTask.findMany({ where: { campaignId: c.id } })).map((t) => [t.customerId, t.teamId, t.status])).toEqual([[kept.id, teamId, "QUEUED"]]);
    expect(await db.outboundMessage.count({ where: { campaignId: c.id, status: "QUEUED", channel: "SMS" } })).toBe(2);
    expect((await db.auditLog.findFirstOrThrow({ where: { entity: "campaign", entityId: String(c.id), action: "campaign.launched" } })).actorId).toBe(
      manager.id,
    );
  });

  test("the control draw: stable for a seed, share within ±2 pp overall and per tier, another seed another draw", async () => {
    const ids = await bulkCustomers(TIERS);
    const segmentId = await staticSegment(ids);
    const draw = async (seed: number) => {
      const c = await scheduled(segmentId, { seed, controlShare: 0.1, channels: ["SMS"], callTeamId: null });
      await launchCampaign(SYSTEM_ACTOR, c.id);
      return db.campaignMember.findMany({ where: { campaignId: c.id }, select: { customerId: true, isControl: true, valueTier: true, channels: true } });
    };
    const a = await draw(42);
    const b = await draw(42);
    const other = await draw(43);
    expect(a).toHaveLength(ids.length);
    const control = (m: typeof a) => new Set(m.filter((x) => x.isControl).map((x) => x.customerId));
    expect([...control(b)].sort()).toEqual([...control(a)].sort());
    expect([...control(other)].sort()).not.toEqual([...control(a)].sort());
    expect(Math.abs(control(a).size / a.length - 0.1)).toBeLessThanOrEqual(0.02);
    for (const [tier, n] of Object.entries(TIERS)) {
      const inTier = a.filter((m) => m.valueTier === tier);
      expect(inTier).toHaveLength(n);
      expect(Math.abs(inTier.filter((m) => m.isControl).length / n - 0.1)).toBeLessThanOrEqual(0.02);
    }
    // Control members are never contacted: no channels, no queued message.
    expect(a.filter((m) => m.isControl).every((m) => m.channels.length === 0)).toBe(true);
    const campaignA = (await db.campaignMember.findFirstOrThrow({ where: { customerId: a[0].customerId }, orderBy: { campaignId: "asc" } })).campaignId;
    const [{ n: controlMessages }] = await db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM outbound_message o JOIN campaign_member m ON m.campaign_id = o.campaign_id AND m.customer_id = o.customer_id
      WHERE o.campaign_id = ${campaignA} AND m.is_control`;
    expect(controlMessages).toBe(0);
  });

  test("all-or-nothing: a failure leaves the campaign SCHEDULED with no members; a retry launches it", async () => {
    const ids = await bulkCustomers({ GOLD: 50 });
    const churned = (await createCustomer({ status: "CHURNED", churnedAt: new Date() })).customer;
    const segmentId = await staticSegment([...ids, churned.id]);
    const c = await scheduled(segmentId, { channels: ["OUTBOUND_CALL", "SMS"] });
    // A row in the way of the exclusion insert makes the launch's statement fail half-way.
    await db.campaignExclusion.create({ data: { campaignId: c.id, customerId: churned.id, reason: "CHURNED" } });

    const { done } = await requestLaunch(manager, { id: c.id, version: 1 });
    await done;
    const launch = await db.campaignLaunch.findUniqueOrThrow({ where: { campaignId: c.id } });
    expect(launch).toMatchObject({ status: "FAILED", error: "generic" });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "SCHEDULED", audienceSize: 0, version: 1 });
    expect(await db.campaignMember.count({ where: { campaignId: c.id } })).toBe(0);
    expect(await db.callTask.count({ where: { campaignId: c.id } })).toBe(0);
    expect(await db.outboundMessage.count({ where: { campaignId: c.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entity: "campaign", entityId: String(c.id), action: "campaign.launchFailed" } })).toBe(1);

    await db.campaignExclusion.deleteMany({ where: { campaignId: c.id } });
    const retry = await requestLaunch(manager, { id: c.id, version: 1 });
    await retry.done;
    expect((await db.campaignLaunch.findUniqueOrThrow({ where: { campaignId: c.id } })).status).toBe("SUCCEEDED");
    expect(await db.campaign.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "RUNNING",
      audienceSize: 50,
      controlSize: 5,
      exclusions: { CHURNED: 1 },
    });
  });

  test("not before its start, not twice, not by a supervisor", async () => {
    const segmentId = await staticSegment(await bulkCustomers({ SILVER: 5 }));
    const future = await scheduled(segmentId, { startsAt: new Date(Date.now() + 3_600_000) });
    await expect(requestLaunch(manager, { id: future.id, version: 1 })).rejects.toMatchObject({ code: "campaign.notStarted" });
    await expect(requestLaunch(await actorFor("supervisor1"), { id: future.id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    const approved = await createCampaign({ status: "APPROVED", segmentId });
    await expect(launchCampaign(manager, approved.id)).rejects.toMatchObject({ code: "campaign.illegalTransition" });
    expect(await db.campaignMember.count({ where: { campaignId: { in: [future.id, approved.id] } } })).toBe(0);
  });

  test("the scheduler launches a scheduled campaign whose start has come; a dynamic audience is re-evaluated", async () => {
    await bulkCustomers({ DIAMOND: 20 });
    const seg = await createSegment({ kind: "DYNAMIC", definition: allOf({ field: "tier", op: "in", value: ["DIAMOND"] }) });
    const c = await scheduled(seg.id, { audienceMode: "DYNAMIC", startsAt: new Date(Date.now() - 60_000) });
    const r = await runCampaignScheduler(new Date());
    expect(r.launched).toBeGreaterThanOrEqual(1);
    const row = await db.campaign.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe("RUNNING");
    const size = (await db.segment.findUniqueOrThrow({ where: { id: seg.id } })).size;
    expect(size).toBeGreaterThanOrEqual(20);
    const excluded = Object.values(row.exclusions as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(row.audienceSize + excluded).toBe(size);
    expect(await db.campaignLaunch.findUniqueOrThrow({ where: { campaignId: c.id } })).toMatchObject({
      status: "SUCCEEDED",
      trigger: "schedule",
      progress: 100,
    });
  });
});

describe("the demo seed", () => {
  test("a draft, one awaiting manager2, and a running retention campaign with agent1's team's call list — in well under 5 s", async () => {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      const t0 = performance.now();
      const r = await seedDemoCampaignPlans(client);
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(5000);
      expect(r.campaigns).toBe(3);
      expect(r.audience).toBeGreaterThan(0);
      expect(r.calls).toBeGreaterThan(0);
      const { rows } = await client.query<{ status: string; n: number }>(
        `SELECT c.status::text, count(t.id)::int AS n FROM campaign c LEFT JOIN call_task t ON t.campaign_id = c.id AND t.team_id = (SELECT team_id FROM app_user WHERE username = 'agent1')
         WHERE c.id > (SELECT max(id) - 3 FROM campaign) GROUP BY c.status ORDER BY 1`,
      );
      expect(rows.map((x) => x.status)).toEqual(["DRAFT", "RUNNING", "SUBMITTED"]);
      expect(rows.find((x) => x.status === "RUNNING")!.n).toBe(r.calls);
    } finally {
      await client.query("ROLLBACK");
      await client.end();
    }
  });
});

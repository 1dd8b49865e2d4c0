import { describe, test, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { loadCalendar } from "@/lib/complaints/standards";
import { scanCsatInvitations, sendSurveyCampaign, submitSurveyAnswer, updateSurveyTemplate } from "@/lib/surveys/commands";
import { getSurveyForToken, listComplaintSurveyResponses, listOutboundMessages } from "@/lib/surveys/queries";
import { refreshRollups } from "@/lib/dashboards/rollups";
import {
  getAgentScorecards,
  getSatisfactionDashboard,
  getServiceDashboard,
  listDrillComplaints,
  updateMetricTargets,
  getMetricTargets,
} from "@/lib/dashboards/queries";
import { dashboardFilters } from "@/lib/dashboards/filters";
import { cubeGrains } from "@/lib/dashboards/cube";
import { averageHandlingHours, complaintRatePer10k, csat, csi, likertToScore, nps, responseRate } from "@/lib/dashboards/metrics";
import { businessMinutesBetween } from "@/lib/sla/calendar";
import { DEFAULT_SURVEY_POLICY, SURVEY_TOKEN_MASK } from "@/lib/surveys/rules";
import type { SurveyDelivery } from "@/lib/surveys/delivery";
import { ForbiddenError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";
import { createComplaint } from "@/tests/factories/complaints";
import { createCustomer } from "@/tests/factories/customers";
import { createSurveyInvitation } from "@/tests/factories/surveys";

// Hand-built fixture on a day of its own (2025-03-10, Asia/Shanghai) so the seeded demo data
// never mixes in: four customers of a region of their own (the factories), three complaints opened
// by agent1 and resolved with known timings, their CSAT invitations (scanned at set moments) and
// answers, and an NPS campaign. Everything is made in beforeAll through the app's commands, so each
// test only reads (or adds what it alone needs) and the tests run in any order. Rollup tiles must
// equal metrics.ts on the raw data.
const DAY = "2025-03-10";
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00+08:00`);
const POLICY = { ...DEFAULT_SURVEY_POLICY, csatDelayMin: 30 };
const REGION = `满意度-${randomUUID().slice(0, 8)}`;

let agent1: Actor, supervisor1: Actor, manager1: Actor, admin1: Actor;
let customers: { id: number; city: string }[];
let categoryId: number;
const complaintIds: number[] = [];
const tokens = new Map<number, string>();
/** What the CSAT scans and the answers returned, in the order they ran. */
const scans: Array<Awaited<ReturnType<typeof scanCsatInvitations>>> = [];
const answers: Array<Awaited<ReturnType<typeof submitSurveyAnswer>>> = [];
const detractorNotices = { before: 0, after: 0 };

async function openAndResolve(customerId: number, openAt: Date, startAt: Date, resolveAt: Date) {
  const c = await createComplaint({
    actor: agent1,
    customerId,
    categoryId,
    summary: "网速慢",
    now: openAt,
    steps: [
      { action: "start", at: startAt },
      { action: "resolve", at: resolveAt, reason: "已退费" },
    ],
  });
  return c.id;
}

/** What the sender was handed: the only place a survey link's token exists in clear (never stored). */
const delivered: SurveyDelivery[] = [];
const sender = async (d: SurveyDelivery[]) => void delivered.push(...d);

/** The token of an invitation, from the text its customer received. */
async function tokenOf(invitationId: number) {
  const m = delivered.find((d) => d.invitationId === invitationId)!;
  return m.text.match(/\/s\/([A-Za-z0-9_-]+)/)![1];
}

const filters = (extra: Record<string, unknown> = {}) => dashboardFilters().parse({ from: DAY, to: DAY, ...extra });

beforeAll(async () => {
  [agent1, supervisor1, manager1, admin1] = await Promise.all(["agent1", "supervisor1", "manager1", "admin1"].map(actorFor));
  await refreshRollups(new Date()); // drain the seeded complaints first
  // The fourth customer asked not to be disturbed: never invited.
  customers = [];
  for (let i = 0; i < 4; i++) customers.push((await createCustomer({ city: REGION, consentPush: true, doNotDisturb: i === 3 })).customer);
  categoryId = (await db.complaintCategory.findUniqueOrThrow({ where: { code: "BILLING" } })).id;
  complaintIds.push(await openAndResolve(customers[0].id, at("09:00"), at("09:05"), at("11:00")));
  complaintIds.push(await openAndResolve(customers[1].id, at("10:00"), at("10:30"), at("16:00")));
  complaintIds.push(await openAndResolve(customers[2].id, at("12:00"), at("12:10"), at("13:00")));
  complaintIds.push(await openAndResolve(customers[3].id, at("12:30"), at("12:40"), at("14:00")));
  // The invitation job at four moments: quiet hours, then twice as the delays run out, then nothing left.
  for (const moment of ["22:30", "16:20", "16:40", "17:00"]) scans.push(await scanCsatInvitations(at(moment), "http://crm.test", POLICY, sender));
  for (const inv of await db.surveyInvitation.findMany({ where: { complaintId: { in: complaintIds } } })) tokens.set(inv.complaintId!, await tokenOf(inv.id));
  // The customers answer: 5, a second answer on the same link, 4, then a detractor's 2.
  const [a, b, c] = complaintIds.map((id) => tokens.get(id)!);
  answers.push(await submitSurveyAnswer({ token: a, score: 5, comment: "很快解决" }, { ip: "t1" }, at("17:00")));
  answers.push(await submitSurveyAnswer({ token: a, score: 1 }, { ip: "t1" }, at("17:01")));
  answers.push(await submitSurveyAnswer({ token: b, score: 4 }, { ip: "t1" }, at("17:02")));
  detractorNotices.before = await db.notification.count({ where: { userId: supervisor1.id, kind: "survey.detractor" } });
  answers.push(await submitSurveyAnswer({ token: c, score: 2, comment: "处理太慢" }, { ip: "t1" }, at("17:03")));
  detractorNotices.after = await db.notification.count({ where: { userId: supervisor1.id, kind: "survey.detractor" } });
  await refreshRollups(at("18:00"));
});

describe("CSAT invitations", () => {
  test("nothing during quiet hours; then once per resolved complaint, after the delay, with consent", async () => {
    expect(scans[0]).toEqual({ invited: 0, deferred: true }); // 22:30
    // 16:20: complaint 2 resolved at 16:00 is still within the 30-minute delay.
    expect(scans[1].invited).toBe(2);
    expect(scans[2].invited).toBe(1); // 16:40
    expect(scans[3]).toEqual({ invited: 0, deferred: false }); // 17:00
    const invs = await db.surveyInvitation.findMany({ where: { complaintId: { in: complaintIds } }, orderBy: { complaintId: "asc" } });
    expect(invs.map((i) => i.complaintId)).toEqual(complaintIds.slice(0, 3));
    for (const inv of invs) {
      expect(inv.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(inv.expiresAt.getTime() - inv.sentAt.getTime()).toBe(7 * 86_400_000);
    }
    const msg = await db.outboundMessage.findFirstOrThrow({ where: { invitationId: invs[0].id } });
    expect(msg.body).toContain(`http://crm.test/s/${SURVEY_TOKEN_MASK}`);
    expect(msg.recipient).not.toMatch(/\d{11}/);
  });

  test("survey tokens are never stored: no outbound_message row holds a valid token, the customer's link still works", async () => {
    const tokens = delivered.map((d) => d.text.match(/\/s\/([A-Za-z0-9_-]+)$/)![1]);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    for (const d of delivered) {
      const row = await db.outboundMessage.findUniqueOrThrow({ where: { id: BigInt(d.messageId) } });
      expect(row.body).toBe(d.text.replace(/\/s\/[A-Za-z0-9_-]+$/, `/s/${SURVEY_TOKEN_MASK}`));
    }
    // Every stored body, not just these: a link's path segment is never a token that opens a survey.
    for (const { body } of await db.outboundMessage.findMany({ select: { body: true } })) {
      for (const [, t] of body.matchAll(/\/s\/([A-Za-z0-9_-]{16,})/g)) expect((await getSurveyForToken(t)).state).toBe("UNKNOWN");
    }
    const [{ n }] = await db.$queryRaw<
      [{ n: number }]
    >`SELECT count(*)::int AS n FROM outbound_message WHERE body LIKE ANY (${tokens.map((t) => `%${t}%`)}::text[])`;
    expect(n).toBe(0);
    // The customers answered through the links they were sent (beforeAll): 3 answers, 1 repeat refused.
    expect(answers.map((a) => a.ok)).toEqual([true, false, true, true]);
  });

  test("the migration redacts the links that earlier releases stored with their token", async () => {
    const { invitation, token } = await createSurveyInvitation({ customerId: customers[0].id, sentAt: at("08:00", "2025-02-21") });
    const old = await db.outboundMessage.create({
      data: {
        customerId: customers[0].id,
        channel: "SMS",
        recipient: "171****0001",
        locale: "zh-CN",
        purpose: "survey.csat",
        body: `请评价： http://crm.test/s/${token}`,
        invitationId: invitation.id,
      },
    });
    await db.$executeRawUnsafe(fs.readFileSync("prisma/migrations/20261207030000000_redact_survey_links/migration.sql", "utf8"));
    expect((await db.outboundMessage.findUniqueOrThrow({ where: { id: old.id } })).body).toBe(`请评价： http://crm.test/s/${SURVEY_TOKEN_MASK}`);
    // The customer's link keeps working: only its hash was ever needed.
    expect((await getSurveyForToken(token, at("09:00", "2025-02-21"))).state).toBe("OPEN");
  });

  test("the manager's message log shows the links redacted, never a token", async () => {
    const tokens = delivered.map((d) => d.text.match(/\/s\/([A-Za-z0-9_-]+)$/)![1]);
    const mine = new Set(delivered.map((d) => d.messageId));
    const rows = (await listOutboundMessages(manager1, { pageSize: 500 })).rows.filter((r) => mine.has(r.id));
    expect(rows).toHaveLength(delivered.length);
    for (const r of rows) {
      expect(r.body).toMatch(new RegExp(`/s/${SURVEY_TOKEN_MASK}$`));
      for (const t of tokens) expect(r.body).not.toContain(t);
    }
  });

  test("the public page shows the question only, nothing about the customer", async () => {
    const { token } = await createSurveyInvitation({ customerId: customers[0].id, sentAt: at("08:00", "2025-02-20") });
    const s = await getSurveyForToken(token, at("09:00", "2025-02-20"));
    expect(s.state).toBe("OPEN");
    expect(Object.keys(s).sort()).toEqual(["allowComment", "dimensions", "kind", "locale", "questionEn", "questionZh", "state"]);
    expect(JSON.stringify(s)).not.toContain(String(customers[0].id));
    expect((await getSurveyForToken(tokens.get(complaintIds[0])!, at("17:05"))).state).toBe("ANSWERED");
    expect(await getSurveyForToken("x".repeat(48))).toEqual({ state: "UNKNOWN" });
    expect(await getSurveyForToken("../../etc")).toEqual({ state: "UNKNOWN" });
  });

  test("one answer per link; a detractor opens a follow-up for the owner's supervisor", async () => {
    expect(answers).toEqual([
      { ok: true, detractor: false },
      { ok: false, reason: "ANSWERED" },
      { ok: true, detractor: false },
      { ok: true, detractor: true },
    ]);
    const f = await db.surveyFollowUp.findFirstOrThrow({ where: { complaintId: complaintIds[2] } });
    expect(f).toMatchObject({ assigneeId: supervisor1.id, status: "OPEN", teamId: agent1.teamId });
    expect(detractorNotices.after).toBe(detractorNotices.before + 1);
    expect(await submitSurveyAnswer({ token: "y".repeat(40), score: 3 }, { ip: "t1" })).toEqual({ ok: false, reason: "UNKNOWN" });
    // The answers show on the complaint (in scope) and not to an agent of another team.
    expect((await listComplaintSurveyResponses(agent1, complaintIds[2])).map((r) => r.score)).toEqual([2]);
    expect(await listComplaintSurveyResponses(await actorFor("agent2"), complaintIds[2])).toEqual([]);
  });

  test("an expired link cannot be answered", async () => {
    const { token } = await createSurveyInvitation({ customerId: customers[0].id, sentAt: at("08:00", "2025-01-01"), expiresAt: at("08:00", "2025-01-08") });
    expect(await submitSurveyAnswer({ token, score: 5 }, { ip: "t2" }, at("09:00"))).toEqual({ ok: false, reason: "EXPIRED" });
    expect((await getSurveyForToken(token, at("09:00"))).state).toBe("EXPIRED");
  });
});

describe("rollups equal the reference metrics on hand-computed data", () => {
  test("service tiles", async () => {
    const d = await getServiceDashboard(manager1, filters({ team: agent1.teamId }));
    expect(d.kpis.opened).toBe(4);
    expect(d.kpis.resolved).toBe(4);
    const rows = await db.complaint.findMany({ where: { id: { in: complaintIds } } });
    const cal = await loadCalendar(db, rows[0].calendarId);
    const minutes = rows.map((r) => Math.round(businessMinutesBetween(cal, r.createdAt, r.resolvedAt!)));
    expect(d.kpis.averageHandlingHours).toBeCloseTo(averageHandlingHours(minutes)!, 9);
    // Responses 5, 30, 10, 10 minutes against a 15-minute target: 3 of 4 met.
    expect(d.kpis.sla.FIRST_RESPONSE).toBeCloseTo(0.75, 9);
    expect(d.kpis.reopenRate).toBe(0);
    expect(d.kpis.ratePer10k).toBeCloseTo(complaintRatePer10k(4, d.kpis.activeSubscribers)!, 9);
    expect(d.kpis.activeSubscribers).toBeGreaterThan(0);
    expect(d.volumeByDay).toEqual([{ day: DAY, opened: 4, breached: d.kpis.breached }]);
    // The tile's list: the same four complaints.
    const drill = await listDrillComplaints(manager1, filters({ team: agent1.teamId }), "opened", null);
    expect(drill.rows.map((r) => r.id).sort()).toEqual([...complaintIds].sort());
  });

  test("satisfaction tiles", async () => {
    const s = await getSatisfactionDashboard(manager1, filters({ team: agent1.teamId }));
    expect(s.sums.sent).toBe(3);
    expect(s.sums.answered).toBe(3);
    expect(s.csat).toBeCloseTo(csat([5, 4, 2])!, 9);
    expect(s.responseRate).toBeCloseTo(responseRate(3, 3)!, 9);
    expect(s.verbatims.map((v) => v.comment)).toEqual(["处理太慢", "很快解决"]);
    const cards = await getAgentScorecards(manager1, filters({ team: agent1.teamId }));
    const me = cards.find((c) => c.agentId === agent1.id)!;
    expect(me).toMatchObject({ opened: 4, handled: 4, csatN: 3 });
    expect(me.csat).toBeCloseTo(2 / 3, 9);
  });

  test("every grain of the cube sums to the detail; tiles agree whichever grain they read", async () => {
    const check = async (table: string, measure: string) => {
      // Day rows of every grain sum to the detail of their day; month rows to the detail of their month.
      const rows = await db.$queryRawUnsafe<{ grain: number; n: number }[]>(
        `SELECT grain, count(*)::int AS n FROM (
           SELECT grain, day, sum(${measure}) AS s FROM ${table} GROUP BY grain, day
           EXCEPT (
             SELECT g, day, s FROM (SELECT day, sum(${measure}) AS s FROM ${table} WHERE grain = 63 GROUP BY day) d CROSS JOIN unnest($1::int[]) g
             UNION ALL
             SELECT g + 64, m, s FROM (SELECT date_trunc('month', day)::date AS m, sum(${measure}) AS s FROM ${table} WHERE grain = 63 GROUP BY 1) d CROSS JOIN unnest($2::int[]) g)
         ) x GROUP BY grain`,
        [...cubeGrains(), 63],
        cubeGrains(),
      );
      expect(rows).toEqual([]);
      const [{ grains }] = await db.$queryRawUnsafe<[{ grains: number }]>(`SELECT count(DISTINCT grain)::int AS grains FROM ${table}`);
      expect(grains).toBe(2 * cubeGrains().length + 1);
    };
    await check("complaint_daily_rollup", "opened");
    await check("complaint_daily_rollup", "res_met");
    await check("survey_daily_rollup", "answered");
    // One filter + a grouping reads a pair grain; two filters + a grouping read the detail.
    const one = await getServiceDashboard(manager1, filters({ team: agent1.teamId }));
    const two = await getServiceDashboard(manager1, filters({ team: agent1.teamId, channel: "HOTLINE" }));
    expect(two.kpis).toEqual(one.kpis);
    expect(two.breachesByCategory).toEqual(one.breachesByCategory);
    expect(two.breachesByTeam).toEqual(one.breachesByTeam);
    // A range of whole months reads month rows: the same figures as adding its days up.
    const months = await getServiceDashboard(manager1, dashboardFilters().parse({ from: "2025-02-01", to: "2025-04-30" }));
    const days = await Promise.all(
      // Pieces that hold no whole month, so they read day rows.
      ["2025-02-01/2025-02-27", "2025-02-28/2025-03-30", "2025-03-31/2025-04-29", "2025-04-30/2025-04-30"].map((r) => {
        const [from, to] = r.split("/");
        return getServiceDashboard(manager1, dashboardFilters().parse({ from, to }));
      }),
    );
    expect(months.kpis.opened).toBe(days.reduce((t, d) => t + d.kpis.opened, 0));
    expect(months.kpis.opened).toBeGreaterThanOrEqual(4);
    expect(months.kpis.breached).toBe(days.reduce((t, d) => t + d.kpis.breached, 0));
    const sat1 = await getSatisfactionDashboard(manager1, filters({ team: agent1.teamId }));
    const sat2 = await getSatisfactionDashboard(manager1, filters({ team: agent1.teamId, channel: "HOTLINE", category: categoryId }));
    expect(sat2.by).toEqual(sat1.by);
    expect(sat2.csat).toEqual(sat1.csat);
  });

  test("NPS and CSI campaigns", async () => {
    const npsTpl = await db.surveyTemplate.findUniqueOrThrow({ where: { code: "NPS_RELATIONSHIP" } });
    const csiTpl = await db.surveyTemplate.findUniqueOrThrow({ where: { code: "CSI_SERVICE" } });
    const when = at("10:00", "2025-03-12");
    const city = customers[0].city;
    const n = await sendSurveyCampaign(manager1, { templateId: npsTpl.id, city, limit: 4 }, when, "http://crm.test", sender);
    expect(n.sent).toBeGreaterThan(0);
    const invs = await db.surveyInvitation.findMany({ where: { campaignId: n.campaignId }, orderBy: { id: "asc" } });
    const scores = [10, 9, 7, 3].slice(0, invs.length);
    for (const [i, inv] of invs.entries())
      if (i < scores.length) await submitSurveyAnswer({ token: await tokenOf(inv.id), score: scores[i] }, { ip: "t3" }, when);
    const c = await sendSurveyCampaign(manager1, { templateId: csiTpl.id, city, limit: 2 }, when, "http://crm.test", sender);
    const csiInvs = await db.surveyInvitation.findMany({ where: { campaignId: c.campaignId }, orderBy: { id: "asc" } });
    const answers = [
      { RESPONSE_SPEED: 5, RESOLUTION_EFFICIENCY: 4, COMMUNICATION_QUALITY: 3 },
      { RESPONSE_SPEED: 3, RESOLUTION_EFFICIENCY: 2, COMMUNICATION_QUALITY: 5 },
    ].slice(0, csiInvs.length);
    for (const [i, inv] of csiInvs.entries()) await submitSurveyAnswer({ token: await tokenOf(inv.id), dimensions: answers[i] }, { ip: "t3" }, when);
    await refreshRollups(at("10:01", "2025-03-12"));
    const s = await getSatisfactionDashboard(manager1, dashboardFilters().parse({ from: "2025-03-12", to: "2025-03-12", region: city }));
    expect(s.nps).toBeCloseTo(nps(scores)!, 9);
    const mean = (k: keyof (typeof answers)[number]) => answers.reduce((t, a) => t + likertToScore(a[k]), 0) / answers.length;
    const want = csi(
      { RESPONSE_SPEED: mean("RESPONSE_SPEED"), RESOLUTION_EFFICIENCY: mean("RESOLUTION_EFFICIENCY"), COMMUNICATION_QUALITY: mean("COMMUNICATION_QUALITY") },
      { RESPONSE_SPEED: 1, RESOLUTION_EFFICIENCY: 1, COMMUNICATION_QUALITY: 1 },
    );
    expect(s.csi).toBeCloseTo(want!, 9);
    expect(await db.auditLog.count({ where: { action: "survey.campaignSent", actorId: manager1.id } })).toBeGreaterThanOrEqual(2);
  });
});

describe("who may not", () => {
  test("agents and supervisors cannot read dashboards", async () => {
    for (const a of [agent1, supervisor1]) {
      await expect(getServiceDashboard(a, filters())).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getSatisfactionDashboard(a, filters())).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getAgentScorecards(a, filters())).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listDrillComplaints(a, filters(), "breached", null)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  test("an agent cannot send a campaign or read the message log; nothing is written", async () => {
    const campaigns = await db.surveyCampaign.count();
    const audits = await db.auditLog.count({ where: { actorId: agent1.id, action: "survey.campaignSent" } });
    const npsTpl = await db.surveyTemplate.findUniqueOrThrow({ where: { code: "NPS_RELATIONSHIP" } });
    await expect(sendSurveyCampaign(agent1, { templateId: npsTpl.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listOutboundMessages(agent1)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.surveyCampaign.count()).toBe(campaigns);
    expect(await db.auditLog.count({ where: { actorId: agent1.id, action: "survey.campaignSent" } })).toBe(audits);
  });

  test("only admins edit templates and targets (audited)", async () => {
    const tpl = await db.surveyTemplate.findUniqueOrThrow({ where: { code: "CSAT_COMPLAINT" } });
    const edit = {
      id: tpl.id,
      version: tpl.version,
      nameZh: tpl.nameZh,
      nameEn: tpl.nameEn,
      questionZh: tpl.questionZh,
      questionEn: "How satisfied are you?",
      allowComment: true,
      isActive: true,
      dimensions: [],
    };
    await expect(updateSurveyTemplate(manager1, edit)).rejects.toBeInstanceOf(ForbiddenError);
    await updateSurveyTemplate(admin1, edit);
    expect((await db.surveyTemplate.findUniqueOrThrow({ where: { id: tpl.id } })).questionEn).toBe("How satisfied are you?");
    await updateSurveyTemplate(admin1, { ...edit, version: tpl.version + 1, questionEn: tpl.questionEn }); // leave the demo as it was
    const t = await getMetricTargets();
    const auditsBefore = await db.auditLog.count({ where: { action: "metricTargets.updated", actorId: admin1.id } });
    await expect(updateMetricTargets(manager1, { ...t, complaintSatisfactionMin: 0.8 })).rejects.toBeInstanceOf(ForbiddenError);
    await updateMetricTargets(admin1, { ...t, complaintSatisfactionMin: 0.8 });
    expect((await getMetricTargets()).complaintSatisfactionMin).toBe(0.8);
    await updateMetricTargets(admin1, { ...(await getMetricTargets()), complaintSatisfactionMin: 0.85 });
    expect(await db.auditLog.count({ where: { action: "metricTargets.updated", actorId: admin1.id } })).toBe(auditsBefore + 2);
  });
});

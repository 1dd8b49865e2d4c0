// Messages and channel adapters (issue 22): the outbox dispatcher against a real SMTP server and a
// real HTTP gateway started in this test, quiet hours, consent at send time, retries with back-off,
// delivery receipts, the opt-out link, two dispatchers at once, paused campaigns, and who may
// change the contact rules.
import http from "node:http";
import os from "node:os";
import path from "node:path";
import fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { describe, test, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { db } from "@/lib/db";
import { dispatchOutbox, dispatchDueMessages } from "@/lib/messaging/outbox-commands";
import { gatewaySecret } from "@/lib/messaging/adapters";
import { signBody, verifySignature, SIGNATURE_HEADER } from "@/lib/messaging/signature";
import { confirmOptOut, getOptOut, LINK_VALID_DAYS } from "@/lib/messaging/opt-out-commands";
import { listMailbox, startLocalSmtp } from "@/lib/messaging/local-mailbox";
import { getOutboxHealth } from "@/lib/messaging/outbox-queries";
import { updateMarketingSettings } from "@/lib/marketing/settings-commands";
import { loadMarketingSettings, MARKETING_SETTINGS_KEY } from "@/lib/marketing/settings";
import { DEFAULT_MARKETING_SETTINGS, type MarketingSettings, type MessageChannelName } from "@/lib/marketing/schemas";
import { POST as receiptsPost } from "@/app/api/messaging/receipts/route";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { createCampaign } from "@/tests/factories/campaigns";
import { createCustomer } from "@/tests/factories/customers";
import { actorFor } from "./helpers";

// ── a real SMTP server for this file ───────────────────────────────────────────────────────────
const inbox: ParsedMail[] = [];
let smtp: SMTPServer;
let smtpUrl = "";
// ── a real HTTP gateway for this file: answers with `gatewayStatus` and keeps what it got ──────
let gatewayStatus = 200;
const gatewayGot: Array<{ body: string; signature: string | undefined; json: Record<string, unknown> }> = [];
let gateway: http.Server;
let gatewayUrl = "";

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _s, cb) {
      simpleParser(stream).then((m) => {
        inbox.push(m);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  gateway = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      gatewayGot.push({ body, signature: req.headers[SIGNATURE_HEADER] as string | undefined, json: JSON.parse(body) });
      res.writeHead(gatewayStatus, { "content-type": "application/json" });
      res.end(gatewayStatus < 300 ? JSON.stringify({ id: `gw-test-${gatewayGot.length}-${Date.now()}` }) : "{}");
    });
  });
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", () => r()));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
});

afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => gateway.close(() => r()));
});

async function setRules(patch: Partial<MarketingSettings>) {
  const value = { ...DEFAULT_MARKETING_SETTINGS, quietHours: { start: "00:00", end: "00:00" }, ...patch, version: 1 };
  await db.appSetting.upsert({ where: { key: MARKETING_SETTINGS_KEY }, create: { key: MARKETING_SETTINGS_KEY, value }, update: { value } });
}

beforeEach(async () => {
  // Each test sees only its own messages; no quiet hours unless it sets them.
  await db.$executeRaw`UPDATE outbound_message SET status = 'SUPPRESSED', last_error = 'test' WHERE status = 'QUEUED'`;
  await setRules({});
  inbox.length = 0;
  gatewayGot.length = 0;
  gatewayStatus = 200;
});

type Cust = Awaited<ReturnType<typeof createCustomer>>["customer"];

async function queue(customerId: number, channel: MessageChannelName, opts: { campaignId?: number; ruleId?: number; at?: Date } = {}) {
  const [row] = await db.$queryRaw<Array<{ id: bigint }>>`
    INSERT INTO outbound_message (customer_id, channel, recipient, locale, purpose, body, campaign_id, rule_id, status, next_attempt_at)
    VALUES (${customerId}, ${channel}::"OutboundChannel", '', 'zh-CN', ${opts.ruleId ? "automation" : "campaign"}, '', ${opts.campaignId ?? null}::int, ${opts.ruleId ?? null}::int, 'QUEUED', ${opts.at ?? new Date(Date.now() - 1000)})
    RETURNING id`;
  return row.id;
}

async function msg(id: bigint) {
  return db.outboundMessage.findUniqueOrThrow({ where: { id } });
}

async function runningCampaign(channels: Array<"EMAIL" | "SMS" | "PUSH" | "WECHAT" | "OUTBOUND_CALL"> = ["EMAIL", "SMS"]) {
  return createCampaign({
    status: "RUNNING",
    channels,
    emailSubjectZh: "您的专属优惠",
    emailSubjectEn: "Your offer",
    messageZh: "尊敬的{name}，您的号码{number}，套餐{plan}。退订：{optOutUrl}",
    messageEn: "Dear {name}, your number {number} on {plan}. Opt out: {optOutUrl}",
  });
}

async function member(campaignId: number, customerId: number) {
  await db.campaignMember.create({ data: { campaignId, customerId, isControl: false, valueTier: "GOLD", channels: ["EMAIL", "SMS"] } });
}

async function emailCustomer(extra: Parameters<typeof createCustomer>[0] = {}): Promise<Cust> {
  return (
    await createCustomer({ consentEmail: true, consentSms: true, email: `c${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.com`, ...extra })
  ).customer;
}

describe("the dispatcher", () => {
  test("an e-mail reaches the SMTP server rendered in the customer's language; the row keeps the masked recipient and no live link", async () => {
    const c = await runningCampaign();
    const zh = await emailCustomer({ name: "王小明", preferredLang: "zh-CN" });
    const en = await emailCustomer({ name: "Li Lei", preferredLang: "en" });
    await member(c.id, zh.id);
    await member(c.id, en.id);
    const idZh = await queue(zh.id, "EMAIL", { campaignId: c.id });
    const idEn = await queue(en.id, "EMAIL", { campaignId: c.id });
    const now = new Date();

    const r = await dispatchOutbox(now, { smtpUrl, baseUrl: "https://crm.example.com" });
    expect(r.sent).toBe(2);
    expect(inbox).toHaveLength(2);
    const toZh = inbox.find((m) => m.text?.includes("王小明"))!;
    const toEn = inbox.find((m) => m.text?.includes("Li Lei"))!;
    expect(toZh.subject).toBe("您的专属优惠");
    expect(toEn.subject).toBe("Your offer");
    expect((toZh.to as { text: string }).text).toBe(zh.email);
    const line = await db.line.findFirstOrThrow({ where: { customerId: en.id }, include: { plan: true } });
    expect(toEn.text).toContain(`your number ${line.msisdn.slice(0, 3)}****${line.msisdn.slice(-4)}`);
    expect(toEn.text).not.toContain(line.msisdn);
    expect(toEn.text).toContain(`on ${line.plan.nameEn}`);
    expect(toZh.text).toContain(`套餐${line.plan.nameZh}`);
    expect(toEn.text).toMatch(/Opt out: https:\/\/crm\.example\.com\/o\/[0-9a-z]+\.[A-Za-z0-9_-]{22}/);

    const row = await msg(idEn);
    expect(row.status).toBe("SENT");
    expect(row.sentAt).toEqual(now);
    expect(row.providerId).toBeTruthy();
    expect(row.attempts).toBe(1);
    expect(row.recipient).toBe(`${en.email![0]}***@example.com`);
    expect(row.recipient).not.toBe(en.email);
    expect(row.body).toContain("https://crm.example.com/o/••••••");
    expect(row.body).not.toMatch(/\/o\/[0-9a-z]+\./);
    expect((await msg(idZh)).status).toBe("SENT");
    // A marketing touch each (the caps count them), and the members are contacted.
    expect(await db.marketingTouch.count({ where: { campaignId: c.id, channel: "EMAIL" } })).toBe(2);
    const m = await db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId: c.id, customerId: en.id } } });
    expect(m.contactedAt).toEqual(now);
    // A second pass sends nothing again.
    expect((await dispatchOutbox(new Date(), { smtpUrl })).sent).toBe(0);
    expect(inbox).toHaveLength(2);
  });

  test("rule messages use the rule's template (action_params)", async () => {
    const admin = await actorFor("manager1");
    const rule = await db.automationRule.create({
      data: {
        name: "合约到期提醒",
        trigger: "CONTRACT_ENDING",
        triggerParam: 30,
        action: "SEND_MESSAGE",
        actionParams: {
          channel: "EMAIL",
          messageZh: "{name}，您的合约即将到期",
          messageEn: "{name}, your contract ends soon",
          subjectZh: "合约到期",
          subjectEn: "Contract ending",
        },
        status: "ACTIVE",
        createdById: admin.id,
      },
    });
    const en = await emailCustomer({ name: "Han Meimei", preferredLang: "en" });
    const id = await queue(en.id, "EMAIL", { ruleId: rule.id });
    await dispatchOutbox(new Date(), { smtpUrl });
    expect(inbox.map((m) => [m.subject, m.text?.trim()])).toEqual([["Contract ending", "Han Meimei, your contract ends soon"]]);
    expect((await msg(id)).status).toBe("SENT");
    expect(await db.marketingTouch.count({ where: { ruleId: rule.id } })).toBe(1);
  });

  test("quiet hours (wrapping midnight) push due messages to their end and send nothing", async () => {
    const c = await runningCampaign();
    const cu = await emailCustomer();
    const id = await queue(cu.id, "EMAIL", { campaignId: c.id, at: new Date("2026-03-01T12:00:00Z") });
    await setRules({ quietHours: { start: "21:00", end: "08:00" } });
    // 23:30 in Shanghai = 15:30 UTC; quiet hours end at 08:00 Shanghai = 00:00 UTC the next day.
    const r = await dispatchOutbox(new Date("2026-03-02T15:30:00Z"), { smtpUrl });
    expect(r).toMatchObject({ sent: 0, deferred: 1 });
    expect(inbox).toHaveLength(0);
    expect((await msg(id)).nextAttemptAt).toEqual(new Date("2026-03-03T00:00:00Z"));
    // At 08:00 it goes.
    expect((await dispatchOutbox(new Date("2026-03-03T00:00:00Z"), { smtpUrl })).sent).toBe(1);
    expect((await msg(id)).status).toBe("SENT");
  });

  test("consent withdrawn, do-not-disturb or churned at send time: SUPPRESSED, nothing sent", async () => {
    const c = await runningCampaign();
    const noConsent = await emailCustomer();
    const dnd = await emailCustomer();
    const churned = await emailCustomer();
    const ids = [
      await queue(noConsent.id, "EMAIL", { campaignId: c.id }),
      await queue(dnd.id, "EMAIL", { campaignId: c.id }),
      await queue(churned.id, "EMAIL", { campaignId: c.id }),
    ];
    await db.customer.update({ where: { id: noConsent.id }, data: { consentEmail: false } });
    await db.customer.update({ where: { id: dnd.id }, data: { doNotDisturb: true } });
    await db.customer.update({ where: { id: churned.id }, data: { status: "CHURNED", churnedAt: new Date() } });
    const r = await dispatchOutbox(new Date(), { smtpUrl });
    expect(r.suppressed).toBe(3);
    expect(inbox).toHaveLength(0);
    expect(await Promise.all(ids.map(async (id) => [(await msg(id)).status, (await msg(id)).lastError]))).toEqual([
      ["SUPPRESSED", "noConsent"],
      ["SUPPRESSED", "doNotDisturb"],
      ["SUPPRESSED", "churned"],
    ]);
    expect(await db.marketingTouch.count({ where: { campaignId: c.id } })).toBe(0);
  });

  test("a paused campaign's messages wait; resumed, they go; a cancelled campaign's are suppressed", async () => {
    const c = await runningCampaign();
    const cu = await emailCustomer();
    const id = await queue(cu.id, "EMAIL", { campaignId: c.id });
    await db.campaign.update({ where: { id: c.id }, data: { status: "PAUSED" } });
    expect((await dispatchOutbox(new Date(), { smtpUrl })).sent).toBe(0);
    expect((await msg(id)).status).toBe("QUEUED");
    await db.campaign.update({ where: { id: c.id }, data: { status: "RUNNING" } });
    expect((await dispatchOutbox(new Date(), { smtpUrl })).sent).toBe(1);

    const id2 = await queue(cu.id, "EMAIL", { campaignId: c.id });
    await db.campaign.update({ where: { id: c.id }, data: { status: "CANCELLED" } });
    await dispatchOutbox(new Date(), { smtpUrl });
    expect(await msg(id2)).toMatchObject({ status: "SUPPRESSED", lastError: "campaignEnded" });
    expect(inbox).toHaveLength(1);
  });

  test("two dispatchers at once never send a message twice", async () => {
    const c = await runningCampaign();
    const ids: bigint[] = [];
    for (let i = 0; i < 24; i++) ids.push(await queue((await emailCustomer()).id, "EMAIL", { campaignId: c.id }));
    const now = new Date();
    const [a, b] = await Promise.all([dispatchOutbox(now, { smtpUrl, batchSize: 5 }), dispatchOutbox(now, { smtpUrl, batchSize: 5 })]);
    expect(a.sent + b.sent).toBe(24);
    expect(inbox).toHaveLength(24);
    const ids2 = inbox.map((m) => m.headers.get("x-crm-message-id"));
    expect(new Set(ids2).size).toBe(24);
    expect(await db.outboundMessage.count({ where: { id: { in: ids }, status: "SENT" } })).toBe(24);
    expect(await db.marketingTouch.count({ where: { campaignId: c.id } })).toBe(24);
  });
});

describe("the gateway webhook adapter", () => {
  test("no gateway configured: the message stays QUEUED, waiting, and the health view counts it", async () => {
    const c = await runningCampaign();
    const cu = await emailCustomer();
    const id = await queue(cu.id, "SMS", { campaignId: c.id });
    const r = await dispatchOutbox(new Date(), { smtpUrl });
    expect(r.waiting).toBe(1);
    expect(await msg(id)).toMatchObject({ status: "QUEUED", lastError: "noGateway", attempts: 0 });
    const health = await getOutboxHealth(await actorFor("admin1"));
    expect(health.waitingForGateway).toBeGreaterThanOrEqual(1);
    expect(health.counts.find((x) => x.channel === "SMS")!.byStatus.QUEUED).toBeGreaterThanOrEqual(1);
  });

  test("signed POST to the gateway; 2xx = SENT with the gateway's id; receipts set DELIVERED", async () => {
    await setRules({ gatewayUrl });
    const c = await runningCampaign();
    const cu = await emailCustomer({ preferredLang: "en", name: "Zhou Jie" });
    const id = await queue(cu.id, "SMS", { campaignId: c.id });
    const now = new Date();
    expect((await dispatchOutbox(now, { smtpUrl, baseUrl: "https://crm.example.com" })).sent).toBe(1);
    expect(gatewayGot).toHaveLength(1);
    const got = gatewayGot[0];
    expect(verifySignature(gatewaySecret()!, got.body, got.signature, new Date())).toBe(true);
    expect(verifySignature("another-secret-another-secret-0123", got.body, got.signature, new Date())).toBe(false);
    const line = await db.line.findFirstOrThrow({ where: { customerId: cu.id } });
    expect(got.json).toMatchObject({ id: String(id), channel: "SMS", to: line.msisdn, callbackUrl: "https://crm.example.com/api/messaging/receipts" });
    expect(String(got.json.body)).toContain("Dear Zhou Jie");
    const row = await msg(id);
    expect(row.status).toBe("SENT");
    expect(row.providerId).toMatch(/^gw-test-1-/);
    expect(row.recipient).toBe(`${line.msisdn.slice(0, 3)}****${line.msisdn.slice(-4)}`);

    // Delivery receipt: signed → DELIVERED.
    const receipt = JSON.stringify({ providerId: row.providerId, status: "DELIVERED" });
    const post = (body: string, sig: string | null) =>
      receiptsPost(
        new Request("http://localhost/api/messaging/receipts", {
          method: "POST",
          headers: { "content-type": "application/json", ...(sig ? { [SIGNATURE_HEADER]: sig } : {}) },
          body,
        }),
        {
          params: Promise.resolve({}),
        },
      );
    // Unsigned or wrongly signed: 401, nothing changed.
    expect((await post(receipt, null)).status).toBe(401);
    expect((await post(receipt, signBody("wrong-secret-wrong-secret-wrong-secret", receipt, new Date()))).status).toBe(401);
    // Signed too long ago (a replay): 401.
    expect((await post(receipt, signBody(gatewaySecret()!, receipt, new Date(Date.now() - 3_600_000)))).status).toBe(401);
    expect((await msg(id)).status).toBe("SENT");
    const ok = await post(receipt, signBody(gatewaySecret()!, receipt, new Date()));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, updated: true });
    expect((await msg(id)).status).toBe("DELIVERED");
    expect((await msg(id)).deliveredAt).not.toBeNull();
    // A second receipt changes nothing; an unknown provider id is 404; a bad body 400; too big 413.
    expect(await (await post(receipt, signBody(gatewaySecret()!, receipt, new Date()))).json()).toEqual({ ok: true, updated: false });
    const unknown = JSON.stringify({ providerId: "nope", status: "DELIVERED" });
    expect((await post(unknown, signBody(gatewaySecret()!, unknown, new Date()))).status).toBe(404);
    const bad = JSON.stringify({ providerId: row.providerId, status: "READ" });
    expect((await post(bad, signBody(gatewaySecret()!, bad, new Date()))).status).toBe(400);
    const huge = JSON.stringify({ providerId: row.providerId, status: "FAILED", error: "x".repeat(10_000) });
    expect((await post(huge, signBody(gatewaySecret()!, huge, new Date()))).status).toBe(413);
    expect((await msg(id)).status).toBe("DELIVERED");
  });

  test("a FAILED receipt marks the message failed with the gateway's code", async () => {
    await setRules({ gatewayUrl });
    const c = await runningCampaign(["PUSH"]);
    const cu = await emailCustomer({ consentPush: true });
    const id = await queue(cu.id, "PUSH", { campaignId: c.id });
    await dispatchOutbox(new Date(), { smtpUrl });
    const row = await msg(id);
    expect(gatewayGot[0].json.to).toBe(cu.customerNo);
    const body = JSON.stringify({ providerId: row.providerId, status: "FAILED", error: "UNREACHABLE" });
    const res = await receiptsPost(
      new Request("http://localhost/api/messaging/receipts", {
        method: "POST",
        headers: { [SIGNATURE_HEADER]: signBody(gatewaySecret()!, body, new Date()) },
        body,
      }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(res.status).toBe(200);
    expect(await msg(id)).toMatchObject({ status: "FAILED", lastError: "gateway:UNREACHABLE" });
  });

  test("5xx: retried with doubling back-off, FAILED after maxAttempts with a short code", async () => {
    await setRules({ gatewayUrl, maxAttempts: 3, retryBaseSeconds: 60 });
    gatewayStatus = 503;
    const c = await runningCampaign();
    const cu = await emailCustomer();
    const id = await queue(cu.id, "SMS", { campaignId: c.id });
    const t0 = new Date();
    expect((await dispatchOutbox(t0, { smtpUrl })).retried).toBe(1);
    expect(await msg(id)).toMatchObject({ status: "QUEUED", attempts: 1, lastError: "gateway503", nextAttemptAt: new Date(t0.getTime() + 60_000) });
    // Not due yet: nothing happens.
    expect((await dispatchOutbox(new Date(t0.getTime() + 30_000), { smtpUrl })).retried).toBe(0);
    const t1 = new Date(t0.getTime() + 60_000);
    await dispatchOutbox(t1, { smtpUrl });
    expect(await msg(id)).toMatchObject({ status: "QUEUED", attempts: 2, nextAttemptAt: new Date(t1.getTime() + 120_000) });
    const t2 = new Date(t1.getTime() + 120_000);
    expect((await dispatchOutbox(t2, { smtpUrl })).failed).toBe(1);
    const row = await msg(id);
    expect(row).toMatchObject({ status: "FAILED", attempts: 3, lastError: "gateway503" });
    expect(row.lastError).not.toContain(cu.contactPhone!);
    expect(gatewayGot).toHaveLength(3);
    const health = await getOutboxHealth(await actorFor("admin1"));
    expect(health.failures.find((f) => f.id === String(id))).toMatchObject({ error: "gateway503", attempts: 3 });
    // A 4xx is not retried.
    gatewayStatus = 400;
    const id2 = await queue(cu.id, "SMS", { campaignId: c.id });
    await dispatchOutbox(new Date(t2.getTime() + 1000), { smtpUrl });
    expect(await msg(id2)).toMatchObject({ status: "FAILED", attempts: 1, lastError: "gateway400" });
  });
});

describe("the opt-out link", () => {
  test("shows what it opts out of; confirming turns the channel's consent off, suppresses queued messages, audited", async () => {
    const c = await runningCampaign();
    const cu = await emailCustomer({ preferredLang: "en" });
    await queue(cu.id, "EMAIL", { campaignId: c.id });
    await dispatchOutbox(new Date(), { smtpUrl, baseUrl: "https://crm.example.com" });
    const token = /\/o\/([0-9a-z]+\.[A-Za-z0-9_-]{22})/.exec(inbox[0].text!)![1];
    const later = await queue(cu.id, "EMAIL", { campaignId: c.id, at: new Date(Date.now() + 3_600_000) });
    const sms = await queue(cu.id, "SMS", { campaignId: c.id, at: new Date(Date.now() + 3_600_000) });

    const view = await getOptOut(token);
    expect(view).toEqual({ channel: "EMAIL", locale: "zh-CN", recipient: expect.stringMatching(/\*\*\*@example\.com$/), alreadyOff: false });
    const before = await db.auditLog.count({ where: { action: "customer.optedOut" } });
    expect(await confirmOptOut(null, { token })).toEqual({ channel: "EMAIL", suppressed: 1 });
    const after = await db.customer.findUniqueOrThrow({ where: { id: cu.id } });
    expect(after.consentEmail).toBe(false);
    expect(after.consentSms).toBe(true);
    expect(after.version).toBe(cu.version + 1);
    expect(await msg(later)).toMatchObject({ status: "SUPPRESSED", lastError: "optedOut" });
    expect((await msg(sms)).status).toBe("QUEUED");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "customer.optedOut", entityId: String(cu.id) } });
    expect(audit.actorId).toBeNull();
    expect(audit.data).toMatchObject({ channel: "EMAIL", via: "optOutLink" });
    expect(await db.auditLog.count({ where: { action: "customer.optedOut" } })).toBe(before + 1);
    // Twice is harmless: already off, no second audit row.
    expect((await getOptOut(token))!.alreadyOff).toBe(true);
    await confirmOptOut(null, { token });
    expect(await db.auditLog.count({ where: { action: "customer.optedOut" } })).toBe(before + 1);
  });

  test("forged, altered, moved or expired tokens lead nowhere and change nothing", async () => {
    const c = await runningCampaign();
    const cu = await emailCustomer();
    await queue(cu.id, "EMAIL", { campaignId: c.id });
    await dispatchOutbox(new Date(), { smtpUrl, baseUrl: "https://x" });
    const token = /\/o\/([0-9a-z]+\.[A-Za-z0-9_-]{22})/.exec(inbox[0].text!)![1];
    const [idPart, sig] = token.split(".");
    const otherId = (BigInt(parseInt(idPart, 36)) + 1n).toString(36);
    const flipped = sig.slice(0, -1) + (sig.endsWith("A") ? "B" : "A");
    for (const bad of [`${otherId}.${sig}`, `${idPart}.${flipped}`, "abc", `${idPart}.${"A".repeat(22)}`]) {
      expect(await getOptOut(bad)).toBeNull();
    }
    await expect(confirmOptOut(null, { token: `${idPart}.${flipped}` })).rejects.toBeInstanceOf(NotFoundError);
    expect(await getOptOut(token, new Date(Date.now() + (LINK_VALID_DAYS + 1) * 86_400_000))).toBeNull();
    expect((await db.customer.findUniqueOrThrow({ where: { id: cu.id } })).consentEmail).toBe(true);
  });
});

describe("the contact rules", () => {
  test("an admin saves them version-checked and audited; a stale version is a conflict", async () => {
    const admin = await actorFor("admin1");
    const current = await loadMarketingSettings();
    const { version, ...rules } = current;
    const next = { ...rules, quietHours: { start: "22:00", end: "07:30" }, caps: { ...rules.caps, overall: 9 } };
    const r = await updateMarketingSettings(admin, { ...next, version });
    expect(r.version).toBe(version + 1);
    const saved = await loadMarketingSettings();
    expect(saved).toMatchObject({ quietHours: { start: "22:00", end: "07:30" }, caps: { overall: 9 }, version: version + 1 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "marketingSettings.updated" }, orderBy: { id: "desc" } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.data).toMatchObject({ before: { caps: { overall: rules.caps.overall } }, after: { caps: { overall: 9 } } });
    await expect(updateMarketingSettings(admin, { ...next, version })).rejects.toBeInstanceOf(ConflictError);
    expect((await loadMarketingSettings()).version).toBe(version + 1);
  });

  test("who may not: managers, supervisors and agents are refused, nothing changes, no audit row", async () => {
    const before = await db.appSetting.findUnique({ where: { key: MARKETING_SETTINGS_KEY } });
    const audits = await db.auditLog.count();
    for (const u of ["manager1", "supervisor1", "agent1"]) {
      const actor = await actorFor(u);
      await expect(updateMarketingSettings(actor, { ...DEFAULT_MARKETING_SETTINGS, version: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(dispatchDueMessages(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getOutboxHealth(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.appSetting.findUnique({ where: { key: MARKETING_SETTINGS_KEY } })).toEqual(before);
    expect(await db.auditLog.count()).toBe(audits);
  });

  test("a bad gateway URL or time is refused", async () => {
    const admin = await actorFor("admin1");
    const { version, ...rules } = await loadMarketingSettings();
    await expect(updateMarketingSettings(admin, { ...rules, gatewayUrl: "javascript:alert(1)", version })).rejects.toThrow();
    await expect(updateMarketingSettings(admin, { ...rules, quietHours: { start: "25:00", end: "07:00" }, version })).rejects.toThrow();
    expect((await loadMarketingSettings()).version).toBe(version);
  });
});

describe("the demo's local SMTP server", () => {
  test("keeps the mails the dispatcher sends; the mailbox lists them masked and parsed", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "crm-mailbox-"));
    const local = await startLocalSmtp({ dir });
    try {
      const c = await runningCampaign();
      const cu = await emailCustomer({ name: "赵敏", preferredLang: "zh-CN" });
      await queue(cu.id, "EMAIL", { campaignId: c.id });
      expect((await dispatchOutbox(new Date(), { smtpUrl: local.url })).sent).toBe(1);
      const mails = await listMailbox(dir);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe("您的专属优惠");
      expect(mails[0].to).toBe(`${cu.email![0]}***@example.com`);
      expect(mails[0].body).toContain("尊敬的赵敏");
      expect(mails[0].receivedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await local.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

// The shared audience rules of issue 22 (lib/campaigns/audience.ts, lib/marketing/*): enrolment into
// a running campaign keeps out the churned, do-not-disturb and over-cap customers, gives each member
// only the channels it consents to, never enrols twice, and fills the call list and the outbox.
import { describe, test, expect } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enrolCustomers, type CampaignForAudience } from "@/lib/campaigns/audience";
import { DEFAULT_MARKETING_SETTINGS } from "@/lib/marketing/schemas";
import { recordTouches } from "@/lib/marketing/touches";
import { renderTemplate, unknownPlaceholders } from "@/lib/marketing/template";
import { createCampaign } from "@/tests/factories/campaigns";
import { createCustomer } from "@/tests/factories/customers";

async function enrol(c: CampaignForAudience, ids: number[], now = new Date()) {
  return db.$transaction((tx) => enrolCustomers(tx, c, Prisma.sql`SELECT unnest(${ids}::int[])`, DEFAULT_MARKETING_SETTINGS, now));
}

describe("enrolment into a running campaign", () => {
  test("consent per channel, do-not-disturb, churned and the frequency cap; never twice", async () => {
    const row = await createCampaign({ status: "RUNNING", channels: ["OUTBOUND_CALL", "SMS", "EMAIL"] });
    const campaign: CampaignForAudience = { ...row, offerMode: "NONE" };
    const both = (await createCustomer({ consentCall: true, consentSms: true, consentEmail: false })).customer;
    const smsOnly = (await createCustomer({ consentCall: false, consentSms: true })).customer;
    const emailToo = (await createCustomer({ consentCall: true, consentSms: false, consentEmail: true, email: "x@example.com" })).customer;
    const dnd = (await createCustomer({ doNotDisturb: true })).customer;
    const churned = (await createCustomer({ status: "CHURNED", churnedAt: new Date() })).customer;
    const nothing = (await createCustomer({ consentCall: false, consentSms: false, consentEmail: false })).customer;
    const capped = (await createCustomer({ consentCall: true, consentSms: true })).customer;
    await db.$transaction((tx) =>
      recordTouches(
        tx,
        Array.from({ length: DEFAULT_MARKETING_SETTINGS.caps.overall }, () => ({ customerId: capped.id, channel: "PUSH" as const })),
      ),
    );

    const ids = [both, smsOnly, emailToo, dnd, churned, nothing, capped].map((c) => c.id);
    const enrolled = await enrol(campaign, ids);
    expect(enrolled.sort()).toEqual([both.id, smsOnly.id, emailToo.id].sort());

    const members = await db.campaignMember.findMany({ where: { campaignId: row.id }, orderBy: { customerId: "asc" } });
    const channelsOf = (id: number) => members.find((m) => m.customerId === id)?.channels.sort();
    expect(channelsOf(both.id)).toEqual(["OUTBOUND_CALL", "SMS"]);
    expect(channelsOf(smsOnly.id)).toEqual(["SMS"]);
    expect(channelsOf(emailToo.id)).toEqual(["EMAIL", "OUTBOUND_CALL"]);
    expect(members.every((m) => !m.isControl && !m.fromLaunch)).toBe(true);

    const tasks = await db.callTask.findMany({ where: { campaignId: row.id } });
    expect(tasks.map((t) => t.customerId).sort()).toEqual([both.id, emailToo.id].sort());
    const queued = await db.outboundMessage.findMany({ where: { campaignId: row.id } });
    expect(queued.map((m) => `${m.customerId}:${m.channel}:${m.status}`).sort()).toEqual(
      [`${both.id}:SMS:QUEUED`, `${smsOnly.id}:SMS:QUEUED`, `${emailToo.id}:EMAIL:QUEUED`].sort(),
    );

    // A second enrolment of the same customers changes nothing.
    expect(await enrol(campaign, ids)).toEqual([]);
    expect(await db.callTask.count({ where: { campaignId: row.id } })).toBe(2);
  });

  test("the per-channel cap drops only that channel", async () => {
    const row = await createCampaign({ status: "RUNNING", channels: ["OUTBOUND_CALL", "SMS"] });
    const c = (await createCustomer({ consentCall: true, consentSms: true })).customer;
    const calls = DEFAULT_MARKETING_SETTINGS.caps.perChannel.OUTBOUND_CALL;
    await db.$transaction((tx) =>
      recordTouches(
        tx,
        Array.from({ length: calls }, () => ({ customerId: c.id, channel: "OUTBOUND_CALL" as const })),
      ),
    );
    await enrol({ ...row, offerMode: "NONE" }, [c.id]);
    const m = await db.campaignMember.findUniqueOrThrow({ where: { campaignId_customerId: { campaignId: row.id, customerId: c.id } } });
    expect(m.channels).toEqual(["SMS"]);
    // Touches older than the window no longer count.
    const later = new Date(Date.now() + (DEFAULT_MARKETING_SETTINGS.caps.windowDays + 1) * 86_400_000);
    const row2 = await createCampaign({ status: "RUNNING", channels: ["OUTBOUND_CALL"] });
    expect(await enrol({ ...row2, offerMode: "NONE" }, [c.id], later)).toEqual([c.id]);
  });
});

describe("templates", () => {
  test.each([
    ["您好，{name}", { name: "张伟" }, "您好，张伟"],
    ["{offer}{missing}", { offer: "10 GB" }, "10 GB{missing}"],
    ["{tier} {plan}", {}, " "],
  ])("%s", (template, values, out) => {
    expect(renderTemplate(template, values)).toBe(out);
  });
  test("unknown placeholders are reported", () => {
    expect(unknownPlaceholders("{name} {nmae} {optOutUrl} {x}")).toEqual(["nmae", "x"]);
  });
});

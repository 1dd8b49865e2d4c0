// Campaign rows for tests and the demo (issue 22). A campaign made here is a row in the state you
// ask for; the lifecycle (submit, approve, launch) is lib/campaigns, which the tests call themselves.
import type { Campaign, Prisma } from "@/lib/generated/prisma/client";
import { clientOr, given, uniqueNumber, type FactoryDb } from "@/tests/factories/db";
import { createSegment } from "@/tests/factories/segments";

export type CampaignOverrides = Partial<Prisma.CampaignUncheckedCreateInput>;

export async function createCampaign(overrides: CampaignOverrides = {}, db?: FactoryDb): Promise<Campaign> {
  const client = await clientOr(db);
  const segmentId = overrides.segmentId ?? (await createSegment({}, client)).id;
  const createdById = overrides.createdById ?? (await client.user.findFirstOrThrow({ where: { username: "manager1" } })).id;
  const now = Date.now();
  return client.campaign.create({
    data: {
      name: `挽留活动 ${uniqueNumber()}`,
      objective: "降低高价值客户流失",
      channels: ["OUTBOUND_CALL", "SMS"],
      startsAt: new Date(now - 3_600_000),
      endsAt: new Date(now + 30 * 86_400_000),
      budget: 10_000,
      channelCosts: { OUTBOUND_CALL: 3.5, SMS: 0.05, EMAIL: 0.01, PUSH: 0, WECHAT: 0.02 },
      scriptZh: "您好，{name}，我是客户经理。您是我们的{tier}客户，现为您提供{offer}。",
      scriptEn: "Hello {name}, this is your account manager. As a {tier} customer you can have {offer}.",
      messageZh: "尊敬的{name}，感谢您的支持，{offer}等您领取。退订：{optOutUrl}",
      messageEn: "Dear {name}, thank you for staying with us: {offer} is waiting for you. Opt out: {optOutUrl}",
      successKinds: ["OFFER_ACCEPTED", "PLAN_CHANGE"],
      ...given(overrides),
      segmentId,
      createdById,
    },
  });
}

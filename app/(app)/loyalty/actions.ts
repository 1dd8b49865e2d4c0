"use server";

import { action } from "@/lib/shared/action";
import { redeemReward } from "@/lib/loyalty/redeem-commands";
import { decideAdjustment, requestAdjustment } from "@/lib/loyalty/adjust-commands";
import { adjustInput, decideAdjustmentInput, redeemInput } from "@/lib/loyalty/schemas";

// Points on the customer 360 (redeem, adjust) and the managers' approvals (issue 23).
const customerPage = (i: { customerId: number }) => `/customers/${i.customerId}`;

export const redeemRewardAction = action(redeemInput, redeemReward, { revalidate: customerPage });
export const requestAdjustmentAction = action(adjustInput, requestAdjustment, { revalidate: (i) => [customerPage(i), "/loyalty/approvals"] });
export const decideAdjustmentAction = action(decideAdjustmentInput, decideAdjustment, { revalidate: "/loyalty/approvals" });

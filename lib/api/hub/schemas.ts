// Inputs of the /hub listeners and the admin delivery log (browser-safe: the log's filters and
// replay buttons share them).
import { z } from "zod";
import { HUB_EVENT_NAMES } from "@/lib/api/hub/event-types";

/** TMF Hub_FVO: the callback and the optional query ("eventType=TroubleTicketStatusChangeEvent"). */
export const hubInput = z.object({
  "@type": z.string().max(100).optional(),
  callback: z.string().trim().min(1).max(2000),
  query: z.string().trim().max(500).nullish(),
});
export type HubInput = z.infer<typeof hubInput>;

export const HUB_DELIVERY_STATUSES = ["PENDING", "DELIVERED", "DEAD"] as const;
export type HubDeliveryStatusName = (typeof HUB_DELIVERY_STATUSES)[number];

/** A delivery id as the page carries it (a bigint, as decimal text). */
const deliveryId = z.string().regex(/^[1-9]\d{0,17}$/);

export const deliveryLogFilters = z.object({
  status: z.enum(HUB_DELIVERY_STATUSES).optional().catch(undefined),
  clientId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  eventType: z.enum(HUB_EVENT_NAMES as [string, ...string[]]).optional().catch(undefined),
  /** Keyset: the rows older than this delivery id. */
  before: deliveryId.optional().catch(undefined),
});
export type DeliveryLogFilters = z.infer<typeof deliveryLogFilters>;

export const replayDeliveryInput = z.object({ deliveryId });
export type ReplayDeliveryInput = z.infer<typeof replayDeliveryInput>;

export const replayDeadInput = z.object({ subscriptionId: z.coerce.number().int().positive().max(2_147_483_647) });
export type ReplayDeadInput = z.infer<typeof replayDeadInput>;

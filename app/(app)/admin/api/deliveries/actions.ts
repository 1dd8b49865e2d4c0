"use server";

import { action } from "@/lib/shared/action";
import { replayDeadInput, replayDeliveryInput } from "@/lib/api/hub/schemas";
import { replayDeadDeliveries, replayHubDelivery } from "@/lib/api/hub/replay-commands";

// The delivery log's Replay buttons (issue 25, permission api:manage in lib).
const revalidate = "/admin/api/deliveries";

export const replayHubDeliveryAction = action(replayDeliveryInput, (actor, input) => replayHubDelivery(actor, input), { revalidate });
export const replayDeadDeliveriesAction = action(replayDeadInput, (actor, input) => replayDeadDeliveries(actor, input), { revalidate });

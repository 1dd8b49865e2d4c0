"use client";

import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { replayDeadDeliveriesAction, replayHubDeliveryAction } from "@/app/(app)/admin/api/deliveries/actions";

// The delivery log's row buttons. Their words come translated from the page (server side), so the
// admin area ships no extra catalogue.

export interface ReplayLabels {
  replay: string;
  /** The button's accessible name, "{id}" the delivery's. */
  replayName: string;
  replayed: string;
  replayDead: string;
  /** "{id}" the listener's. */
  replayDeadName: string;
  /** "{count}" replayed. */
  replayedDead: string;
}

export function ReplayDeliveryButton({ deliveryId, labels }: { deliveryId: string; labels: ReplayLabels }) {
  const { run, pending, error } = useAction(replayHubDeliveryAction, { success: labels.replayed });
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button size="sm" variant="secondary" pending={pending} aria-label={labels.replayName.replace("{id}", deliveryId)} onClick={() => run({ deliveryId })}>
        {labels.replay}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      )}
    </span>
  );
}

export function ReplayDeadButton({ subscriptionId, labels }: { subscriptionId: number; labels: ReplayLabels }) {
  const { run, pending, error } = useAction(replayDeadDeliveriesAction, { success: (r) => labels.replayedDead.replace("{count}", String(r.replayed)) });
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button size="sm" variant="ghost" pending={pending} aria-label={labels.replayDeadName.replace("{id}", String(subscriptionId))} onClick={() => run({ subscriptionId })}>
        {labels.replayDead}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      )}
    </span>
  );
}

import { Badge, type BadgeTone } from "@/components/ui/card";

const TONE: Record<string, BadgeTone> = {
  DRAFT: "neutral",
  SUBMITTED: "warn",
  APPROVED: "brand",
  SCHEDULED: "brand",
  RUNNING: "ok",
  PAUSED: "paused",
  COMPLETED: "neutral",
  CANCELLED: "bad",
};

/** A campaign's state as a status label (the label comes translated from the page). */
export function CampaignStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span data-testid="campaign-status" data-status={status}>
      <Badge tone={TONE[status] ?? "neutral"}>{label}</Badge>
    </span>
  );
}

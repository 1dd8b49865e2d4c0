import { Badge, type BadgeTone } from "@/components/ui/card";
import type { AutomationStatusName } from "@/lib/automation/schemas";

const TONE: Record<AutomationStatusName, BadgeTone> = { DRAFT: "neutral", ACTIVE: "ok", PAUSED: "paused", ARCHIVED: "neutral" };

/** A rule's status as a small badge (status colours for status only). */
export function RuleStatusBadge({ status, label }: { status: AutomationStatusName; label: string }) {
  return <Badge tone={TONE[status]}>{label}</Badge>;
}

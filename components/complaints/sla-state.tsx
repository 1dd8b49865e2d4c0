import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/card";

// Status colours, used only for SLA status (conventions: green on track, amber at risk, red breached, grey paused).
export const SLA_TONE: Record<string, BadgeTone> = {
  ON_TRACK: "ok",
  AT_RISK: "warn",
  BREACHED: "bad",
  PAUSED: "paused",
  MET: "ok",
  MET_LATE: "bad",
  NONE: "neutral",
};

/** A complaint's SLA state as a badge (lists; the detail page's clocks use SlaBadge, which counts down). */
export function SlaState({ state }: { state: string }) {
  const t = useTranslations("complaints.sla");
  return <Badge tone={SLA_TONE[state] ?? "neutral"}>{t(state)}</Badge>;
}

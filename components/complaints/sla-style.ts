// Status colours, used only for SLA status (conventions: green on track, amber at risk, red breached, grey paused).
export const SLA_CLASS: Record<string, string> = {
  ON_TRACK: "bg-green-50 text-ok",
  AT_RISK: "bg-amber-50 text-warn",
  BREACHED: "bg-red-50 text-bad",
  PAUSED: "bg-slate-100 text-paused",
  MET: "bg-green-50 text-ok",
  MET_LATE: "bg-red-50 text-bad",
  NONE: "text-slate-400",
};

import { getFormatter, getTranslations } from "next-intl/server";
import type { CareCompletionRow } from "@/lib/care/queries";
import { Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";

/**
 * Care task completion per agent (issue 23), on the team page: tasks due in the last 7 and 30 days
 * (before today), done on time, done late, still open (overdue), and the on-time share.
 */
export async function CareCompletion({ week, month }: { week: CareCompletionRow[]; month: CareCompletionRow[] }) {
  const [t, format] = await Promise.all([getTranslations("care.team"), getFormatter()]);
  const byAgent = new Map(month.map((m) => [m.agentId, m]));
  const rate = (r: CareCompletionRow | undefined) => (r && r.due ? format.number(r.onTime / r.due, { style: "percent" }) : "—");
  return (
    <Section title={t("completion")} description={t("completionHint")} flush>
      <DataTable
        label={t("completion")}
        columns={[
          { id: "agent", header: t("agent"), nowrap: true },
          { id: "due7", header: `${t("dueCount")} · ${t("window7")}`, format: "integer" },
          { id: "onTime7", header: t("onTime"), format: "integer" },
          { id: "late7", header: t("late"), format: "integer" },
          { id: "open7", header: t("openOverdue"), format: "integer" },
          { id: "rate7", header: t("rate"), align: "right" },
          { id: "due30", header: `${t("dueCount")} · ${t("window30")}`, format: "integer" },
          { id: "onTime30", header: t("onTime"), format: "integer" },
          { id: "late30", header: t("late"), format: "integer" },
          { id: "open30", header: t("openOverdue"), format: "integer" },
          { id: "rate30", header: t("rate"), align: "right" },
        ]}
        rows={week.map((w) => {
          const m = byAgent.get(w.agentId);
          return {
            id: w.agentId,
            agent: w.name,
            due7: w.due,
            onTime7: w.onTime,
            late7: w.late,
            open7: w.openOverdue,
            rate7: <span className="tabular-nums">{rate(w)}</span>,
            due30: m?.due ?? 0,
            onTime30: m?.onTime ?? 0,
            late30: m?.late ?? 0,
            open30: m?.openOverdue ?? 0,
            rate30: <span className="tabular-nums">{rate(m)}</span>,
          };
        })}
        empty={t("noOpen")}
      />
    </Section>
  );
}

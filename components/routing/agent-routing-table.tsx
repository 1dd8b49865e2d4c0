"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/card";
import { FormTable, type FormTableColumn } from "@/components/ui/form-table";
import { saveAgentProfileAction } from "@/app/(app)/admin/routing/actions";
import { MAX_CAPACITY, SKILL_FIELD_PREFIX } from "@/lib/routing/schemas";
import type { RoutingAgent } from "@/lib/routing/queries";

/** One team's agents: a row form each (a checkbox per skill, capacity, availability) saved on its own. */
export function AgentRoutingTable({ label, agents, skillOptions }: { label: string; agents: RoutingAgent[]; skillOptions: string[] }) {
  const t = useTranslations("routing");
  const state = (a: RoutingAgent) =>
    !a.isActive ? (
      <Badge tone="paused">{t("agents.inactive")}</Badge>
    ) : !a.isAvailable ? (
      <Badge tone="paused">{t("agents.unavailable")}</Badge>
    ) : a.isOnShift ? (
      <Badge tone="ok">{t("agents.onShift")}</Badge>
    ) : (
      <Badge tone="neutral">{t("agents.offShift")}</Badge>
    );
  const columns: FormTableColumn[] = [
    { id: "agent", header: t("agents.agent"), nowrap: true },
    { id: "state", header: t("agents.state"), nowrap: true },
    { id: "load", header: t("agents.load"), align: "right", nowrap: true },
    ...skillOptions.map(
      (s): FormTableColumn => ({
        id: `${SKILL_FIELD_PREFIX}${s}`,
        header: s,
        controlLabel: t("agents.skill", { skill: s }),
        control: { type: "checkbox" },
      }),
    ),
    { id: "capacity", header: t("agents.capacity"), control: { type: "number", min: 0, max: MAX_CAPACITY } },
    { id: "isAvailable", header: t("agents.available"), control: { type: "checkbox" } },
  ];
  return (
    <FormTable
      label={label}
      action={saveAgentProfileAction}
      success={t("saved")}
      saveLabel={t("save")}
      empty={t("agents.empty")}
      columns={columns}
      rows={agents.map((a) => ({
        id: a.userId,
        label: a.displayName,
        keys: { userId: a.userId, version: a.version },
        values: {
          agent: a.displayName,
          state: state(a),
          load: <span className="tabular-nums">{t("agents.loadValue", { load: a.load, capacity: a.capacity })}</span>,
          ...Object.fromEntries(skillOptions.map((s) => [`${SKILL_FIELD_PREFIX}${s}`, a.skills.includes(s)])),
          capacity: a.capacity,
          isAvailable: a.isAvailable,
        },
      }))}
    />
  );
}

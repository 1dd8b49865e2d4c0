"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { Checkbox } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";
import { saveAgentProfileAction } from "@/app/(app)/admin/routing/actions";
import { MAX_CAPACITY, SKILL_FIELD_PREFIX } from "@/lib/routing/schemas";
import type { RoutingAgent } from "@/lib/routing/queries";

/**
 * One team's agents, a small form per row: the skills as labelled checkboxes that wrap inside one
 * cell (a column per skill ran off a 1280 px screen), capacity, availability and the row's Save.
 * The controls belong to the row's form through their `form` attribute, as in the kit's FormTable.
 */
export function AgentRoutingTable({ label, agents, skillOptions }: { label: string; agents: RoutingAgent[]; skillOptions: string[] }) {
  const t = useTranslations("routing");
  const prefix = useId();
  const [active, setActive] = useState<number | null>(null);
  const { run, pending, error, fieldError } = useAction(saveAgentProfileAction, { success: t("saved") });
  const activeAgent = agents.find((a) => a.userId === active);
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
  const rows: DataRow[] = agents.map((a) => {
    const form = `${prefix}-${a.userId}`;
    const err = (name: string) => (a.userId === active ? fieldError(name) : undefined);
    const errorText = (name: string) => {
      const m = err(name);
      return m ? <p className="mt-0.5 text-left text-xs text-bad">{m}</p> : null;
    };
    return {
      id: a.userId,
      agent: <span className="whitespace-nowrap font-medium">{a.displayName}</span>,
      state: state(a),
      load: <span className="tabular-nums">{t("agents.loadValue", { load: a.load, capacity: a.capacity })}</span>,
      skills: (
        <span className="flex flex-wrap gap-x-3 gap-y-1">
          {skillOptions.map((s) => (
            <label key={s} className="inline-flex items-center gap-1 whitespace-nowrap text-sm text-slate-700">
              <Checkbox form={form} name={`${SKILL_FIELD_PREFIX}${s}`} defaultChecked={a.skills.includes(s)} aria-label={`${a.displayName} ${t("agents.skill", { skill: s })}`} />
              <span className="font-mono text-xs">{s}</span>
            </label>
          ))}
          {errorText("skills")}
        </span>
      ),
      capacity: (
        <span>
          <TextInput
            form={form}
            name="capacity"
            type="number"
            min={0}
            max={MAX_CAPACITY}
            defaultValue={String(a.capacity)}
            className="w-20 text-right tabular-nums"
            aria-label={`${a.displayName} ${t("agents.capacity")}`}
            aria-invalid={err("capacity") ? true : undefined}
          />
          {errorText("capacity")}
        </span>
      ),
      isAvailable: <Checkbox form={form} name="isAvailable" defaultChecked={a.isAvailable} aria-label={`${a.displayName} ${t("agents.available")}`} />,
      save: (
        <form
          id={form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setActive(a.userId);
            void run(new FormData(e.currentTarget));
          }}
        >
          <input type="hidden" name="userId" value={a.userId} />
          <input type="hidden" name="version" value={a.version} />
          <Button type="submit" size="sm" pending={pending && a.userId === active} aria-label={`${t("save")} ${a.displayName}`}>
            {t("save")}
          </Button>
        </form>
      ),
    };
  });
  return (
    <div>
      {error && activeAgent && (
        <Alert tone="error" className="m-2">
          {activeAgent.displayName}: {error}
        </Alert>
      )}
      <DataTable
        label={label}
        dense
        empty={t("agents.empty")}
        columns={[
          { id: "agent", header: t("agents.agent") },
          { id: "state", header: t("agents.state") },
          { id: "load", header: t("agents.load"), align: "right", nowrap: true },
          { id: "skills", header: t("agents.skills") },
          { id: "capacity", header: t("agents.capacity"), align: "right" },
          { id: "isAvailable", header: t("agents.available") },
          { id: "save", header: <span className="sr-only">{t("save")}</span>, align: "right" },
        ]}
        rows={rows}
      />
    </div>
  );
}

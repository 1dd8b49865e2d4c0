"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { activateRuleAction, archiveRuleAction, pauseRuleAction, runRuleNowAction, simulateRuleAction } from "@/app/(app)/automation/actions";
import {
  activateCareRuleAction,
  archiveCareRuleAction,
  pauseCareRuleAction,
  runCareRuleNowAction,
  simulateCareRuleAction,
} from "@/app/(app)/admin/care/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import type { AutomationPurposeName, AutomationStatusName } from "@/lib/automation/schemas";

/** The actions of each purpose's rules: managers' marketing rules, admins' care rules (issue 23). */
const ACTIONS = {
  MARKETING: { simulate: simulateRuleAction, activate: activateRuleAction, pause: pauseRuleAction, archive: archiveRuleAction, runNow: runRuleNowAction, base: "/automation" },
  CARE: {
    simulate: simulateCareRuleAction,
    activate: activateCareRuleAction,
    pause: pauseCareRuleAction,
    archive: archiveCareRuleAction,
    runNow: runCareRuleNowAction,
    base: "/admin/care/rules",
  },
} as const;

/**
 * What a manager does with a rule: simulate it (the last 30 days), switch it on once the simulation
 * is of its current version, run it now, pause it, edit it (draft or paused), archive it.
 */
export function RuleControls({
  id,
  version,
  status,
  simulationCurrent,
  purpose = "MARKETING",
}: {
  id: number;
  version: number;
  status: AutomationStatusName;
  simulationCurrent: boolean;
  purpose?: AutomationPurposeName;
}) {
  const a = ACTIONS[purpose];
  const t = useTranslations("automation.detail");
  const format = useFormatter();
  const ref = { id, version };
  const simulate = useAction(a.simulate, { success: (d) => t("simulated", { customers: format.number(d.customers), ms: format.number(d.ms) }) });
  const activate = useAction(a.activate, { success: t("activated") });
  const pause = useAction(a.pause, { success: t("paused") });
  const archive = useAction(a.archive, { success: t("archived") });
  const runNow = useAction(a.runNow, { success: (d) => t("ran", { acted: format.number(d.acted), skipped: format.number(d.skipped) }) });
  const [confirmArchive, setConfirmArchive] = useState(false);
  const error = simulate.error ?? activate.error ?? pause.error ?? archive.error ?? runNow.error;
  const editable = status === "DRAFT" || status === "PAUSED";
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        {status !== "ARCHIVED" && (
          <Button variant={simulationCurrent || status === "ACTIVE" ? "secondary" : "primary"} pending={simulate.pending} onClick={() => simulate.run(ref)}>
            {simulate.pending ? t("simulating") : t("simulate")}
          </Button>
        )}
        {editable && (
          <Button
            variant={simulationCurrent ? "primary" : "secondary"}
            pending={activate.pending}
            disabled={!simulationCurrent}
            aria-describedby={simulationCurrent ? undefined : `activate-hint-${id}`}
            onClick={() => activate.run(ref)}
          >
            {t("activate")}
          </Button>
        )}
        {status === "ACTIVE" && (
          <>
            <Button variant="primary" pending={runNow.pending} onClick={() => runNow.run(ref)}>
              {runNow.pending ? t("running") : t("runNow")}
            </Button>
            <Button pending={pause.pending} onClick={() => pause.run(ref)}>
              {t("pause")}
            </Button>
          </>
        )}
        {editable && <ButtonLink href={`${a.base}/${id}/edit`}>{t("edit")}</ButtonLink>}
        {status !== "ARCHIVED" && (
          <ConfirmDialog
            open={confirmArchive}
            onOpenChange={setConfirmArchive}
            trigger={<Button variant="ghost">{t("archive")}</Button>}
            title={t("archiveTitle")}
            description={t("archiveText")}
            confirmLabel={t("archive")}
            pending={archive.pending}
            onConfirm={() => archive.run(ref).then((r) => r.ok && setConfirmArchive(false))}
          />
        )}
      </div>
      {editable && !simulationCurrent && (
        <p id={`activate-hint-${id}`} className="text-xs text-slate-600">
          {t("simulateFirst")}
        </p>
      )}
      {simulate.pending && (
        <p role="status" className="text-xs text-slate-600">
          {t("simulatingHint")}
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
    </div>
  );
}

"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { getLaunchProgressAction, launchCampaignAction } from "@/app/(app)/campaigns/actions";
import type { LaunchView } from "@/lib/campaigns/launch";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";

type Launch = Pick<LaunchView, "status" | "progress" | "step" | "error" | "stats" | "finishedAt">;

/**
 * The launch of a scheduled campaign: "Launch now" once its start has come (the scheduler launches it
 * by itself otherwise), then the progress of the background launch until it ends (polls its row).
 */
export function LaunchProgress({
  id,
  version,
  initial,
  canLaunch,
  startsAt,
}: {
  id: number;
  version: number;
  initial: Launch | null;
  canLaunch: boolean;
  startsAt: Date | null;
}) {
  const t = useTranslations("campaigns.launch");
  const format = useFormatter();
  const router = useRouter();
  const [launch, setLaunch] = useState<Launch | null>(initial);
  const start = useAction(launchCampaignAction, { refresh: false, onSuccess: setLaunch });
  const active = launch != null && (launch.status === "QUEUED" || launch.status === "RUNNING");

  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(async () => {
      const r = await getLaunchProgressAction(id);
      if (r.ok && r.data) {
        setLaunch(r.data);
        if (r.data.status === "SUCCEEDED" || r.data.status === "FAILED") router.refresh();
      }
    }, 500);
    return () => clearTimeout(timer);
  }, [active, launch, id, router]);

  return (
    <div className="space-y-2" data-testid="campaign-launch" data-status={launch?.status ?? "NONE"}>
      {active && launch ? (
        <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
          <div
            role="progressbar"
            aria-label={t("progress")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={launch.progress}
            className="h-2 w-48 overflow-hidden rounded bg-slate-200"
          >
            <div className="h-full bg-brand-600" style={{ width: `${launch.progress}%` }} />
          </div>
          <span className="tabular-nums">{launch.progress}%</span>
          <span className="text-slate-600">
            {t(`step.${launch.step && ["starting", "segment", "audience", "callList", "finishing"].includes(launch.step) ? launch.step : "starting"}`)}
          </span>
        </div>
      ) : (
        <p className="text-sm" aria-live="polite">
          {launch?.status === "FAILED" ? (
            <span className="text-bad">{t("failed")}</span>
          ) : launch?.status === "SUCCEEDED" ? (
            <span className="text-ok">{launch.stats?.ms ? t("succeeded", { s: (launch.stats.ms / 1000).toFixed(1) }) : t("launched")}</span>
          ) : startsAt ? (
            <span className="text-slate-600">
              {t("waiting", { at: format.dateTime(new Date(startsAt), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }) })}
            </span>
          ) : null}
        </p>
      )}
      {canLaunch && !active && launch?.status !== "SUCCEEDED" && (
        <Button variant="primary" pending={start.pending} onClick={() => void start.run({ id, version })}>
          {launch?.status === "FAILED" ? t("retry") : t("launchNow")}
        </Button>
      )}
      {start.error && <Alert tone="error">{start.error}</Alert>}
    </div>
  );
}

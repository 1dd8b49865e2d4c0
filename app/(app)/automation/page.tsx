import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listRules } from "@/lib/automation/rule-queries";
import type { RuleListRow } from "@/lib/automation/rule-queries";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { FilterChips } from "@/components/ui/filter-chips";
import { RuleStatusBadge } from "@/components/automation/status-badge";
import { page } from "@/lib/shared/page";

const params = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  archived: z.enum(["1"]).optional().catch(undefined),
});

/** The automation rules: status, trigger, action, last run and how often each fired. */
export default page(async function AutomationPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { before, archived } = params.parse(await searchParams);
  const [t, te, list] = await Promise.all([
    getTranslations("automation"),
    getTranslations("enums"),
    listRules(actor, { beforeId: before, archived: archived === "1" }),
  ]);
  const manage = can(actor, "automation:manage");
  const base = archived ? "/automation?archived=1" : "/automation";
  const trigger = (r: RuleListRow) =>
    r.triggerParam ? t("list.triggerWithParam", { trigger: te(`automationTrigger.${r.trigger}`), n: r.triggerParam }) : te(`automationTrigger.${r.trigger}`);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("list.title")}
        description={manage ? t("list.description") : t("list.readOnly")}
        actions={
          manage && (
            <ButtonLink href="/automation/new" variant="primary">
              {t("list.new")}
            </ButtonLink>
          )
        }
      />
      <FilterChips
        label={t("list.show")}
        chips={[
          { label: t("list.current"), href: "/automation", selected: !archived },
          { label: t("list.archived"), href: "/automation?archived=1", selected: !!archived },
        ]}
      />
      <Card>
        <DataTable
          label={t("list.title")}
          columns={[
            { id: "name", header: t("list.name") },
            { id: "status", header: t("list.status") },
            { id: "trigger", header: t("list.trigger") },
            { id: "action", header: t("list.action"), format: { enum: "automationAction" } },
            { id: "lastRunAt", header: t("list.lastRun"), format: "datetime", nowrap: true },
            { id: "firedCount", header: t("list.fired"), format: "integer" },
          ]}
          rows={list.rows.map((r) => ({
            id: r.id,
            name: (
              <Link href={`/automation/${r.id}`} className="font-medium text-brand-700 hover:underline">
                {r.name}
              </Link>
            ),
            status: <RuleStatusBadge status={r.status} label={te(`automationStatus.${r.status}`)} />,
            trigger: <span>{trigger(r)}</span>,
            action: r.action,
            lastRunAt: r.lastRunAt,
            firedCount: r.firedCount,
          }))}
          empty={
            archived ? (
              t("list.noArchived")
            ) : (
              <EmptyState
                action={
                  manage ? (
                    <ButtonLink href="/automation/new" variant="primary" size="sm">
                      {t("list.firstRule")}
                    </ButtonLink>
                  ) : undefined
                }
              >
                {manage ? t("list.emptyManage") : t("list.empty")}
              </EmptyState>
            )
          }
          pager={{ next: list.nextBeforeId ? `${base}${archived ? "&" : "?"}before=${list.nextBeforeId}` : undefined, first: before ? base : undefined }}
        />
      </Card>
    </div>
  );
});

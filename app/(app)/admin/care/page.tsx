import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { listRules, type RuleListRow } from "@/lib/automation/rule-queries";
import { listFestivals } from "@/lib/care/festival-commands";
import { operatorDay } from "@/lib/automation/dates";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { RuleStatusBadge } from "@/components/automation/status-badge";
import { FestivalAdmin } from "@/components/care/festival-admin";
import { page } from "@/lib/shared/page";

const params = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

/**
 * Care (issue 23), for admins (care:configure): the care rules on the automation engine (birthday
 * and festival greetings, contract expiry, payment due, arrears, after-sales, special-care visits)
 * and the festival calendar they greet on.
 */
export default page(async function CareAdminPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  assertCan(actor, "care:configure");
  const { before } = params.parse(await searchParams);
  const today = operatorDay(new Date());
  const [t, ta, te, locale, rules, festivals] = await Promise.all([
    getTranslations("care.admin"),
    getTranslations("automation"),
    getTranslations("enums"),
    getLocale(),
    listRules(actor, { purpose: "CARE", beforeId: before }),
    listFestivals(actor, { from: today, limit: 24 }),
  ]);
  const trigger = (r: RuleListRow) =>
    r.triggerParam ? ta("list.triggerWithParam", { trigger: te(`automationTrigger.${r.trigger}`), n: r.triggerParam }) : te(`automationTrigger.${r.trigger}`);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("hint")}
        actions={
          <ButtonLink href="/admin/care/rules/new" variant="primary">
            {t("newRule")}
          </ButtonLink>
        }
      />
      <Section title={t("rules")} description={t("rulesHint")} flush>
        <DataTable
          label={t("rules")}
          columns={[
            { id: "name", header: ta("list.name") },
            { id: "status", header: ta("list.status") },
            { id: "trigger", header: ta("list.trigger") },
            { id: "action", header: ta("list.action"), format: { enum: "automationAction" } },
            { id: "lastRunAt", header: ta("list.lastRun"), format: "datetime", nowrap: true },
            { id: "firedCount", header: ta("list.fired"), format: "integer" },
          ]}
          rows={rules.rows.map((r) => ({
            id: r.id,
            name: (
              <Link href={`/admin/care/rules/${r.id}`} className="font-medium text-brand-700 hover:underline">
                {r.name}
              </Link>
            ),
            status: <RuleStatusBadge status={r.status} label={te(`automationStatus.${r.status}`)} />,
            trigger: <span>{trigger(r)}</span>,
            action: r.action,
            lastRunAt: r.lastRunAt,
            firedCount: r.firedCount,
          }))}
          empty={<EmptyState>{t("noRules")}</EmptyState>}
          pager={{ next: rules.nextBeforeId ? `/admin/care?before=${rules.nextBeforeId}` : undefined, first: before ? "/admin/care" : undefined }}
        />
      </Section>
      <Card className="p-4">
        <FestivalAdmin festivals={festivals} locale={locale} year={Number(today.slice(0, 4))} />
      </Card>
    </div>
  );
});

import { forbidden } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { countComplaintQueues, listComplaintQueue, QUEUE_COUNT_CAP } from "@/lib/complaints/queries";
import { getTeamMember } from "@/lib/teams/queries";
import { listActiveCategories } from "@/lib/complaints/categories";
import { defaultQueue, QUEUES, queueInput } from "@/lib/complaints/schemas";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field, Select } from "@/components/ui/field";
import { LinkTabs } from "@/components/ui/tabs";
import { AutoRefresh, SlaBadge } from "@/components/complaints/sla-badge";
import { ComplaintLink } from "@/components/complaints/complaint-link";
import { page } from "@/lib/shared/page";

export default page(async function ComplaintQueuesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "complaint:read")) forbidden();
  const [t, locale, sp] = await Promise.all([getTranslations("complaints"), getLocale(), searchParams]);
  // No queue in the address: the role's own landing queue (a supervisor's is the team's).
  const input = queueInput.parse({ queue: sp.queue ?? defaultQueue(actor.role), cursor: sp.cursor, categoryId: sp.categoryId || undefined, agentId: sp.agent || undefined, limit: 25 });
  // One team member's queue (a click on the team page): not found outside the actor's teams.
  const agent = input.agentId && input.agentId !== actor.id ? await getTeamMember(actor, input.agentId) : null;
  const [{ rows, nextCursor }, categories, counts] = await Promise.all([listComplaintQueue(actor, input), listActiveCategories(actor), countComplaintQueues(actor)]);
  const href = (q: Record<string, string | number | undefined>) => {
    const all: Record<string, string | number | undefined> = { queue: input.queue, categoryId: input.categoryId, agent: agent?.id, ...q };
    return "/complaints?" + new URLSearchParams(Object.entries(all).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
  };
  const count = (n: number) => (n > QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP}+` : n);
  const tableLabel = agent ? t("agentQueue", { name: agent.displayName }) : t(`queue.${input.queue}`);
  const name = (c: { nameZh: string; nameEn: string }) => (locale === "en" ? c.nameEn : c.nameZh);
  return (
    <div className="space-y-3">
      <AutoRefresh seconds={60} />
      <PageHeader
        title={t("queues")}
        actions={
          can(actor, "complaint:assign") && (
            <>
              <ButtonLink href="/complaints/incidents">{t("links.incidents")}</ButtonLink>
              <ButtonLink href="/complaints/appeals">{t("links.appeals")}</ButtonLink>
            </>
          )
        }
      />
      <LinkTabs
        label={t("queues")}
        tabs={QUEUES.map((q) => ({ href: href({ queue: q, cursor: undefined, agent: undefined }), label: t(`queue.${q}`), count: count(counts[q]), current: !agent && q === input.queue }))}
      />
      {agent && (
        <Alert tone="info" className="flex flex-wrap items-center gap-3">
          <span>{t("agentQueueIntro", { name: agent.displayName })}</span>
          <ButtonLink href="/team" variant="link">
            {t("backToTeam")}
          </ButtonLink>
        </Alert>
      )}
      <form className="flex flex-wrap items-end gap-2" action="/complaints">
        <input type="hidden" name="queue" value={input.queue} />
        {agent && <input type="hidden" name="agent" value={agent.id} />}
        <Field id="queue-category" label={t("filterCategory")} className="w-64">
          <Select name="categoryId" defaultValue={input.categoryId ?? ""} placeholder={t("allCategories")} options={categories.map((c) => ({ value: c.id, label: name(c) }))} />
        </Field>
        <Button type="submit">{t("apply")}</Button>
      </form>
      <Card>
        <DataTable
          label={tableLabel}
          empty={agent ? t("agentQueueEmpty", { name: agent.displayName }) : t(`queueEmptyBy.${input.queue}`)}
          pager={{ next: nextCursor ? href({ cursor: nextCursor }) : undefined, first: input.cursor ? href({ cursor: undefined }) : undefined }}
          columns={[
            { id: "no", header: t("col.no"), nowrap: true },
            { id: "customer", header: t("col.customer") },
            { id: "category", header: t("col.category") },
            { id: "grade", header: t("col.grade"), nowrap: true },
            { id: "status", header: t("col.status"), nowrap: true },
            { id: "sla", header: t("col.sla"), nowrap: true },
            { id: "owner", header: t("col.owner") },
            { id: "assignee", header: t("col.assignee") },
          ]}
          rows={rows.map((r) => ({
            id: r.id,
            no: <ComplaintLink id={r.id} no={r.complaintNo} />,
            customer: r.customerName,
            category: locale === "en" ? r.categoryEn : r.categoryZh,
            grade: t(`grade.${r.grade}`),
            status: t(`status.${r.status}`),
            sla: <SlaBadge status={r.slaState} remainingMinutes={r.remainingMinutes} ticks={false} />,
            owner: r.ownerName,
            assignee: r.assigneeName,
          }))}
        />
      </Card>
    </div>
  );
});

import { forbidden } from "next/navigation";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listOutboundMessages } from "@/lib/surveys/queries";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { page } from "@/lib/shared/page";

const params = z.object({ cursor: z.string().regex(/^\d+$/).optional().catch(undefined) });

/** What would have been sent (no SMS/email/push gateway here): newest first. */
export default page(async function MessageLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "survey:read")) forbidden();
  const { cursor } = params.parse(await searchParams);
  const [t, page] = await Promise.all([getTranslations("surveys.messages"), listOutboundMessages(actor, { cursor })]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <ButtonLink href="/surveys" variant="link" className="text-sm">
            {t("back")}
          </ButtonLink>
        }
      />
      <Card>
        <DataTable
          label={t("title")}
          columns={[
            { id: "at", header: t("at"), format: "datetime", nowrap: true },
            { id: "channel", header: t("channel") },
            { id: "recipient", header: t("recipient") },
            { id: "purpose", header: t("purpose") },
            { id: "body", header: t("body"), className: "break-all" },
            { id: "answered", header: t("answered") },
          ]}
          rows={page.rows.map((m) => ({
            id: m.id,
            at: m.createdAt,
            channel: t(`channels.${m.channel}`),
            recipient: (
              <Link href={`/customers/${m.customerId}`} className="text-brand-700 hover:underline">
                {m.recipient}
              </Link>
            ),
            purpose: t(`purposes.${m.purpose === "survey.csat" ? "csat" : "campaign"}`),
            body: <span>{m.body}</span>,
            answered: m.answered,
          }))}
          empty={t("empty")}
          pager={{ next: page.nextCursor ? `/surveys/messages?cursor=${page.nextCursor}` : undefined, first: cursor ? "/surveys/messages" : undefined }}
        />
      </Card>
    </div>
  );
});

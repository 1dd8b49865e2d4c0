import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { listCareOffers, listMyCareTasks } from "@/lib/care/queries";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { CareWorklist } from "@/components/care/care-worklist";
import { page } from "@/lib/shared/page";

const params = z.object({ after: z.string().max(40).optional().catch(undefined) });

/**
 * The agent's care tasks (issue 23): today's and overdue open tasks, oldest due first, with the
 * customer's number masked; J/K move, 1–4 choose the outcome, Ctrl+Enter records it on the timeline.
 */
export default page(async function CarePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { after } = params.parse(await searchParams);
  const [t, list, offers] = await Promise.all([getTranslations("care"), listMyCareTasks(actor, { after }), listCareOffers(actor)]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("list.title")}
        description={t("list.hint")}
        actions={
          can(actor, "care:assign") && (
            <ButtonLink href="/care/team" variant="secondary">
              {t("list.teamView")}
            </ButtonLink>
          )
        }
      />
      <CareWorklist rows={list.rows} offers={offers} today={list.today} next={list.next ? `/care?after=${list.next}` : null} first={after ? "/care" : null} />
    </div>
  );
});

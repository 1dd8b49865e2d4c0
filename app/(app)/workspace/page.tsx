import { getTranslations, getFormatter } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { listPinnedCustomers, listRecentCustomers } from "@/lib/customers/queries";
import { getMyActivity } from "@/lib/interactions/queries";
import { PageHeader, Section } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { CustomerTypeahead } from "@/components/customers/header-search";
import { CustomerLinkTable } from "@/components/customers/customer-link-table";
import { page } from "@/lib/shared/page";

export default page(async function WorkspacePage() {
  const actor = await requireActor();
  assertCan(actor, "interaction:create");
  const t = await getTranslations();
  const format = await getFormatter();
  const [recent, pinned, activity] = await Promise.all([listRecentCustomers(actor, 12), listPinnedCustomers(actor), getMyActivity(actor)]);
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader title={t("workspace.greeting", { name: actor.name })} />
      <Section id="ws-search" title={t("workspace.searchTitle")}>
        {/* Focused on load: the agent types the caller's digits straight away; one hit opens on Enter. */}
        <div className="max-w-xl">
          <CustomerTypeahead id="ws-q" label={t("workspace.searchBox")} autoFocus large describedBy="ws-q-hint" />
        </div>
        <p id="ws-q-hint" className="mt-1.5 text-xs text-slate-500">
          {t("search.hint")} {t("workspace.searchKeys")}
        </p>
      </Section>
      <div className="grid grid-cols-3 gap-3">
        <Stat label={t("workspace.today")} value={format.number(activity.today)} />
        <Stat label={t("workspace.week")} value={format.number(activity.week)} />
        <Stat label={t("workspace.avgDuration")} value={activity.avgDurationSec == null ? t("common.none") : t("workspace.seconds", { n: activity.avgDurationSec })} />
      </div>
      <Section id="pinned" title={t("c360.pinnedTitle")} flush>
        <CustomerLinkTable label={t("c360.pinnedTitle")} rows={pinned} empty={t("c360.pinnedEmpty")} />
      </Section>
      <Section id="recent" title={t("workspace.recent")} flush>
        <CustomerLinkTable label={t("workspace.recent")} rows={recent} empty={t("workspace.recentEmpty")} viewedAtHeader={t("workspace.viewedAt")} />
      </Section>
    </div>
  );
});

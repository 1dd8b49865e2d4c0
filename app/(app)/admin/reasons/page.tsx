import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listInteractionReasons } from "@/lib/interactions/queries";
import { PageHeader, Section } from "@/components/ui/card";
import { NewReasonForm, ReasonTable } from "@/components/admin/reason-form";
import { page } from "@/lib/shared/page";

export default page(async function ReasonsPage() {
  const actor = await requireActor();
  const reasons = await listInteractionReasons(actor);
  const t = await getTranslations("reasonAdmin");
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      <Section title={t("listTitle")} id="reasons" flush>
        <ReasonTable reasons={reasons.map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, sortOrder: r.sortOrder, isActive: r.isActive }))} />
      </Section>
      <Section title={t("newRow")} id="new-reason">
        <NewReasonForm />
      </Section>
    </div>
  );
});

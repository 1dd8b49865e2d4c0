import { forbidden } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/card";
import { DiscoverClusters } from "@/components/segments/discover";
import { page } from "@/lib/shared/page";

export default page(async function DiscoverPage() {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) forbidden();
  const t = await getTranslations("segments.discover");
  return (
    <div className="max-w-5xl space-y-3">
      <PageHeader title={t("title")} description={t("hint")} />
      <DiscoverClusters />
    </div>
  );
});

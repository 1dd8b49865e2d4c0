import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { DiscoverClusters } from "@/components/segments/discover";

export default async function DiscoverPage() {
  const actor = await requireActor();
  if (!can(actor, "segment:manage")) notFound();
  const t = await getTranslations("segments.discover");
  return (
    <div className="max-w-5xl space-y-3">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <DiscoverClusters />
    </div>
  );
}

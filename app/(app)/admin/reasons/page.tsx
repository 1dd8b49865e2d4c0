import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listInteractionReasons } from "@/lib/interactions/queries";
import { ReasonForm } from "@/components/admin/reason-form";

export default async function ReasonsPage() {
  const actor = await requireActor();
  const reasons = await listInteractionReasons(actor);
  const t = await getTranslations("reasonAdmin");
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <section className="card" aria-labelledby="reasons-h">
        <h2 id="reasons-h" className="card-title">
          {t("listTitle")}
        </h2>
        <div
          className="grid grid-cols-[10rem_1fr_1fr_5rem_6rem_auto] gap-2 border-b border-slate-100 px-3 py-1 text-xs font-semibold text-slate-600"
          aria-hidden
        >
          <span>{t("code")}</span>
          <span>{t("nameZh")}</span>
          <span>{t("nameEn")}</span>
          <span>{t("sortOrder")}</span>
          <span>{t("active")}</span>
          <span />
        </div>
        <div className="divide-y divide-slate-100">
          {reasons.map((r) => (
            <ReasonForm key={r.code} reason={r} />
          ))}
          <ReasonForm />
        </div>
      </section>
    </div>
  );
}

import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { listScripts, listScriptTargets } from "@/lib/scripts/queries";
import { SCRIPT_STAGES } from "@/lib/scripts/schemas";
import { Badge, EmptyState, PageHeader, Section } from "@/components/ui/card";
import { EditScriptDialog, NewScriptForm, ScriptActiveButton, type ScriptTargets } from "@/components/scripts/script-admin";
import { page } from "@/lib/shared/page";

/** Standard scripts (话术, issue 24): the admins' list by call stage, edit, (de)activate, and a new script with a live preview. */
export default page(async function ScriptsAdminPage() {
  const actor = await requireActor();
  const [scripts, targets] = await Promise.all([listScripts(actor), listScriptTargets(actor)]);
  const [t, te, locale] = await Promise.all([getTranslations("scripts.admin"), getTranslations("enums.scriptStage"), getLocale()]);
  const en = locale === "en";
  const options: ScriptTargets = {
    categories: targets.categories.map((c) => ({ id: c.id, label: en ? c.nameEn : c.nameZh })),
    campaigns: targets.campaigns.map((c) => ({ id: c.id, label: c.name })),
  };
  // A script of a finished campaign keeps its campaign in the edit form's choices.
  for (const s of scripts)
    if (s.campaignId && !options.campaigns.some((c) => c.id === s.campaignId))
      options.campaigns.push({ id: s.campaignId, label: s.campaignName ?? `#${s.campaignId}` });
  return (
    <div className="max-w-6xl space-y-4">
      <PageHeader title={t("title")} description={t("intro")} />
      {SCRIPT_STAGES.map((stage) => {
        const rows = scripts.filter((s) => s.stage === stage);
        return (
          <Section key={stage} id={`stage-${stage}`} title={te(stage)} description={t("count", { n: rows.length })} flush>
            {rows.length === 0 ? (
              <EmptyState>{t("emptyStage")}</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100">
                {rows.map((s) => {
                  const name = en ? s.nameEn : s.nameZh;
                  const target = s.campaignName ?? (s.complaintCategoryId ? (en ? s.categoryNameEn : s.categoryNameZh) : null);
                  return (
                    <li key={s.id} className="grid gap-2 px-3.5 py-2 text-sm md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto]">
                      <div className="min-w-0 space-y-1">
                        <div className="font-medium break-words">{name}</div>
                        <div className="flex flex-wrap gap-1">
                          <Badge tone={target ? "brand" : "neutral"}>{target ?? t("general")}</Badge>
                          {!s.isActive && <Badge tone="paused">{t("inactive")}</Badge>}
                        </div>
                      </div>
                      <p className={s.isActive ? "break-words whitespace-pre-line text-slate-700" : "break-words whitespace-pre-line text-slate-500"}>
                        {en ? s.bodyEn : s.bodyZh}
                      </p>
                      <div className="flex items-start gap-1">
                        <EditScriptDialog
                          name={name}
                          targets={options}
                          script={{
                            id: s.id,
                            version: s.version,
                            stage: s.stage,
                            complaintCategoryId: s.complaintCategoryId,
                            campaignId: s.campaignId,
                            nameZh: s.nameZh,
                            nameEn: s.nameEn,
                            bodyZh: s.bodyZh,
                            bodyEn: s.bodyEn,
                            sortOrder: s.sortOrder,
                            isActive: s.isActive,
                          }}
                        />
                        <ScriptActiveButton name={name} script={{ id: s.id, version: s.version, isActive: s.isActive }} />
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </Section>
        );
      })}
      <Section id="new-script" title={t("newTitle")}>
        <NewScriptForm targets={options} />
      </Section>
    </div>
  );
});

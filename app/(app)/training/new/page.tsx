import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/actor";
import { sessionFormOptions } from "@/lib/training/queries";
import { localOf } from "@/lib/training/schemas";
import { page } from "@/lib/shared/page";
import { PageHeader, Section } from "@/components/ui/card";
import { SessionForm } from "@/components/training/session-form";

/** A new training session (supervisors: for their team; managers: any team). */
export default page(async function NewSessionPage() {
  const actor = await requireActor();
  assertCan(actor, "training:manage");
  const [t, options] = await Promise.all([getTranslations("training.form"), sessionFormOptions(actor)]);
  // Next week, same time, on the hour.
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  return (
    <div className="space-y-4">
      <PageHeader title={t("newTitle")} description={t("newHint")} />
      <Section title={t("details")}>
        <SessionForm options={options} defaultStartsAt={localOf(start)} defaultTrainerId={actor.id} />
      </Section>
    </div>
  );
});

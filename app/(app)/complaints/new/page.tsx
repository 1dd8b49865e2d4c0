import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getIntakeContext } from "@/lib/complaints/queries";
import { listActiveCategories } from "@/lib/complaints/categories";
import { getComplaintPrefill } from "@/lib/interactions/queries";
import { PageHeader } from "@/components/ui/card";
import { IntakeForm } from "@/components/complaints/intake-form";
import { page } from "@/lib/shared/page";

/** `?customerId=` and, when opened right after logging a contact, `&interaction=` (prefills it). */
export default page(async function NewComplaintPage({ searchParams }: { searchParams: Promise<{ customerId?: string; interaction?: string }> }) {
  const actor = await requireActor();
  const [t, locale] = await Promise.all([getTranslations("complaints"), getLocale()]);
  const { customerId: raw, interaction } = await searchParams;
  const customerId = /^\d{1,9}$/.test(raw ?? "") ? Number(raw) : -1;
  const interactionId = /^\d{1,9}$/.test(interaction ?? "") ? Number(interaction) : null;
  const customer = await getIntakeContext(actor, customerId);
  const [categories, contact] = await Promise.all([listActiveCategories(actor), interactionId ? getComplaintPrefill(actor, customer.id, interactionId) : null]);
  // The summary starts as the contact's notes, or its reason: the agent edits it or keeps it.
  const prefill = contact
    ? {
        interactionId: contact.interactionId,
        lineId: contact.lineId,
        channel: contact.channel,
        categoryId: contact.categoryId,
        summary: contact.notes ?? (locale === "en" ? contact.reasonEn : contact.reasonZh) ?? "",
      }
    : null;
  return (
    <div className="space-y-3">
      <PageHeader title={t("newFor", { name: customer.name })} description={prefill ? t("form.fromContact", { no: customer.customerNo }) : customer.customerNo} />
      <IntakeForm customerId={customer.id} lines={customer.lines} categories={categories} prefill={prefill} />
    </div>
  );
});

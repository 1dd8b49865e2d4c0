import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { getIntakeContext } from "@/lib/complaints/queries";
import { listActiveCategories } from "@/lib/complaints/categories";
import { PageHeader } from "@/components/ui/card";
import { IntakeForm } from "@/components/complaints/intake-form";
import { page } from "@/lib/shared/page";

export default page(async function NewComplaintPage({ searchParams }: { searchParams: Promise<{ customerId?: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations("complaints");
  const { customerId: raw } = await searchParams;
  const customerId = /^\d{1,9}$/.test(raw ?? "") ? Number(raw) : -1;
  const customer = await getIntakeContext(actor, customerId);
  const categories = await listActiveCategories(actor);
  return (
    <div className="space-y-3">
      <PageHeader title={t("newFor", { name: customer.name })} description={customer.customerNo} />
      <IntakeForm customerId={customer.id} lines={customer.lines} categories={categories} />
    </div>
  );
});

import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { page } from "@/lib/shared/page";
import { isSetupOpen } from "@/lib/users/setup-commands";
import { SetupForm } from "@/components/setup/setup-form";
import { StandalonePage } from "@/components/layout/standalone-page";
import { Card } from "@/components/ui/card";

// The first administrator of a production install, through the one-time link printed on the
// server console (docs/operations.md#production-install). Without a valid token, or once any user
// exists, the page does not exist.
export default page(async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  if (typeof token !== "string" || !(await isSetupOpen(token))) notFound();
  const t = await getTranslations("setup");
  return (
    <StandalonePage centered>
      <Card className="p-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mb-4 text-sm text-slate-500">{t("intro")}</p>
        <SetupForm token={token} />
      </Card>
    </StandalonePage>
  );
});

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/current-actor";
import { LoginForm } from "@/components/auth/login-form";
import { StandalonePage } from "@/components/layout/standalone-page";
import { Card } from "@/components/ui/card";
import { DEMO_PASSWORD } from "@/lib/auth/demo";
import { isProductionMode } from "@/lib/env";
import { safeNextPath } from "@/lib/shared/safe-redirect";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; callbackUrl?: string | string[] }> }) {
  if (await getActor()) redirect("/");
  const t = await getTranslations("login");
  const { next, callbackUrl } = await searchParams;
  // Only a path of this origin, however it is spelled; otherwise "/" (the role's home).
  const safeNext = safeNextPath(next ?? callbackUrl) ?? "/";
  // Demo installations only: production mode has no demo users, and never prints their password.
  const showDemo = !isProductionMode() && process.env.CRM_SHOW_DEMO_LOGINS !== "false";
  return (
    <StandalonePage centered>
      <Card className="p-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="mb-4 text-sm text-slate-500">{t("subtitle")}</p>
        <LoginForm next={safeNext} />
      </Card>
      {showDemo && <p className="text-xs text-slate-500">{t("demoHint", { password: DEMO_PASSWORD })}</p>}
    </StandalonePage>
  );
}

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/current-actor";
import { LoginForm } from "@/components/auth/login-form";
import { StandalonePage } from "@/components/layout/standalone-page";
import { Card } from "@/components/ui/card";
import { DEMO_PASSWORD } from "@/lib/auth/demo";
import { isProductionMode } from "@/lib/env";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getActor()) redirect("/");
  const t = await getTranslations("login");
  const { next } = await searchParams;
  // Only same-site paths: never redirect to another origin after login.
  const safeNext = typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/";
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

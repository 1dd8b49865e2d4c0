import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/current-actor";
import { LoginForm } from "@/components/auth/login-form";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { DEMO_PASSWORD } from "@/lib/auth/demo";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getActor()) redirect("/");
  const t = await getTranslations("login");
  const tApp = await getTranslations("app");
  const { next } = await searchParams;
  // Only same-site paths: never redirect to another origin after login.
  const safeNext = typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  const showDemo = process.env.CRM_SHOW_DEMO_LOGINS !== "false";
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-4 flex items-center justify-between">
          <p className="text-lg font-semibold text-brand-700">{tApp("name")}</p>
          <LocaleSwitcher />
        </div>
        <div className="card p-6">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="mb-4 text-sm text-slate-500">{t("subtitle")}</p>
          <LoginForm next={safeNext} />
        </div>
        {showDemo && <p className="mt-3 text-xs text-slate-500">{t("demoHint", { password: DEMO_PASSWORD })}</p>}
      </div>
    </main>
  );
}

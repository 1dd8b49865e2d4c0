import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { cn } from "@/components/ui/cn";

/**
 * A page outside the app shell (sign-in, the second-factor set-up): one column with the product's
 * name and a way back (`back`), the language switch and any `actions` (log out) above the page's
 * own content. `centered` puts the column in the middle of the screen (the sign-in card).
 */
export async function StandalonePage({ width = "sm", centered, back, actions, children }: { width?: "sm" | "xl"; centered?: boolean; back?: React.ReactNode; actions?: React.ReactNode; children: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <div className={cn("flex min-h-screen justify-center p-4", centered ? "items-center" : "items-start sm:pt-10")}>
      <div className={cn("w-full", width === "sm" ? "max-w-sm" : "max-w-xl")}>
        <header className="mb-4 flex flex-wrap items-center gap-3">
          <p className="text-lg font-semibold text-brand-700">{t("name")}</p>
          <div className="mr-auto">{back}</div>
          <LocaleSwitcher />
          {actions}
        </header>
        <main className="space-y-4">{children}</main>
      </div>
    </div>
  );
}

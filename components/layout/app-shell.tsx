import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can, type RoleName } from "@/lib/auth/permissions";
import { NAV_ITEMS } from "@/components/layout/nav";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { HeaderSearch } from "@/components/customers/header-search";
import { NavLink } from "@/components/layout/nav-link";
import { LogoutButton } from "@/components/layout/logout-button";
import { ButtonLink } from "@/components/ui/button";
import { NotificationBadge } from "@/components/complaints/notification-badge";

export async function AppShell({ actor, children }: { actor: { name: string; role: RoleName }; children: React.ReactNode }) {
  const t = await getTranslations();
  const items = NAV_ITEMS.filter((i) => can(actor, i.permission) && (!i.roles || i.roles.includes(actor.role)));
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("app.skipToContent")}
      </a>
      <header className="sticky top-0 z-30 flex h-12 items-center gap-4 border-b border-slate-200 bg-white px-4">
        <Link href="/" className="shrink-0 font-semibold text-brand-700">
          {t("app.name")}
        </Link>
        {can(actor, "customer:search") && (
          <div className="max-w-xl flex-1">
            <HeaderSearch />
          </div>
        )}
        <div className="ml-auto flex items-center gap-3">
          <NotificationBadge />
          <LocaleSwitcher />
          <span className="text-sm text-slate-600" aria-label={t("header.userMenu", { name: actor.name })}>
            {actor.name} · {t(`roles.${actor.role}`)}
          </span>
          <nav aria-label={t("header.account")} className="flex items-center gap-2 text-sm">
            <ButtonLink href="/account/password" variant="link">
              {t("header.changePassword")}
            </ButtonLink>
            <ButtonLink href="/account/mfa" variant="link">
              {t("header.twoFactor")}
            </ButtonLink>
          </nav>
          <LogoutButton />
        </div>
      </header>
      <div className="flex flex-1">
        <nav aria-label={t("nav.label")} className="w-44 shrink-0 border-r border-slate-200 bg-white p-2">
          <ul className="space-y-1">
            {items.map((i) => (
              <li key={i.href}>
                <NavLink href={i.href}>{t(`nav.${i.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1 p-4">
          {children}
        </main>
      </div>
    </div>
  );
}

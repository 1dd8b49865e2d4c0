import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can, type RoleName } from "@/lib/auth/permissions";
import { NAV_ITEMS } from "@/components/layout/nav";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { HeaderSearch } from "@/components/customers/header-search";
import { NavLink } from "@/components/layout/nav-link";
import { LogoutButton } from "@/components/layout/logout-button";
import { ShellFrame } from "@/components/layout/shell-frame";
import { ButtonLink } from "@/components/ui/button";
import { NotificationBadge } from "@/components/complaints/notification-badge";
import { CommandPalette, type PaletteAction } from "@/components/palette/command-palette";
import { PALETTE_VERBS } from "@/components/layout/nav";

// Readable from 768 px: below 1024 px the sidebar folds into a "Menu" panel (components/layout/shell-frame.tsx);
// below 1280 px the signed-in name and account links sit at the foot of the navigation instead of
// squeezing the header's search; tables scroll inside their card (main is min-w-0).
export async function AppShell({ actor, children }: { actor: { name: string; role: RoleName }; children: React.ReactNode }) {
  const t = await getTranslations();
  const items = NAV_ITEMS.filter((i) => can(actor, i.permission) && (!i.roles || i.roles.includes(actor.role)));
  // The command palette's places: the role's navigation and a few verbs (issue 24, docs/scripts-and-palette.md).
  const paletteActions: PaletteAction[] = [
    ...PALETTE_VERBS.filter((v) => can(actor, v.permission)).map((v) => ({ href: v.href, label: t(`palette.verbs.${v.key}`), keywords: [v.href] })),
    ...items.map((i) => ({ href: i.href, label: t(`nav.${i.key}`), keywords: [i.href, i.key] })),
  ];
  const who = (
    <span className="text-sm text-slate-600" aria-label={t("header.userMenu", { name: actor.name })}>
      {actor.name} · {t(`roles.${actor.role}`)}
    </span>
  );
  const accountLinks = (
    <>
      <ButtonLink href="/account/password" variant="link">
        {t("header.changePassword")}
      </ButtonLink>
      <ButtonLink href="/account/mfa" variant="link">
        {t("header.twoFactor")}
      </ButtonLink>
    </>
  );
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("app.skipToContent")}
      </a>
      <ShellFrame
        navLabel={t("nav.label")}
        brand={
          <Link href="/" className="shrink-0 font-semibold text-brand-700">
            {t("app.name")}
          </Link>
        }
        header={
          <>
            {can(actor, "customer:search") && (
              <div className="min-w-0 max-w-xl flex-1">
                <HeaderSearch />
              </div>
            )}
            <CommandPalette actions={paletteActions} canSearchCustomers={can(actor, "customer:search")} canReadKnowledge={can(actor, "knowledge:read")} />
            <div className="ml-auto flex shrink-0 items-center gap-2 lg:gap-3">
              <NotificationBadge />
              <LocaleSwitcher />
              <span className="hidden xl:inline">{who}</span>
              <nav aria-label={t("header.account")} className="hidden items-center gap-2 text-sm xl:flex">
                {accountLinks}
              </nav>
              <LogoutButton />
            </div>
          </>
        }
        nav={
          <ul className="space-y-1">
            {items.map((i) => (
              <li key={i.href}>
                <NavLink href={i.href}>{t(`nav.${i.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        }
        compactNav={
          <div className="space-y-2 px-3">
            <p>{who}</p>
            <nav aria-label={t("header.account")} className="flex flex-col items-start gap-1 text-sm">
              {accountLinks}
            </nav>
          </div>
        }
      >
        {children}
      </ShellFrame>
    </div>
  );
}

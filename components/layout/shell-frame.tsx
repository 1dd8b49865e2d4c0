"use client";

import { useEffect, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/**
 * The shell's frame: header, navigation and main. From 1024 px the navigation is a sidebar; below
 * it, a "Menu" button in the header opens it as a panel over the page (with the account links the
 * narrow header leaves out), and it closes on navigation, Escape or a second press.
 */
export function ShellFrame({ brand, header, nav, navLabel, compactNav, children }: { brand: React.ReactNode; header: React.ReactNode; nav: React.ReactNode; navLabel: string; compactNav: React.ReactNode; children: React.ReactNode }) {
  const t = useTranslations("header");
  const path = usePathname();
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(path);
  const button = useRef<HTMLButtonElement>(null);
  // A navigation closes the panel (state derived during render, not in an effect).
  if (openedOn !== path) {
    setOpenedOn(path);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <header className="sticky top-0 z-30 flex h-12 items-center gap-2 border-b border-slate-200 bg-white px-3 lg:gap-4 lg:px-4">
        <Button ref={button} size="sm" className="lg:hidden" aria-expanded={open} aria-controls="app-nav" onClick={() => setOpen((o) => !o)}>
          {open ? t("closeMenu") : t("menu")}
        </Button>
        {brand}
        {header}
      </header>
      <div className="relative flex flex-1">
        <nav
          id="app-nav"
          aria-label={navLabel}
          className={cn(
            "w-56 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-2 lg:static lg:block lg:w-44 lg:shadow-none",
            open ? "fixed bottom-0 left-0 top-12 z-20 block shadow-lg" : "hidden",
          )}
        >
          {nav}
          <div className="mt-3 border-t border-slate-200 pt-3 xl:hidden">{compactNav}</div>
        </nav>
        <main id="main" className="min-w-0 flex-1 p-3 lg:p-4">
          {children}
        </main>
      </div>
    </>
  );
}

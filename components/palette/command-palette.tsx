"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Command } from "cmdk";
import { searchCustomersAction } from "@/app/(app)/customers/actions";
import { recordArticleClickAction, searchArticlesAction } from "@/app/(app)/palette/actions";
import type { SearchResult as CustomerResult } from "@/lib/customers/queries";
import type { SearchResult as ArticleResult } from "@/lib/knowledge/search-queries";
import { classifySearchTerm } from "@/lib/customers/schemas";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { useErrorText } from "@/components/ui/use-action";

/** A place the palette goes to; the shell builds the list for the role (NAV_ITEMS + verbs), translated. */
export interface PaletteAction {
  href: string;
  label: string;
  /** More words it is found by (the English and Chinese names, the path). */
  keywords: string[];
}

const GROUP =
  "[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-500";
const ITEM = "flex cursor-pointer items-center gap-3 rounded px-2 py-1.5 text-sm data-[selected=true]:bg-brand-50";

/**
 * The command palette (Ctrl-K / ⌘-K anywhere, or the header's button): one box that finds
 * customers (the header search's action: masked numbers, the same limits), knowledge articles
 * (the knowledge base's search, source "palette"; opening one records the click) and the places
 * the role may go. ↑/↓ move, Enter opens, Esc closes and focus goes back where it was.
 */
export function CommandPalette({
  actions,
  canSearchCustomers,
  canReadKnowledge,
}: {
  actions: PaletteAction[];
  canSearchCustomers: boolean;
  canReadKnowledge: boolean;
}) {
  const t = useTranslations("palette");
  const en = useLocale() === "en";
  const router = useRouter();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [customers, setCustomers] = useState<CustomerResult | null>(null);
  const [articles, setArticles] = useState<ArticleResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const seq = useRef(0);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => !o);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const term = q.trim();
  useEffect(() => {
    if (!open || term.length < 2) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      start(async () => {
        // A full ID number is not searched as you type (each is limited and audited): the customers page does it.
        const searchCustomers = canSearchCustomers && classifySearchTerm(term) !== "idNumber";
        const [c, a] = await Promise.all([
          searchCustomers ? searchCustomersAction({ q: term }) : null,
          canReadKnowledge ? searchArticlesAction({ q: term, source: "palette" }) : null,
        ]);
        if (mine !== seq.current) return;
        setCustomers(c?.ok ? c.data : null);
        setArticles(a?.ok ? a.data : null);
        const failed = (c && !c.ok ? c : null) ?? (a && !a.ok ? a : null);
        setError(failed && !failed.ok ? errorText(failed.error) : null);
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [term, open, canSearchCustomers, canReadKnowledge, errorText]);

  function reset(next: boolean) {
    setOpen(next);
    if (!next) {
      seq.current++;
      setQ("");
      setCustomers(null);
      setArticles(null);
      setError(null);
    }
  }

  function go(href: string) {
    reset(false);
    router.push(href);
  }

  const needle = term.toLowerCase();
  const shownActions = needle ? actions.filter((a) => [a.label, ...a.keywords].some((k) => k.toLowerCase().includes(needle))) : actions;
  const customerHits = term.length >= 2 ? (customers?.hits ?? []) : [];
  const articleHits = term.length >= 2 ? (articles?.hits ?? []) : [];
  const nothing = term.length >= 2 && !pending && !customerHits.length && !articleHits.length && !shownActions.length;

  return (
    <Dialog
      open={open}
      onOpenChange={reset}
      size="lg"
      title={t("title")}
      description={t("hint")}
      trigger={
        <Button variant="secondary" size="sm" aria-keyshortcuts="Control+K Meta+K" className="shrink-0">
          <span className="hidden xl:inline">{t("open")}</span>
          <span className="xl:hidden">{t("openShort")}</span>
          <Kbd className="ml-1">Ctrl K</Kbd>
        </Button>
      }
    >
      <Command label={t("title")} shouldFilter={false} loop>
        <Command.Input
          value={q}
          onValueChange={setQ}
          placeholder={t("placeholder")}
          aria-label={t("placeholder")}
          className="w-full rounded border border-slate-300 px-3 py-2 text-sm outline-none focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30"
        />
        {/* Messages sit outside the list: a listbox holds only its options and groups (axe aria-required-children). */}
        <div aria-live="polite" className="mt-2">
          {error && (
            <p role="alert" className="px-2 py-1.5 text-sm text-bad">
              {error}
            </p>
          )}
          {pending && <p className="px-2 py-1.5 text-sm text-slate-600">{t("searching")}</p>}
          {nothing && <p className="px-2 py-3 text-sm text-slate-600">{t("noResults", { q: term })}</p>}
          {term.length === 1 && <p className="px-2 py-1.5 text-xs text-slate-600">{t("typeMore")}</p>}
        </div>
        <Command.List className="max-h-[55vh] overflow-y-auto" aria-label={t("results")}>
          {customerHits.length > 0 && (
            <Command.Group heading={t("customers")} className={GROUP}>
              {customerHits.map((h) => (
                <Command.Item
                  key={`c-${h.id}-${h.msisdnMasked ?? ""}`}
                  value={`customer-${h.id}-${h.msisdnMasked ?? ""}`}
                  onSelect={() => go(h.via ? `/customers/${h.id}?via=${encodeURIComponent(h.via)}` : `/customers/${h.id}`)}
                  className={ITEM}
                >
                  <span className="font-medium">{h.name}</span>
                  {h.msisdnMasked && <span className="tabular-nums text-slate-600">{h.msisdnMasked}</span>}
                  <span className="text-slate-700">{h.city}</span>
                  <span className="ml-auto text-xs tabular-nums text-slate-700">{h.customerNo}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {articleHits.length > 0 && (
            <Command.Group heading={t("articles")} className={GROUP}>
              {articleHits.map((a) => (
                <Command.Item
                  key={`a-${a.id}`}
                  value={`article-${a.id}`}
                  onSelect={() => {
                    const searchId = articles?.searchId;
                    if (searchId) void recordArticleClickAction({ searchId, articleId: a.id });
                    go(`/knowledge/${a.id}`);
                  }}
                  className={ITEM}
                >
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{(en ? a.titleEn : a.titleZh) || a.titleZh}</span>
                    <span className="block truncate text-xs text-slate-700">{(en ? a.snippetEn : a.snippetZh) || a.snippetZh}</span>
                  </span>
                  <span className="shrink-0 text-xs text-slate-700">{en ? a.categoryNameEn : a.categoryNameZh}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {shownActions.length > 0 && (
            <Command.Group heading={t("actions")} className={GROUP}>
              {shownActions.map((a, i) => (
                <Command.Item key={`${i}-${a.href}`} value={`go-${i}-${a.href}`} onSelect={() => go(a.href)} className={ITEM}>
                  <span>{a.label}</span>
                  <span className="ml-auto text-xs text-slate-700">{a.href}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
        </Command.List>
        <p className="mt-2 flex flex-wrap gap-x-3 border-t border-slate-100 pt-2 text-xs text-slate-500">
          <span>
            <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t("keyMove")}
          </span>
          <span>
            <Kbd>Enter</Kbd> {t("keyOpen")}
          </span>
          <span>
            <Kbd>Esc</Kbd> {t("keyClose")}
          </span>
        </p>
      </Command>
    </Dialog>
  );
}

"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { searchCustomersAction, startCustomerSearchAction } from "@/app/(app)/customers/actions";
import type { SearchResult } from "@/lib/customers/queries";
import { classifySearchTerm } from "@/lib/customers/schemas";
import { cn } from "@/components/ui/cn";
import { TextInput } from "@/components/ui/inputs";
import { useErrorText } from "@/components/ui/use-action";
import { useShortcut } from "@/components/ui/use-shortcut";

/** The header's search box: `/` focuses it from anywhere. */
export function HeaderSearch() {
  const t = useTranslations();
  return <CustomerTypeahead id="header-search" label={t("header.search")} slashShortcut />;
}

/**
 * A subscriber search box (the header's, the workspace's): results appear as you type (debounced),
 * ↑/↓ move, Enter opens the highlighted (or only) hit, or the full results page; Esc clears.
 * A hit found by a number opens the 360 view with that number sealed in `?via=` (the line the caller
 * is on, preselected for the contact and the complaint).
 * The results page is opened through a kept search (`/customers?s=<id>`): the term is never in a
 * URL. A full ID number is not searched as you type (each ID search is limited and audited): Enter.
 */
export function CustomerTypeahead({ id, label, slashShortcut = false, autoFocus = false, large = false, describedBy }: { id: string; label: string; slashShortcut?: boolean; autoFocus?: boolean; large?: boolean; describedBy?: string }) {
  const t = useTranslations();
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [q, setQ] = useState("");
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorText = useErrorText();
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();

  useShortcut(slashShortcut ? ["/"] : [], () => inputRef.current?.focus());

  const isIdNumber = classifySearchTerm(q) === "idNumber";

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2 || classifySearchTerm(term) === "idNumber") return;
    const timer = setTimeout(() => {
      start(async () => {
        const r = await searchCustomersAction({ q: term });
        setError(r.ok ? null : errorText(r.error));
        if (r.ok) {
          setResult(r.data);
          setActive(r.data.hits.length ? 0 : -1);
        }
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [q, errorText]);

  const hits = result?.hits ?? [];

  function openCustomer(hit: { id: number; via?: string | null }) {
    setOpen(false);
    setQ("");
    setResult(null);
    router.push(hit.via ? `/customers/${hit.id}?via=${encodeURIComponent(hit.via)}` : `/customers/${hit.id}`);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const hit = hits[active] ?? (hits.length === 1 ? hits[0] : undefined);
      if (hit && !pending) openCustomer(hit);
      else if (q.trim()) {
        setOpen(false);
        start(async () => {
          // Keeps the search on the server and navigates to /customers?s=<id> (a redirect).
          const r = await startCustomerSearchAction({ q: q.trim() });
          if (r && !r.ok) {
            setError(errorText(r.error));
            setOpen(true);
          }
        });
      }
    } else if (e.key === "Escape") {
      setQ("");
      setResult(null);
      setOpen(false);
    }
  }

  const showList = open && q.trim().length >= 2;
  return (
    <div className="relative" role="search" aria-label={label}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <TextInput
        ref={inputRef}
        id={id}
        autoFocus={autoFocus}
        aria-describedby={describedBy}
        className={large ? "h-11 text-base" : undefined}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={q}
        placeholder={t("header.searchPlaceholder")}
        onChange={(e) => {
          setQ(e.target.value);
          if (e.target.value.trim().length < 2 || classifySearchTerm(e.target.value) === "idNumber") setResult(null);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <div className="absolute left-0 right-0 top-full z-40 mt-1 rounded border border-slate-200 bg-white shadow-lg">
          {error && (
            <p role="alert" className="px-3 py-2 text-sm text-bad">
              {error}
            </p>
          )}
          {pending && !result && <p className="px-3 py-2 text-sm text-slate-500">{t("search.searching")}</p>}
          {isIdNumber && !pending && <p className="px-3 py-2 text-sm text-slate-500">{t("search.idNumberOnEnter")}</p>}
          {result?.kind === "tooShort" && <p className="px-3 py-2 text-sm text-slate-500">{t("search.tooShort")}</p>}
          {result && result.kind !== "tooShort" && hits.length === 0 && (
            <p className="px-3 py-2 text-sm text-slate-500">{t("search.noResults", { q: q.trim() })}</p>
          )}
          <ul id={listId} role="listbox" aria-label={t("search.listLabel")}>
            {hits.map((h, i) => (
              <li
                key={`${h.id}-${h.msisdnMasked ?? ""}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  openCustomer(h);
                }}
                onMouseEnter={() => setActive(i)}
                className={cn("flex cursor-pointer items-center gap-3 px-3 py-1.5 text-sm", i === active && "bg-brand-50")}
              >
                <span className="font-medium">{h.name}</span>
                {h.msisdnMasked && <span className="tabular-nums text-slate-600">{h.msisdnMasked}</span>}
                <span className="text-slate-500">{h.city}</span>
                <span className="ml-auto text-xs text-slate-500">{h.customerNo}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { rateArticleAction, recordArticleClickAction, searchArticlesAction, suggestArticlesAction } from "@/app/(app)/palette/actions";
import type { ArticleHit, SearchResult } from "@/lib/knowledge/search-queries";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { TextInput } from "@/components/ui/inputs";
import { Kbd } from "@/components/ui/kbd";
import { useAction, useErrorText } from "@/components/ui/use-action";
import { useShortcut } from "@/components/ui/use-shortcut";

/**
 * The complaint's side panel: articles suggested for its category and words; a search box to refine
 * (K focuses it). From the box, Enter opens the first hit (K, Enter: two keystrokes), ↓ walks the
 * list; an opened hit shows its summary, a link to the article and "Was this helpful?".
 */
export function ArticlePanel({ complaintId, complaintCategoryId }: { complaintId: number; complaintCategoryId: number }) {
  const t = useTranslations("palette.panel");
  const en = useLocale() === "en";
  const errorText = useErrorText();
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const hintId = useId();
  const [q, setQ] = useState("");
  // The suggestions, asked once per complaint (not on the page's minute refresh: each ask is a logged search).
  const [initial, setInitial] = useState<SearchResult | null>(null);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [clicked, setClicked] = useState<Set<number>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const seq = useRef(0);

  useShortcut(["k", "K"], () => inputRef.current?.focus());

  // Only the complaint decides when to ask again (a new error-text function on a refresh must not).
  const errorTextRef = useRef(errorText);
  useEffect(() => {
    errorTextRef.current = errorText;
  });
  useEffect(() => {
    let live = true;
    void suggestArticlesAction({ complaintId }).then((r) => {
      if (!live) return;
      if (r.ok) setInitial(r.data);
      else setError(errorTextRef.current(r.error));
    });
    return () => {
      live = false;
    };
  }, [complaintId]);

  const term = q.trim();
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(
      () => {
        if (!term) {
          setResult(initial);
          return;
        }
        start(async () => {
          const r = await searchArticlesAction({ q: term, complaintCategoryId, source: "panel" });
          if (mine !== seq.current) return;
          setError(r.ok ? null : errorText(r.error));
          if (r.ok) setResult(r.data);
        });
      },
      term ? 250 : 0,
    );
    return () => clearTimeout(timer);
  }, [term, complaintCategoryId, initial, errorText]);

  const hits = result?.hits ?? [];

  function toggle(hit: ArticleHit) {
    const opening = openId !== hit.id;
    setOpenId(opening ? hit.id : null);
    if (opening && result?.searchId && !clicked.has(hit.id)) {
      setClicked((s) => new Set(s).add(hit.id));
      void recordArticleClickAction({ searchId: result.searchId, articleId: hit.id });
    }
  }

  function focusItem(i: number) {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>("button[data-hit]");
    if (!buttons?.length) return;
    if (i < 0) inputRef.current?.focus();
    else buttons[Math.min(i, buttons.length - 1)]?.focus();
  }

  return (
    <div className="space-y-2">
      <label htmlFor="kb-panel-q" className="sr-only">
        {t("searchLabel")}
      </label>
      <div className="flex items-center gap-2">
        <TextInput
          ref={inputRef}
          id="kb-panel-q"
          type="search"
          autoComplete="off"
          value={q}
          placeholder={t("placeholder")}
          aria-describedby={hintId}
          aria-keyshortcuts="K"
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (hits[0]) {
                toggle(hits[0]);
                focusItem(0);
              }
            } else if (e.key === "ArrowDown") {
              e.preventDefault();
              focusItem(0);
            } else if (e.key === "Escape" && q) {
              e.preventDefault();
              setQ("");
            }
          }}
        />
        <Kbd>K</Kbd>
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        {t("hint")}
      </p>
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {pending || !result ? t("searching") : t("count", { n: hits.length })}
      </p>
      {!result ? (
        <p className="px-1 py-2 text-sm text-slate-500">{t("loading")}</p>
      ) : hits.length === 0 ? (
        <p className="rounded border border-dashed border-slate-200 px-3 py-3 text-sm text-slate-600">{term ? t("noMatch", { q: term }) : t("empty")}</p>
      ) : (
        <ul ref={listRef} aria-label={t("listLabel")} className="divide-y divide-slate-100 rounded border border-slate-200">
          {hits.map((h, i) => {
            const open = openId === h.id;
            const title = (en ? h.titleEn : h.titleZh) || h.titleZh;
            const regionId = `kb-hit-${h.id}`;
            return (
              <li key={h.id} className={cn(open && "bg-slate-50")}>
                <button
                  type="button"
                  data-hit
                  aria-expanded={open}
                  aria-controls={regionId}
                  onClick={() => toggle(h)}
                  onKeyDown={(e) => {
                    if (e.key === "ArrowDown") {
                      e.preventDefault();
                      focusItem(i + 1);
                    } else if (e.key === "ArrowUp") {
                      e.preventDefault();
                      focusItem(i - 1);
                    }
                  }}
                  className="flex w-full items-start gap-2 px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  <span aria-hidden className="mt-0.5 text-xs text-slate-400">
                    {open ? "▾" : "▸"}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium break-words">{title}</span>
                    <span className="block text-xs text-slate-500">{en ? h.categoryNameEn : h.categoryNameZh}</span>
                  </span>
                  {i === 0 && !open && <Kbd className="shrink-0">Enter</Kbd>}
                </button>
                {open && <HitDetail hit={h} regionId={regionId} title={title} />}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function HitDetail({ hit, regionId, title }: { hit: ArticleHit; regionId: string; title: string }) {
  const t = useTranslations("palette.panel");
  const en = useLocale() === "en";
  const [vote, setVote] = useState<boolean | null>(null);
  const [counts, setCounts] = useState({ helpful: hit.helpfulCount, unhelpful: hit.unhelpfulCount });
  const rate = useAction(rateArticleAction, {
    refresh: false,
    success: t("thanks"),
    onSuccess: (d) => setCounts({ helpful: d.helpfulCount, unhelpful: d.unhelpfulCount }),
  });
  const snippet = (en ? hit.snippetEn : hit.snippetZh) || hit.snippetZh;
  return (
    <div id={regionId} role="region" aria-label={title} className="space-y-2 px-3 pb-3 pl-8 text-sm">
      <p className="break-words whitespace-pre-line text-slate-700">{snippet.trim() || t("noSnippet")}</p>
      {hit.tags.length > 0 && <p className="text-xs text-slate-500">{hit.tags.join(" · ")}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/knowledge/${hit.id}`} className="text-brand-700 hover:underline">
          {t("openArticle")}
        </Link>
        <span className="ml-auto text-xs text-slate-600">{t("helpfulQuestion")}</span>
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={vote === true}
          pending={rate.pending && vote === true}
          onClick={() => {
            setVote(true);
            void rate.run({ articleId: hit.id, helpful: true });
          }}
        >
          {t("helpful")} <span className="tabular-nums text-slate-500">{counts.helpful}</span>
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-pressed={vote === false}
          pending={rate.pending && vote === false}
          onClick={() => {
            setVote(false);
            void rate.run({ articleId: hit.id, helpful: false });
          }}
        >
          {t("notHelpful")} <span className="tabular-nums text-slate-500">{counts.unhelpful}</span>
        </Button>
      </div>
      {rate.error && (
        <p role="alert" className="text-xs text-bad">
          {rate.error}
        </p>
      )}
    </div>
  );
}

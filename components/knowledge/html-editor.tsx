"use client";

import { useRef } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/inputs";

const WRAPS = {
  bold: ["<strong>", "</strong>"],
  italic: ["<em>", "</em>"],
  heading: ["<h3>", "</h3>"],
  paragraph: ["<p>", "</p>"],
  bullets: ["<ul>\n<li>", "</li>\n</ul>"],
  numbered: ["<ol>\n<li>", "</li>\n</ol>"],
  link: ['<a href="https://">', "</a>"],
} as const;

/**
 * An article body: HTML in a text area with a toolbar that wraps the selection in the tags articles
 * may hold (the server sanitises on save and on render, so whatever is typed stays safe).
 */
export function HtmlEditor({ id, value, onChange, label, maxLength, lang, ...aria }: { id?: string; value: string; onChange: (v: string) => void; label: string; maxLength: number; lang: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) {
  const t = useTranslations("knowledge.form.toolbar");
  const area = useRef<HTMLTextAreaElement>(null);
  function wrap(kind: keyof typeof WRAPS) {
    const el = area.current;
    if (!el) return;
    const [open, close] = WRAPS[kind];
    const { selectionStart: a, selectionEnd: b } = el;
    const next = value.slice(0, a) + open + value.slice(a, b) + close + value.slice(b);
    onChange(next);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(a + open.length, b + open.length);
    });
  }
  return (
    <div className="space-y-1">
      <div role="toolbar" aria-label={t("label", { field: label })} className="flex flex-wrap gap-1">
        {(Object.keys(WRAPS) as Array<keyof typeof WRAPS>).map((k) => (
          <Button key={k} size="sm" variant="ghost" onClick={() => wrap(k)}>
            {t(k)}
          </Button>
        ))}
      </div>
      <TextArea ref={area} id={id} lang={lang} rows={10} value={value} onChange={(e) => onChange(e.target.value)} maxLength={maxLength} className="font-mono text-xs" {...aria} />
    </div>
  );
}

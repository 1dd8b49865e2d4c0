import { sanitizeArticleHtml } from "@/lib/knowledge/text";

/** An article's body: HTML sanitised again at render (a row written another way is still safe). */
export function ArticleBody({ html, lang }: { html: string; lang: string }) {
  return (
    <div
      lang={lang}
      className="max-w-3xl space-y-2 text-sm leading-relaxed [&_a]:text-brand-700 [&_a]:underline [&_h2]:text-base [&_h2]:font-semibold [&_h3]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_table]:border [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2 [&_ul]:list-disc"
      dangerouslySetInnerHTML={{ __html: sanitizeArticleHtml(html) }}
    />
  );
}

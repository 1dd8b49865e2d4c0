import "server-only";
import sanitizeHtml from "sanitize-html";

// Rich text (notes, complaint descriptions, campaign bodies) is stored sanitised: a small tag
// allow-list, links only to http(s)/mailto with rel="noopener noreferrer", no attributes that run
// code, no styles, no images from elsewhere.
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h3", "h4"],
  allowedAttributes: { a: ["href", "title"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer", target: "_blank" }) },
};
// rel/target are added by the transform, so they must survive the attribute filter.
OPTIONS.allowedAttributes = { a: ["href", "title", "rel", "target"] };

export function sanitizeRichText(html: string, maxLength = 20_000): string {
  return sanitizeHtml(html.slice(0, maxLength), OPTIONS);
}

/** Plain text (for search snippets and logs): every tag removed. */
export function toPlainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
}

// Placeholders in the callers' script and in messages: {name}, {tier}, {plan}, {offer}, {number},
// {optOutUrl}. Pure and browser-safe (the campaign form previews with it). Unknown placeholders stay
// as written so an author sees the typo; values are plain text (messages are text, never HTML).

export const PLACEHOLDERS = ["name", "tier", "plan", "offer", "number", "optOutUrl"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string>>;

/** Replaces every known {placeholder} with its value ("" when missing). */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, key: string) =>
    (PLACEHOLDERS as readonly string[]).includes(key) ? (values[key as Placeholder] ?? "") : whole,
  );
}

/** Placeholders written in a template that do not exist (for a validation error on the form). */
export function unknownPlaceholders(template: string): string[] {
  const out = new Set<string>();
  for (const m of template.matchAll(/\{([A-Za-z]+)\}/g)) if (!(PLACEHOLDERS as readonly string[]).includes(m[1])) out.add(m[1]);
  return [...out];
}

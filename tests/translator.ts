// A translator over a message catalogue for tests that call lib functions taking one (exports,
// audit descriptions) without next-intl: next-intl's simple {name} arguments and `has`.
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import type { Translate } from "@/lib/i18n/translate";

type Messages = { [k: string]: string | Messages };

export function translatorFor(messages: Messages): Translate {
  const lookup = (key: string) => key.split(".").reduce<string | Messages | undefined>((o, k) => (typeof o === "object" ? o[k] : undefined), messages);
  const t = ((key: string, values: Record<string, string | number> = {}) => {
    const v = lookup(key);
    if (typeof v !== "string") throw new Error(`missing message ${key}`);
    return v.replace(/\{(\w+)\}/g, (_, n: string) => String(values[n] ?? `{${n}}`));
  }) as Translate;
  t.has = (key: string) => typeof lookup(key) === "string";
  return t;
}

export const tEn = translatorFor(en as Messages);
export const tZh = translatorFor(zh as Messages);

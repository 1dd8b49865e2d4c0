import { getLocale, getTranslations } from "next-intl/server";
import { cityLabel } from "@/lib/i18n/cities";
import { SEGMENT_FIELDS, type Condition, type Group } from "@/lib/segments/rules";

type Plan = { code: string; nameZh: string; nameEn: string };

/**
 * A saved segment's rules as sentences ("Value tier is any of Gold, Diamond"), nested groups as
 * nested lists: what the segment selects, readable without opening the builder.
 */
export async function RuleSummary({ rules, plans }: { rules: Group; plans: Plan[] }) {
  const [t, locale] = await Promise.all([getTranslations("segments.builder"), getLocale()]);
  const planName = new Map(plans.map((p) => [p.code, locale === "en" ? p.nameEn : p.nameZh]));
  const one = (c: Condition, v: unknown): string => {
    const spec = SEGMENT_FIELDS[c.field] as { type: string };
    if (spec.type === "enum" && t.has(`option.${c.field}.${String(v)}`)) return t(`option.${c.field}.${String(v)}`);
    if (c.field === "city") return cityLabel(String(v), locale);
    if (c.field === "plan") return planName.get(String(v)) ?? String(v);
    if (typeof v === "boolean") return t(v ? "yes" : "no");
    return String(v);
  };
  const value = (c: Condition): string => {
    const unit = t.has(`unit.${c.field}`) ? ` ${t(`unit.${c.field}`)}` : "";
    if (c.field === "complaints") {
      const v = c.value as { count: number; days: number };
      return t("summary.complaints", { count: v.count, days: v.days });
    }
    if (c.op === "between" && Array.isArray(c.value)) return `${c.value[0]} – ${c.value[1]}${unit}`;
    if (Array.isArray(c.value)) return c.value.map((v) => one(c, v)).join(locale === "en" ? ", " : "、");
    return `${one(c, c.value)}${typeof c.value === "number" ? unit : ""}`;
  };
  const render = (g: Group, depth: number): React.ReactNode => (
    <div className={depth > 1 ? "mt-1 border-l-2 border-slate-200 pl-3" : undefined}>
      <p className="text-slate-600">{t(g.combinator === "AND" ? "summary.all" : "summary.any")}</p>
      <ul className="list-disc space-y-0.5 pl-5">
        {g.children.map((child, i) =>
          child.kind === "group" ? (
            <li key={i} className="list-none">
              {render(child, depth + 1)}
            </li>
          ) : (
            <li key={i}>
              <span className="font-medium">{t(`field.${child.field}`)}</span> {t(`op.${child.op}`)} <span className="font-medium">{value(child)}</span>
            </li>
          ),
        )}
      </ul>
    </div>
  );
  return <div className="text-sm">{render(rules, 1)}</div>;
}

import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { TimelinePage } from "@/lib/interactions/queries";
import { Badge, EmptyState, Section } from "@/components/ui/card";
import { Pager } from "@/components/ui/data-table";
import { TimelineFilter } from "@/components/customers/timeline-filter";

/** Contacts across every channel, newest first; keyset pages and the channel filter live in the URL. */
export async function InteractionTimeline({ customerId, page, channel, paged }: { customerId: number; page: TimelinePage; channel?: string; paged: boolean }) {
  const t = await getTranslations("c360");
  const tEnum = await getTranslations("enums");
  const format = await getFormatter();
  const locale = await getLocale();
  const first = channel ? `/customers/${customerId}?channel=${channel}` : `/customers/${customerId}`;
  return (
    <Section id="timeline" title={t("timeline")} actions={<TimelineFilter channel={channel} />} flush>
      {page.entries.length === 0 ? (
        <EmptyState>{channel ? t("timelineEmptyChannel") : t("timelineEmpty")}</EmptyState>
      ) : (
        <ol className="max-h-[30rem] divide-y divide-slate-100 overflow-y-auto" aria-label={t("timeline")}>
          {page.entries.map((e) => (
            <li key={e.id} className="px-3.5 py-1.5 text-sm">
              <div className="flex items-baseline gap-2">
                <Badge>{tEnum(`channel.${e.channel}`)}</Badge>
                <span className="font-medium">{(locale === "en" ? e.reasonEn : e.reasonZh) ?? e.reasonCode ?? t("none")}</span>
                <time className="ml-auto shrink-0 text-xs tabular-nums text-slate-500" dateTime={e.occurredAt.toISOString()}>
                  {format.dateTime(e.occurredAt, { dateStyle: "short", timeStyle: "short" })}
                </time>
              </div>
              <div className="flex gap-2 text-xs text-slate-500">
                <span>{tEnum(`direction.${e.direction}`)}</span>
                <span>{tEnum(`disposition.${e.disposition}`)}</span>
                {e.agentName && <span>{e.agentName}</span>}
              </div>
              {e.notes && <p className="line-clamp-2 text-xs break-words text-slate-700">{e.notes}</p>}
            </li>
          ))}
        </ol>
      )}
      {(paged || page.nextCursor) && <Pager pager={{ first: paged ? first : undefined, next: page.nextCursor ? `${first}${channel ? "&" : "?"}before=${page.nextCursor}` : undefined }} />}
    </Section>
  );
}

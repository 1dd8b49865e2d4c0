import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { TimelinePage } from "@/lib/interactions/queries";
import { Panel } from "@/components/customers/customer-360-layout";
import { TimelineFilter } from "@/components/customers/timeline-filter";

/** Contacts across every channel, newest first; keyset pages and the channel filter live in the URL. */
export async function InteractionTimeline({ customerId, page, channel, paged }: { customerId: number; page: TimelinePage; channel?: string; paged: boolean }) {
  const t = await getTranslations("c360");
  const tEnum = await getTranslations("enums");
  const format = await getFormatter();
  const locale = await getLocale();
  const base = `/customers/${customerId}${channel ? `?channel=${channel}&` : "?"}`;
  return (
    <Panel id="timeline-h" title={t("timeline")} actions={<TimelineFilter channel={channel} />}>
      {page.entries.length === 0 ? (
        <p className="p-3 text-sm text-slate-500">{channel ? t("timelineEmptyChannel") : t("timelineEmpty")}</p>
      ) : (
        <ol className="max-h-[30rem] divide-y divide-slate-100 overflow-y-auto" aria-label={t("timeline")}>
          {page.entries.map((e) => (
            <li key={e.id} className="px-3 py-1.5 text-sm">
              <div className="flex items-baseline gap-2">
                <span className="rounded bg-slate-100 px-1.5 text-xs">{tEnum(`channel.${e.channel}`)}</span>
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
              {e.notes && <p className="line-clamp-2 text-xs text-slate-700">{e.notes}</p>}
            </li>
          ))}
        </ol>
      )}
      {(page.nextCursor || paged) && (
        <div className="flex justify-between border-t border-slate-100 px-3 py-1.5 text-xs">
          {paged ? (
            <Link
              href={channel ? `/customers/${customerId}?channel=${channel}` : `/customers/${customerId}`}
              className="text-brand-700 hover:underline"
              scroll={false}
            >
              {t("newest")}
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor && (
            <Link href={`${base}before=${page.nextCursor}`} className="text-brand-700 hover:underline" scroll={false}>
              {t("older")}
            </Link>
          )}
        </div>
      )}
    </Panel>
  );
}

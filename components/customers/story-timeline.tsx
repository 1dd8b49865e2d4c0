import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { StoryItem, StoryPage } from "@/lib/customers/timeline-queries";
import { storyHref, type StoryKind } from "@/lib/customers/timeline-schemas";
import { Badge, EmptyState, Section } from "@/components/ui/card";
import { FilterChips } from "@/components/ui/filter-chips";
import { Pager } from "@/components/ui/data-table";
import { ComplaintLink } from "@/components/complaints/complaint-link";

const SCALE: Record<string, string> = { CSAT: " / 5", NPS: " / 10", CSI: " / 100" };

/**
 * The customer's whole story, newest first: contacts, complaint steps, results given, survey
 * answers, messages sent, points entries, member grade changes and account credits. The kind filter and the keyset position live in the URL (links, so
 * the page works without script and the browser's back button walks the pages).
 */
export async function StoryTimeline({ customerId, page, paged, canOpenComplaints }: { customerId: number; page: StoryPage; paged: boolean; canOpenComplaints: boolean }) {
  const [t, tEnum, tStatus, format, locale] = await Promise.all([getTranslations("story"), getTranslations("enums"), getTranslations("complaints.status"), getFormatter(), getLocale()]);
  const filtered = page.kinds.length < page.allowed.length;
  const selected = new Set(filtered ? page.kinds : []);
  // A chip toggles its kind; none selected = all.
  const toggle = (k: StoryKind) => (selected.has(k) ? page.kinds.filter((x) => x !== k) : [...selected, k]);
  const shown = filtered ? page.kinds : [];

  const item = (e: StoryItem) => {
    const when = (
      <time className="ml-auto shrink-0 text-xs tabular-nums text-slate-500" dateTime={e.at.toISOString()}>
        {format.dateTime(e.at, { dateStyle: "short", timeStyle: "short" })}
      </time>
    );
    // `<link>{no}</link>` in the catalogue: the complaint's number, a link for those who may open it.
    const link = (id: number) =>
      function complaintNumber(chunks: React.ReactNode) {
        return canOpenComplaints ? <ComplaintLink id={id} inText>{chunks}</ComplaintLink> : <span className="tabular-nums">{chunks}</span>;
      };
    switch (e.kind) {
      case "contact":
        return (
          <>
            <div className="flex items-baseline gap-2">
              <Badge>{tEnum(`channel.${e.channel}`)}</Badge>
              <span className="font-medium">{(locale === "en" ? e.reasonEn : e.reasonZh) ?? t("noReason")}</span>
              {when}
            </div>
            <div className="flex flex-wrap gap-x-2 text-xs text-slate-500">
              <span>{tEnum(`direction.${e.direction}`)}</span>
              <span>{tEnum(`disposition.${e.disposition}`)}</span>
              {e.durationSec > 0 && <span>{t("duration", { min: Math.max(1, Math.round(e.durationSec / 60)) })}</span>}
              {e.agentName && <span>{e.agentName}</span>}
            </div>
            {e.notes && <p className="line-clamp-2 text-xs break-words text-slate-700">{e.notes}</p>}
          </>
        );
      case "complaint":
        return (
          <>
            <div className="flex items-baseline gap-2">
              <Badge tone="warn">{t("kind.complaint")}</Badge>
              <span className="font-medium">
                {e.action === "open"
                  ? t.rich("opened", { no: e.complaintNo, link: link(e.complaintId) })
                  : t.rich("moved", { no: e.complaintNo, link: link(e.complaintId), status: tStatus(e.toStatus) })}
              </span>
              {when}
            </div>
            <div className="flex flex-wrap gap-x-2 text-xs text-slate-500">
              {e.action === "open" && <span>{locale === "en" ? e.categoryEn : e.categoryZh}</span>}
              {e.actorName && <span>{e.actorName}</span>}
            </div>
            {e.action === "open" ? (
              <p className="line-clamp-2 text-xs break-words text-slate-700">{e.summary}</p>
            ) : (
              e.reason && (
                // A close records how the customer confirmed (a code) where other steps record a reason.
                <p className="line-clamp-2 text-xs break-words text-slate-700">{e.action === "close" && t.has(`confirmation.${e.reason}`) ? t(`confirmation.${e.reason}`) : e.reason}</p>
              )
            )}
          </>
        );
      case "feedback":
        return (
          <>
            <div className="flex items-baseline gap-2">
              <Badge>{t("kind.feedback")}</Badge>
              <span className="font-medium">{t.rich("resultGiven", { no: e.complaintNo, link: link(e.complaintId) })}</span>
              {when}
            </div>
            {e.authorName && <div className="text-xs text-slate-500">{e.authorName}</div>}
            <p className="line-clamp-3 text-xs break-words text-slate-700">{e.body}</p>
          </>
        );
      case "survey":
        return (
          <>
            <div className="flex items-baseline gap-2">
              <Badge>{t("kind.survey")}</Badge>
              <span className="font-medium tabular-nums">
                {t("survey", { kind: e.surveyKind, score: `${e.score ?? (e.csiScore === null ? "—" : e.csiScore.toFixed(0))}${SCALE[e.surveyKind] ?? ""}` })}
              </span>
              {e.isDetractor && <Badge tone="bad">{t("detractor")}</Badge>}
              {when}
            </div>
            {e.complaintId !== null && e.complaintNo && <div className="text-xs text-slate-500">{t.rich("onComplaint", { no: e.complaintNo, link: link(e.complaintId) })}</div>}
            {e.comment && <p className="line-clamp-2 text-xs break-words text-slate-700">“{e.comment}”</p>}
          </>
        );
      case "message":
        return (
          <>
            <div className="flex items-baseline gap-2">
              <Badge>{t("kind.message")}</Badge>
              <span className="font-medium">{t(`purposes.${e.purpose === "survey.csat" ? "csat" : e.purpose === "survey.campaign" ? "campaign" : "other"}`)}</span>
              {when}
            </div>
            <div className="text-xs text-slate-500 tabular-nums">{t("sentTo", { channel: t.has(`channels.${e.channel}`) ? t(`channels.${e.channel}`) : e.channel, recipient: e.recipient })}</div>
            <p className="line-clamp-2 text-xs break-words text-slate-700">{e.body}</p>
          </>
        );
      case "points":
        return (
          <>
            <div className="flex items-baseline gap-2">
              <Badge>{t("kind.points")}</Badge>
              <span className="font-medium tabular-nums">{t("pointsEntry", { kind: tEnum(`pointsEntryKind.${e.entryKind}`), points: format.number(e.points, { signDisplay: "always" }) })}</span>
              {when}
            </div>
            <div className="text-xs text-slate-500 tabular-nums">{t("pointsBalance", { balance: format.number(e.balanceAfter) })}</div>
            {e.reason && <p className="line-clamp-2 text-xs break-words text-slate-700">{e.reason}</p>}
          </>
        );
      case "grade":
        return (
          <>
            <div className="flex items-baseline gap-2">
              <Badge tone="brand">{t("kind.grade")}</Badge>
              <span className="font-medium">
                {t(`gradeChange.${e.reason}`, { from: e.fromGrade ? tEnum(`memberGrade.${e.fromGrade}`) : "", to: tEnum(`memberGrade.${e.toGrade}`) })}
              </span>
              {when}
            </div>
          </>
        );
      case "account":
        return (
          <>
            <div className="flex items-baseline gap-2">
              <Badge>{t("kind.account")}</Badge>
              <span className="font-medium tabular-nums">
                {t("accountEntry", { kind: tEnum(`accountEntryKind.${e.entryKind}`), amount: format.number(Number(e.amount), { style: "currency", currency: "CNY", signDisplay: "always" }) })}
              </span>
              {when}
            </div>
            <div className="text-xs text-slate-500 tabular-nums">
              {t("accountBalance", { account: e.accountNo, balance: format.number(Number(e.balanceAfter), { style: "currency", currency: "CNY" }) })}
            </div>
            {e.reason && <p className="line-clamp-2 text-xs break-words text-slate-700">{e.reason}</p>}
          </>
        );
    }
  };

  return (
    <Section id="story" title={t("title")} flush>
      <FilterChips
        label={t("filter")}
        className="border-b border-slate-100 px-3.5 py-2"
        chips={[
          { label: t("all"), href: storyHref(customerId, []), selected: !filtered },
          ...page.allowed.map((k) => ({ label: t(`kinds.${k}`), href: storyHref(customerId, toggle(k)), selected: selected.has(k) })),
        ]}
      />
      {page.items.length === 0 ? (
        <EmptyState>{paged ? t("emptyOlder") : filtered ? t("emptyFiltered") : t("empty")}</EmptyState>
      ) : (
        // A list that scrolls is focusable (labelled): the keyboard scrolls it too (axe scrollable-region-focusable).
        <ol
          tabIndex={0}
          className="max-h-[30rem] divide-y divide-slate-100 overflow-y-auto focus-visible:outline-2 focus-visible:outline-brand-600"
          aria-label={t("title")}
        >
          {page.items.map((e) => (
            <li key={e.key} className="px-3.5 py-1.5 text-sm">
              {item(e)}
            </li>
          ))}
        </ol>
      )}
      {(paged || page.nextCursor) && (
        <Pager pager={{ first: paged ? storyHref(customerId, shown) : undefined, next: page.nextCursor ? storyHref(customerId, shown, page.nextCursor) : undefined }} />
      )}
    </Section>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CustomerSegment } from "@/lib/customers/timeline-queries";
import { Badge, EmptyState, Section } from "@/components/ui/card";

/** The segments the customer is a member of; names link to the segment for those who manage segments. */
export async function SegmentsPanel({ segments, canOpen }: { segments: CustomerSegment[]; canOpen: boolean }) {
  const t = await getTranslations("story");
  return (
    <Section id="segments" title={t("segments")}>
      {segments.length === 0 ? (
        <EmptyState className="p-0 text-left">{t("segmentsNone")}</EmptyState>
      ) : (
        <ul aria-label={t("segmentsList")} className="flex flex-wrap gap-1.5">
          {segments.map((s) => (
            <li key={s.id}>
              {canOpen ? (
                <Link href={`/segments/${s.id}`} className="text-sm text-brand-700 hover:underline">
                  {s.name}
                </Link>
              ) : (
                <Badge>{s.name}</Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

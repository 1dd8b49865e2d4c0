import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { csvResponse, route } from "@/lib/shared/route";
import { exportSegmentCsv } from "@/lib/segments/commands";
import { segmentId } from "@/lib/segments/rules";
import type { Translate } from "@/lib/i18n/translate";

// CSV export of a segment's members in the reader's language: masked, formula-safe, audited (lib/segments/commands.ts).
export const GET = route({ permission: "customer:export", params: z.object({ id: segmentId }) }, async ({ actor, params }) => {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const { filename, csv } = await exportSegmentCsv(actor, params.id, t as unknown as Translate, locale);
  return csvResponse(csv, filename);
});

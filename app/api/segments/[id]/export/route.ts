import { cookies } from "next/headers";
import { z } from "zod";
import { csvResponse, route } from "@/lib/shared/route";
import { exportSegmentCsv } from "@/lib/segments/commands";
import { segmentId } from "@/lib/segments/rules";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";

// CSV export of a segment's members: masked, formula-safe, audited (lib/segments/commands.ts).
export const GET = route({ permission: "customer:export", params: z.object({ id: segmentId }) }, async ({ actor, params }) => {
  const locale = (await cookies()).get(LOCALE_COOKIE)?.value === "en" ? "en" : "zh-CN";
  const { filename, csv } = await exportSegmentCsv(actor, params.id, locale);
  return csvResponse(csv, filename);
});

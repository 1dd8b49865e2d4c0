"use client";

import { useTranslations } from "next-intl";
import { refreshSegmentAction } from "@/app/(app)/segments/actions";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";

/** Re-evaluates a dynamic segment's rules now; the new size is toasted. */
export function RefreshSegmentButton({ id }: { id: number }) {
  const t = useTranslations("segments.detail");
  const { run, pending, error } = useAction(refreshSegmentAction, { success: (d) => t("refreshed", { count: d.size, ms: d.ms }) });
  return (
    <>
      <Button variant="primary" pending={pending} onClick={() => run(id)}>
        {pending ? t("refreshing") : t("refresh")}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-bad">
          {error}
        </span>
      )}
    </>
  );
}

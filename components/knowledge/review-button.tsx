"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { markArticleReviewedAction } from "@/app/(app)/knowledge/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/** "Reviewed, still right": sets the next review day (six months ahead unless changed). */
export function ReviewButton({ articleId, version, title, defaultNext }: { articleId: number; version: number; title: string; defaultNext: string }) {
  const t = useTranslations("knowledge.reviews");
  const [next, setNext] = useState(defaultNext);
  const mark = useAction(markArticleReviewedAction, { success: t("reviewed") });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label={t("markOf", { title })}
      onSubmit={(e) => {
        e.preventDefault();
        void mark.run({ articleId, version, nextReview: next });
      }}
    >
      <Field id={`kb-next-${articleId}`} label={t("nextReview")} error={mark.fieldError("nextReview") ?? mark.error ?? undefined} className="w-40">
        <TextInput type="date" value={next} onChange={(e) => setNext(e.target.value)} />
      </Field>
      <Button type="submit" size="sm" pending={mark.pending} aria-label={t("markOf", { title })}>
        {t("markReviewed")}
      </Button>
    </form>
  );
}

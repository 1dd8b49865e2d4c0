"use client";

import { useTranslations } from "next-intl";
import { rateArticleAction } from "@/app/(app)/knowledge/actions";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";

/** "Was this helpful?": one vote per person (a second one replaces it); the votes rank the article in search. */
export function HelpfulButtons({ articleId, myVote, helpfulCount, unhelpfulCount }: { articleId: number; myVote: boolean | null; helpfulCount: number; unhelpfulCount: number }) {
  const t = useTranslations("knowledge.article");
  const vote = useAction(rateArticleAction, { success: t("thanks") });
  return (
    <div role="group" aria-labelledby="kb-helpful" className="flex flex-wrap items-center gap-2 text-sm">
      <span id="kb-helpful">{t("helpfulQuestion")}</span>
      <Button size="sm" variant={myVote === true ? "primary" : "secondary"} aria-pressed={myVote === true} pending={vote.pending} onClick={() => vote.run({ articleId, helpful: true })}>
        {t("yes")}
      </Button>
      <Button size="sm" variant={myVote === false ? "primary" : "secondary"} aria-pressed={myVote === false} pending={vote.pending} onClick={() => vote.run({ articleId, helpful: false })}>
        {t("no")}
      </Button>
      <span className="text-xs text-slate-500">{t("votes", { yes: helpfulCount, no: unhelpfulCount })}</span>
      {vote.error && <span className="text-xs text-bad">{vote.error}</span>}
    </div>
  );
}

"use server";

import { action } from "@/lib/shared/action";
import { createArticle, markArticleReviewed, removeArticleAttachment, restoreRevision, updateArticle } from "@/lib/knowledge/commands";
import { rateArticle } from "@/lib/knowledge/feedback-commands";
import { attachmentRef, createArticleInput, markReviewedInput, restoreRevisionInput, updateArticleInput } from "@/lib/knowledge/schemas";
import { articleFeedbackInput } from "@/lib/knowledge/search-schemas";

// The knowledge base (issue 24, docs/knowledge.md): writers (knowledge:write) create and edit
// articles, restore revisions, mark reviews done and remove attachments; every reader votes.

export const createArticleAction = action(createArticleInput, createArticle, { revalidate: "/knowledge" });
export const updateArticleAction = action(updateArticleInput, updateArticle, { revalidate: (i) => [`/knowledge/${i.id}`, "/knowledge"] });
export const restoreRevisionAction = action(restoreRevisionInput, restoreRevision, { revalidate: (i) => [`/knowledge/${i.articleId}`, `/knowledge/${i.articleId}/revisions`] });
export const markArticleReviewedAction = action(markReviewedInput, markArticleReviewed, { revalidate: (i) => ["/knowledge/reviews", `/knowledge/${i.articleId}`] });
export const removeArticleAttachmentAction = action(attachmentRef, removeArticleAttachment, { revalidate: "/knowledge" });
export const rateArticleAction = action(articleFeedbackInput, rateArticle, { revalidate: (i) => `/knowledge/${i.articleId}` });

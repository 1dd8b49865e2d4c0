"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { createArticleAction, updateArticleAction } from "@/app/(app)/knowledge/actions";
import type { ArticleFormChoices } from "@/lib/knowledge/queries";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { MultiSelect } from "@/components/ui/multi-select";
import { useAction } from "@/components/ui/use-action";
import { HtmlEditor } from "@/components/knowledge/html-editor";

const STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
const ROLES = ["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"] as const;
type Role = (typeof ROLES)[number];

export interface ArticleFormValues {
  categoryId: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  tags: string;
  status: (typeof STATUSES)[number];
  visibleTo: Role[];
  ownerId: string;
  reviewDue: string;
  complaintCategoryIds: string[];
  planIds: string[];
  relatedIds: string[];
}

/** Creates an article, or edits one (with its version: a concurrent edit is a conflict, nothing is lost). */
export function ArticleForm({ choices, initial, article, roleLabels }: { choices: ArticleFormChoices; initial: ArticleFormValues; article?: { id: number; version: number }; roleLabels: Record<Role, string> }) {
  const t = useTranslations("knowledge.form");
  const te = useTranslations("enums.kbArticleStatus");
  const en = useLocale() === "en";
  const router = useRouter();
  const [v, setV] = useState(initial);
  const [note, setNote] = useState("");
  const set = <K extends keyof ArticleFormValues>(k: K) => (value: ArticleFormValues[K]) => setV((s) => ({ ...s, [k]: value }));
  const create = useAction(createArticleAction, { success: t("created"), refresh: false, onSuccess: (d) => router.push(`/knowledge/${d.id}`) });
  const update = useAction(updateArticleAction, { success: t("saved"), refresh: false, onSuccess: (d) => router.push(`/knowledge/${d.id}`) });
  const act = article ? update : create;
  const fe = act.fieldError;
  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = {
      categoryId: Number(v.categoryId) || 0,
      titleZh: v.titleZh,
      titleEn: v.titleEn,
      bodyZh: v.bodyZh,
      bodyEn: v.bodyEn,
      tags: v.tags,
      status: v.status,
      visibleTo: v.visibleTo,
      ownerId: Number(v.ownerId) || 0,
      reviewDue: v.reviewDue || null,
      complaintCategoryIds: v.complaintCategoryIds.map(Number),
      planIds: v.planIds.map(Number),
      relatedIds: v.relatedIds.map(Number),
      note,
    };
    void (article ? update.run({ ...input, id: article.id, version: article.version }) : create.run(input));
  }
  const name = (o: { nameZh: string; nameEn: string }) => (en ? o.nameEn : o.nameZh);
  return (
    <form onSubmit={submit} aria-label={article ? t("editTitle") : t("newTitle")} className="space-y-4">
      {act.error && <Alert tone="error">{act.error}</Alert>}
      <div className="grid gap-3 lg:grid-cols-2">
        <Field id="kb-title-zh" label={t("titleZh")} error={fe("titleZh")} required>
          <TextInput lang="zh-CN" value={v.titleZh} onChange={(e) => set("titleZh")(e.target.value)} maxLength={200} />
        </Field>
        <Field id="kb-title-en" label={t("titleEn")} error={fe("titleEn")}>
          <TextInput lang="en" value={v.titleEn} onChange={(e) => set("titleEn")(e.target.value)} maxLength={200} />
        </Field>
        <Field id="kb-category" label={t("category")} error={fe("categoryId")} required>
          <Select
            value={v.categoryId}
            onChange={(e) => set("categoryId")(e.target.value)}
            placeholder={t("choose")}
            options={choices.categories.map((c) => ({ value: String(c.id), label: `${"\u00a0\u00a0".repeat(c.depth)}${name(c)}` }))}
          />
        </Field>
        <Field id="kb-tags" label={t("tags")} hint={t("tagsHint")} error={fe("tags") ?? fe("tags.0")}>
          <TextInput value={v.tags} onChange={(e) => set("tags")(e.target.value)} maxLength={400} />
        </Field>
        <Field id="kb-status" label={t("status")} error={fe("status")} required>
          <Select value={v.status} onChange={(e) => set("status")(e.target.value as ArticleFormValues["status"])} options={STATUSES.map((s) => ({ value: s, label: te(s) }))} />
        </Field>
        <Field id="kb-visible" label={t("visibleTo")} hint={t("visibleHint")} error={fe("visibleTo")}>
          <MultiSelect label={t("visibleTo")} placeholder={t("everyone")} value={v.visibleTo} onChange={(x) => set("visibleTo")(x as Role[])} options={ROLES.map((r) => ({ value: r, label: roleLabels[r] }))} />
        </Field>
        <Field id="kb-owner" label={t("owner")} hint={t("ownerHint")} error={fe("ownerId")} required>
          <Select value={v.ownerId} onChange={(e) => set("ownerId")(e.target.value)} placeholder={t("choose")} options={choices.owners.map((o) => ({ value: String(o.id), label: o.name }))} />
        </Field>
        <Field id="kb-review" label={t("reviewDue")} hint={t("reviewHint")} error={fe("reviewDue")}>
          <TextInput type="date" value={v.reviewDue} onChange={(e) => set("reviewDue")(e.target.value)} />
        </Field>
        <Field id="kb-complaints" label={t("complaintCategories")} hint={t("complaintCategoriesHint")} error={fe("complaintCategoryIds")}>
          <MultiSelect
            label={t("complaintCategories")}
            placeholder={t("none")}
            value={v.complaintCategoryIds}
            onChange={set("complaintCategoryIds")}
            options={choices.complaintCategories.map((c) => ({ value: String(c.id), label: name(c) }))}
          />
        </Field>
        <Field id="kb-plans" label={t("plans")} error={fe("planIds")}>
          <MultiSelect label={t("plans")} placeholder={t("none")} value={v.planIds} onChange={set("planIds")} options={choices.plans.map((p) => ({ value: String(p.id), label: `${name(p)} (${p.code})` }))} />
        </Field>
        <Field id="kb-related" label={t("related")} hint={t("relatedHint")} error={fe("relatedIds")} className="lg:col-span-2">
          <MultiSelect
            label={t("related")}
            placeholder={t("none")}
            value={v.relatedIds}
            onChange={set("relatedIds")}
            options={choices.articles.filter((a) => a.id !== article?.id).map((a) => ({ value: String(a.id), label: en && a.titleEn ? a.titleEn : a.titleZh }))}
          />
        </Field>
      </div>
      <Field id="kb-body-zh" label={t("bodyZh")} hint={t("bodyHint")} error={fe("bodyZh")}>
        <HtmlEditor label={t("bodyZh")} lang="zh-CN" value={v.bodyZh} onChange={set("bodyZh")} maxLength={60000} />
      </Field>
      <Field id="kb-body-en" label={t("bodyEn")} hint={t("bodyHint")} error={fe("bodyEn")}>
        <HtmlEditor label={t("bodyEn")} lang="en" value={v.bodyEn} onChange={set("bodyEn")} maxLength={60000} />
      </Field>
      <Field id="kb-note" label={t("note")} hint={t("noteHint")} error={fe("note")}>
        <TextInput value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" pending={act.pending}>
          {article ? t("save") : t("create")}
        </Button>
        <ButtonLink href={article ? `/knowledge/${article.id}` : "/knowledge"}>{t("cancel")}</ButtonLink>
      </div>
    </form>
  );
}

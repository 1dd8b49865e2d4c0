"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { createKbCategoryAction, updateKbCategoryAction } from "@/app/(app)/admin/knowledge/actions";
import type { KbCategoryNode } from "@/lib/knowledge/queries";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Dialog, DialogFooter } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

interface Draft {
  code: string;
  parentId: string;
  nameZh: string;
  nameEn: string;
  sortOrder: string;
}
const EMPTY: Draft = { code: "", parentId: "", nameZh: "", nameEn: "", sortOrder: "0" };

/** The category tree: add a category, rename or move one (a category never moves under itself). */
export function CategoryAdmin({ categories }: { categories: KbCategoryNode[] }) {
  const t = useTranslations("knowledge.admin");
  const en = useLocale() === "en";
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<KbCategoryNode | null>(null);
  const [edit, setEdit] = useState<Draft>(EMPTY);
  const add = useAction(createKbCategoryAction, { success: t("categoryAdded"), onSuccess: () => setDraft(EMPTY) });
  const save = useAction(updateKbCategoryAction, { success: t("categorySaved"), onSuccess: () => setEditing(null) });
  const name = (c: KbCategoryNode) => (en ? c.nameEn : c.nameZh);
  const parents = (exclude?: number) => categories.filter((c) => c.id !== exclude).map((c) => ({ value: String(c.id), label: `${"\u00a0\u00a0".repeat(c.depth)}${name(c)}` }));
  const set = (k: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const setE = (k: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setEdit((d) => ({ ...d, [k]: e.target.value }));
  return (
    <div className="space-y-3">
      <DataTable
        label={t("categories")}
        columns={[
          { id: "name", header: t("name") },
          { id: "code", header: t("code"), format: "code" },
          { id: "sortOrder", header: t("sortOrder"), format: "integer" },
          { id: "articleCount", header: t("articles"), format: "integer" },
          { id: "edit", header: <span className="sr-only">{t("edit")}</span> },
        ]}
        rows={categories.map((c) => ({
          id: c.id,
          name: <span style={{ paddingLeft: `${c.depth}rem` }}>{name(c)}</span>,
          code: c.code,
          sortOrder: c.sortOrder,
          articleCount: c.articleCount,
          edit: (
            <Button
              size="sm"
              variant="ghost"
              aria-label={t("editOf", { name: name(c) })}
              onClick={() => {
                setEditing(c);
                setEdit({ code: c.code, parentId: c.parentId ? String(c.parentId) : "", nameZh: c.nameZh, nameEn: c.nameEn, sortOrder: String(c.sortOrder) });
              }}
            >
              {t("edit")}
            </Button>
          ),
        }))}
        empty={t("noCategories")}
      />
      <Dialog
        open={!!editing}
        onOpenChange={(o) => !o && setEditing(null)}
        title={editing ? t("editOf", { name: name(editing) }) : ""}
        footer={
          <DialogFooter
            submitLabel={t("save")}
            pending={save.pending}
            onSubmit={() => editing && save.run({ id: editing.id, version: editing.version, parentId: Number(edit.parentId) || null, nameZh: edit.nameZh, nameEn: edit.nameEn, sortOrder: Number(edit.sortOrder) || 0 })}
          />
        }
      >
        <div className="space-y-3">
          {save.error && !Object.keys(save.fields).length && <Alert tone="error">{save.error}</Alert>}
          <Field id="kbc-edit-zh" label={t("nameZh")} error={save.fieldError("nameZh")} required>
            <TextInput value={edit.nameZh} onChange={setE("nameZh")} maxLength={60} />
          </Field>
          <Field id="kbc-edit-en" label={t("nameEn")} error={save.fieldError("nameEn")} required>
            <TextInput value={edit.nameEn} onChange={setE("nameEn")} maxLength={80} />
          </Field>
          <Field id="kbc-edit-parent" label={t("parent")} error={save.fieldError("parentId")}>
            <Select value={edit.parentId} onChange={setE("parentId")} placeholder={t("noParent")} options={parents(editing?.id)} />
          </Field>
          <Field id="kbc-edit-sort" label={t("sortOrder")} error={save.fieldError("sortOrder")}>
            <TextInput type="number" min={0} max={9999} value={edit.sortOrder} onChange={setE("sortOrder")} />
          </Field>
        </div>
      </Dialog>
      <form
        aria-label={t("addCategory")}
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void add.run({ code: draft.code, parentId: Number(draft.parentId) || null, nameZh: draft.nameZh, nameEn: draft.nameEn, sortOrder: Number(draft.sortOrder) || 0 });
        }}
      >
        {add.error && !Object.keys(add.fields).length && <Alert tone="error">{add.error}</Alert>}
        <Field id="kbc-code" label={t("code")} hint={t("codeHint")} error={add.fieldError("code")} className="w-44" required>
          <TextInput value={draft.code} onChange={set("code")} maxLength={40} />
        </Field>
        <Field id="kbc-zh" label={t("nameZh")} error={add.fieldError("nameZh")} className="w-40" required>
          <TextInput value={draft.nameZh} onChange={set("nameZh")} maxLength={60} />
        </Field>
        <Field id="kbc-en" label={t("nameEn")} error={add.fieldError("nameEn")} className="w-48" required>
          <TextInput value={draft.nameEn} onChange={set("nameEn")} maxLength={80} />
        </Field>
        <Field id="kbc-parent" label={t("parent")} error={add.fieldError("parentId")} className="w-48">
          <Select value={draft.parentId} onChange={set("parentId")} placeholder={t("noParent")} options={parents()} />
        </Field>
        <Field id="kbc-sort" label={t("sortOrder")} error={add.fieldError("sortOrder")} className="w-24">
          <TextInput type="number" min={0} max={9999} value={draft.sortOrder} onChange={set("sortOrder")} />
        </Field>
        <Button type="submit" pending={add.pending}>
          {t("addCategory")}
        </Button>
      </form>
    </div>
  );
}

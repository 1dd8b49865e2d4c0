"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { deleteSynonymGroupAction, saveSynonymGroupAction } from "@/app/(app)/admin/knowledge/actions";
import type { SynonymGroupRow } from "@/lib/knowledge/queries";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";

/** Synonym groups: any term of a group finds articles with the others ("宽带, 光纤, broadband"). */
export function SynonymAdmin({ groups }: { groups: SynonymGroupRow[] }) {
  const t = useTranslations("knowledge.admin");
  const [terms, setTerms] = useState("");
  const [editing, setEditing] = useState<SynonymGroupRow | null>(null);
  const [deleting, setDeleting] = useState<SynonymGroupRow | null>(null);
  const save = useAction(saveSynonymGroupAction, {
    success: t("groupSaved"),
    onSuccess: () => {
      setTerms("");
      setEditing(null);
    },
  });
  const remove = useAction(deleteSynonymGroupAction, { success: t("groupDeleted"), onSuccess: () => setDeleting(null) });
  return (
    <div className="space-y-3">
      <DataTable
        label={t("synonyms")}
        columns={[
          { id: "terms", header: t("terms") },
          { id: "actions", header: <span className="sr-only">{t("edit")}</span> },
        ]}
        rows={groups.map((g) => ({
          id: g.id,
          terms: <span>{g.terms.join(" · ")}</span>,
          actions: (
            <span className="flex justify-end gap-1">
              <Button
                size="sm"
                variant="ghost"
                aria-label={t("editOf", { name: g.terms.join(", ") })}
                onClick={() => {
                  setEditing(g);
                  setTerms(g.terms.join(", "));
                }}
              >
                {t("edit")}
              </Button>
              <Button size="sm" variant="ghost" aria-label={t("deleteOf", { name: g.terms.join(", ") })} onClick={() => setDeleting(g)}>
                {t("delete")}
              </Button>
            </span>
          ),
        }))}
        empty={t("noSynonyms")}
      />
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t("deleteTitle")}
        description={deleting ? t("deleteText", { terms: deleting.terms.join(", ") }) : ""}
        confirmLabel={t("delete")}
        pending={remove.pending}
        onConfirm={() => deleting && remove.run({ id: deleting.id })}
      />
      <form
        aria-label={editing ? t("editGroup") : t("addGroup")}
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(editing ? { id: editing.id, version: editing.version, terms } : { terms });
        }}
      >
        {save.error && !Object.keys(save.fields).length && <Alert tone="error">{save.error}</Alert>}
        <Field id="kbs-terms" label={editing ? t("editGroup") : t("terms")} hint={t("termsHint")} error={save.fieldError("terms")} className="min-w-72 flex-1">
          <TextInput value={terms} onChange={(e) => setTerms(e.target.value)} maxLength={400} />
        </Field>
        <Button type="submit" pending={save.pending}>
          {editing ? t("saveGroup") : t("addGroup")}
        </Button>
        {editing && (
          <Button
            variant="ghost"
            onClick={() => {
              setEditing(null);
              setTerms("");
            }}
          >
            {t("cancel")}
          </Button>
        )}
      </form>
    </div>
  );
}

"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { removeArticleAttachmentAction } from "@/app/(app)/knowledge/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FileInput } from "@/components/ui/file-input";
import { toast } from "@/components/ui/toaster";
import { useAction, useErrorText } from "@/components/ui/use-action";

interface AttachmentRow {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
  at: string;
}

/** An article's files: download links for readers; upload (through the route handler) and remove for writers. */
export function AttachmentList({ articleId, attachments, canWrite }: { articleId: number; attachments: AttachmentRow[]; canWrite: boolean }) {
  const t = useTranslations("knowledge.article");
  const tf = useTranslations("errors.field");
  const errorText = useErrorText();
  const router = useRouter();
  const file = useRef<HTMLInputElement>(null);
  const [uploading, startUpload] = useTransition();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<AttachmentRow | null>(null);
  const remove = useAction(removeArticleAttachmentAction, { success: t("removed"), onSuccess: () => setRemoving(null) });
  const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

  function upload(e: React.FormEvent) {
    e.preventDefault();
    const f = file.current?.files?.[0];
    if (!f) {
      setUploadError(tf("required"));
      return;
    }
    startUpload(async () => {
      const body = new FormData();
      body.set("file", f);
      const res = await fetch(`/api/knowledge/articles/${articleId}/attachments`, { method: "POST", body }).catch(() => null);
      const json = res ? await res.json().catch(() => null) : null;
      if (res?.ok) {
        setUploadError(null);
        if (file.current) file.current.value = "";
        toast.success(t("uploaded"));
        router.refresh();
      } else if (json?.fields?.file) setUploadError(tf(json.fields.file));
      else setUploadError(errorText(json?.error ?? "generic"));
    });
  }

  return (
    <div className="space-y-3">
      {attachments.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noAttachments")}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {attachments.map((f) => (
            <li key={f.id} className="flex items-center justify-between gap-2">
              <a href={`/api/knowledge/attachments/${f.id}`} className="min-w-0 truncate text-brand-700 hover:underline" title={f.fileName}>
                {f.fileName}
              </a>
              <span className="flex shrink-0 items-center gap-1 text-xs tabular-nums text-slate-500">
                {kb(f.size)}
                {canWrite && (
                  <Button size="sm" variant="ghost" aria-label={t("removeOf", { name: f.fileName })} onClick={() => setRemoving(f)}>
                    {t("remove")}
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form onSubmit={upload} aria-label={t("upload")} className="space-y-2">
          <Field id="kb-file" label={t("file")} hint={t("fileHint")} error={uploadError ?? undefined}>
            <FileInput ref={file} name="file" accept="application/pdf,image/png,image/jpeg,text/plain" />
          </Field>
          <Button type="submit" size="sm" pending={uploading}>
            {t("upload")}
          </Button>
        </form>
      )}
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={t("removeTitle")}
        description={removing ? t("removeText", { name: removing.fileName }) : ""}
        confirmLabel={t("remove")}
        pending={remove.pending}
        onConfirm={() => removing && remove.run({ id: removing.id })}
      />
    </div>
  );
}

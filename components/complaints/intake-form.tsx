"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { openComplaintAction } from "@/app/(app)/complaints/actions";
import { COMPLAINT_CHANNELS, COMPLAINT_GRADES } from "@/lib/complaints/schemas";
import { useActionError } from "@/components/complaints/use-action-error";

interface Props {
  customerId: number;
  lines: { id: number; msisdnMasked: string }[];
  categories: { id: number; parentId: number | null; nameZh: string; nameEn: string }[];
}

const input = "w-full rounded border border-slate-300 px-2 py-1.5 text-sm";

export function IntakeForm({ customerId, lines, categories }: Props) {
  const t = useTranslations("complaints");
  const locale = useLocale();
  const errorText = useActionError();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  // One key per form render: a double click or a retry of the same submission opens one complaint.
  const [key] = useState(() => crypto.randomUUID());
  const [grade, setGrade] = useState<string>("GENERAL");
  const name = (c: { nameZh: string; nameEn: string }) => (locale === "en" ? c.nameEn : c.nameZh);
  const parents = categories.filter((c) => c.parentId === null);

  return (
    <form
      className="card max-w-3xl space-y-3 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        start(async () => {
          const r = await openComplaintAction(form);
          if (!r.ok) {
            setError(errorText(r.error));
            setFields(r.fields ?? {});
            return;
          }
          router.push(`/complaints/${r.data.id}`);
        });
      }}
    >
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="mb-1 block text-slate-600">{t("form.category")}</span>
          <select name="categoryId" required className={input} aria-invalid={!!fields.categoryId}>
            {parents.map((p) => (
              <optgroup key={p.id} label={name(p)}>
                <option value={p.id}>{name(p)}</option>
                {categories
                  .filter((c) => c.parentId === p.id)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {name(p)} / {name(c)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block text-slate-600">{t("form.grade")}</span>
          <select name="grade" value={grade} onChange={(e) => setGrade(e.target.value)} className={input}>
            {COMPLAINT_GRADES.map((g) => (
              <option key={g} value={g}>
                {t(`grade.${g}`)}
              </option>
            ))}
          </select>
          <span className="mt-1 block text-xs text-slate-500">{t(`gradeHelp.${grade}`)}</span>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block text-slate-600">{t("form.line")}</span>
          <select name="lineId" className={input} defaultValue="">
            <option value="">{t("form.noLine")}</option>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.msisdnMasked}
              </option>
            ))}
          </select>
        </label>
        <ChannelSelect />
      </div>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600">{t("form.summary")}</span>
        <input name="summary" required maxLength={200} className={input} aria-invalid={!!fields.summary} />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600">{t("form.details")}</span>
        <textarea name="details" rows={4} maxLength={4000} className={input} />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600">{t("form.attachment")}</span>
        <input type="file" name="attachment" accept="image/png,image/jpeg,application/pdf,text/plain" className="text-sm" aria-invalid={!!fields.attachment} />
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isAppeal" />
        {t("form.appeal")}
      </label>
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("form.submitting") : t("form.submit")}
      </button>
    </form>
  );
}

function ChannelSelect() {
  const t = useTranslations();
  return (
    <label className="block text-sm">
      <span className="mb-1 block text-slate-600">{t("complaints.form.channel")}</span>
      <select name="channel" className={input} defaultValue="HOTLINE">
        {COMPLAINT_CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`enums.channel.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { Button, ButtonLink } from "@/components/ui/button";
import { Badge, Card, Section } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { TextArea, TextInput } from "@/components/ui/inputs";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/components/ui/cn";
import type { CategoryNode, RootCauseNode } from "@/lib/complaints/categories";
import {
  addRootCauseAction,
  createCategoryAction,
  moveCategoryAction,
  renameRootCauseAction,
  reorderCategoryAction,
  reorderRootCauseAction,
  setCategoryActiveAction,
  setRootCauseActiveAction,
  updateCategoryAction,
} from "@/app/(app)/admin/categories/actions";

// The category tree editor: the tree (select, move up/down with buttons) and the selected
// category's details, place in the tree, status and root causes.

const GRADES = ["GENERAL", "COMPLEX", "MAJOR"] as const;

type Named = { nameZh: string; nameEn: string };
function useNamed() {
  const locale = useLocale();
  return (x: Named) => (locale === "en" ? x.nameEn : x.nameZh);
}

export function CategoryTree({ tree, selectedId }: { tree: CategoryNode[]; selectedId: number | null }) {
  const t = useTranslations("categoryAdmin");
  const named = useNamed();
  const { run, pending } = useAction(reorderCategoryAction);
  const siblingsOf = (c: CategoryNode) => tree.filter((x) => x.parentId === c.parentId);
  return (
    <ul aria-label={t("tree")} className="divide-y divide-slate-100 text-sm">
      {tree.map((c) => {
        const sibs = siblingsOf(c);
        const i = sibs.findIndex((x) => x.id === c.id);
        const name = named(c);
        return (
          <li key={c.id} className={cn("flex items-center gap-1 py-1 pr-1", c.id === selectedId && "bg-brand-50")} style={{ paddingLeft: `${0.5 + c.depth * 1.25}rem` }}>
            <Link href={`/admin/categories?id=${c.id}`} aria-current={c.id === selectedId ? "page" : undefined} className="min-w-0 flex-1 truncate text-brand-700 hover:underline" title={name}>
              {c.depth > 0 ? "└ " : ""}
              {name}
            </Link>
            {!c.isActive && <Badge tone="paused">{t("inactive")}</Badge>}
            <Button size="sm" variant="ghost" aria-label={`${t("moveUp")} ${name}`} title={t("moveUp")} disabled={i <= 0 || pending} onClick={() => run({ id: c.id, version: c.version, direction: "up" })}>
              ↑
            </Button>
            <Button size="sm" variant="ghost" aria-label={`${t("moveDown")} ${name}`} title={t("moveDown")} disabled={i === sibs.length - 1 || pending} onClick={() => run({ id: c.id, version: c.version, direction: "down" })}>
              ↓
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

/** A form creating a category under `parentId` (top level when null), then selecting it. */
export function NewCategoryForm({ parentId, title }: { parentId: number | null; title: string }) {
  const t = useTranslations("categoryAdmin");
  const router = useRouter();
  const id = `new-${parentId ?? "root"}`;
  return (
    <ActionForm
      action={createCategoryAction}
      success={t("created")}
      resetOnSuccess
      onSuccess={(d: { id: number }) => router.push(`/admin/categories?id=${d.id}`)}
      aria-label={title}
      className="space-y-2"
    >
      {({ pending, fieldError }) => (
        <>
          <input type="hidden" name="parentId" value={parentId ?? ""} />
          <div className="grid gap-2 sm:grid-cols-3">
            <Field id={`${id}-nameZh`} label={t("nameZh")} error={fieldError("nameZh")} required>
              <TextInput name="nameZh" maxLength={60} />
            </Field>
            <Field id={`${id}-nameEn`} label={t("nameEn")} error={fieldError("nameEn")} required>
              <TextInput name="nameEn" maxLength={80} />
            </Field>
            <Field id={`${id}-code`} label={t("code")} hint={t("codeHint")} error={fieldError("code")}>
              <TextInput name="code" maxLength={40} className="font-mono" />
            </Field>
          </div>
          <Button type="submit" size="sm" pending={pending}>
            {title}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

export function CategoryEditor({ category: c, tree, inherited }: { category: CategoryNode; tree: CategoryNode[]; inherited: { from: Named; causes: RootCauseNode[] } | null }) {
  const t = useTranslations("categoryAdmin");
  const named = useNamed();
  const name = named(c);
  // Not itself or anything under it (a loop), and only active categories can take children.
  const below = new Set<number>([c.id]);
  for (const x of tree) if (x.parentId != null && below.has(x.parentId)) below.add(x.id);
  const parents = tree.filter((x) => !below.has(x.id) && x.isActive);
  const move = useAction(moveCategoryAction, { success: t("moved") });
  const active = useAction(setCategoryActiveAction, { success: c.isActive ? t("deactivated") : t("activated") });
  return (
    <div className="space-y-4">
      <Section
        title={
          <span className="flex items-center gap-2">
            {name} <code className="text-xs font-normal text-slate-500">{c.code}</code> {!c.isActive && <Badge tone="paused">{t("inactive")}</Badge>}
          </span>
        }
        actions={
          <ButtonLink href={`/admin/sla?category=${encodeURIComponent(c.code)}`} size="sm" variant="link">
            {t("slaCells")}
          </ButtonLink>
        }
      >
        <ActionForm action={updateCategoryAction} success={t("saved")} aria-label={t("details")} className="space-y-3">
          {({ pending, fieldError }) => (
            <>
              <input type="hidden" name="id" value={c.id} />
              <input type="hidden" name="version" value={c.version} />
              <div className="grid gap-3 sm:grid-cols-2">
                <Field id="cat-nameZh" label={t("nameZh")} error={fieldError("nameZh")} required>
                  <TextInput name="nameZh" defaultValue={c.nameZh} maxLength={60} />
                </Field>
                <Field id="cat-nameEn" label={t("nameEn")} error={fieldError("nameEn")} required>
                  <TextInput name="nameEn" defaultValue={c.nameEn} maxLength={80} />
                </Field>
                <Field id="cat-scriptZh" label={t("scriptZh")} error={fieldError("scriptZh")}>
                  <TextArea name="scriptZh" rows={3} defaultValue={c.scriptZh} maxLength={2000} />
                </Field>
                <Field id="cat-scriptEn" label={t("scriptEn")} error={fieldError("scriptEn")}>
                  <TextArea name="scriptEn" rows={3} defaultValue={c.scriptEn} maxLength={2000} />
                </Field>
                <Field id="cat-grade" label={t("defaultGrade")} hint={t("defaultGradeHint")} error={fieldError("defaultGrade")}>
                  <Select name="defaultGrade" defaultValue={c.defaultGrade} options={GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
                </Field>
                <Field id="cat-skills" label={t("skills")} hint={t("skillsHint")} error={fieldError("skillTags")}>
                  <TextInput name="skillTags" defaultValue={c.skillTags.join(", ")} maxLength={300} />
                </Field>
              </div>
              <Button type="submit" variant="primary" pending={pending}>
                {t("save")}
              </Button>
            </>
          )}
        </ActionForm>
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title={t("place")}>
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const parentId = new FormData(e.currentTarget).get("parentId");
              move.run({ id: c.id, version: c.version, parentId: parentId === "" ? null : Number(parentId) });
            }}
          >
            <Field id="cat-parent" label={t("parent")} error={move.fieldError("parentId")} className="min-w-56 flex-1">
              <Select
                name="parentId"
                defaultValue={c.parentId ?? ""}
                options={[{ value: "", label: t("topLevel") }, ...parents.map((p) => ({ value: p.id, label: `${"\u00a0\u00a0".repeat(p.depth)}${named(p)}` }))]}
              />
            </Field>
            <Button type="submit" pending={move.pending}>
              {t("move")}
            </Button>
          </form>
          {move.error && !Object.keys(move.fields).length && <p className="mt-2 text-sm text-bad">{move.error}</p>}
        </Section>
        <Section title={t("status")}>
          <p className="mb-2 text-sm text-slate-600">{c.isActive ? t("activeHint") : t("inactiveHint")}</p>
          {c.isActive ? (
            <ConfirmDialog
              trigger={<Button variant="danger">{t("deactivate")}</Button>}
              title={t("deactivateTitle", { name })}
              description={t("deactivateHint")}
              confirmLabel={t("deactivate")}
              pending={active.pending}
              onConfirm={() => active.run({ id: c.id, version: c.version, isActive: false })}
            />
          ) : (
            <Button pending={active.pending} onClick={() => active.run({ id: c.id, version: c.version, isActive: true })}>
              {t("activate")}
            </Button>
          )}
          {active.fieldError("isActive") && (
            <p role="alert" className="mt-2 text-sm text-bad">
              {active.fieldError("isActive")}
            </p>
          )}
        </Section>
      </div>

      <RootCauses category={c} inherited={inherited} />

      {c.isActive && (
        <Section title={t("addChild", { name })}>
          <NewCategoryForm parentId={c.id} title={t("addChildButton")} />
        </Section>
      )}
    </div>
  );
}

function RootCauses({ category: c, inherited }: { category: CategoryNode; inherited: { from: Named; causes: RootCauseNode[] } | null }) {
  const t = useTranslations("categoryAdmin");
  const named = useNamed();
  const reorder = useAction(reorderRootCauseAction);
  const active = useAction(setRootCauseActiveAction);
  return (
    <Section title={t("rootCauses")} description={t("rootCausesHint")}>
      {c.rootCauses.length === 0 && (
        <p className="mb-3 text-sm text-slate-600">
          {inherited ? t("inheritsCauses", { name: named(inherited.from), causes: inherited.causes.map(named).join("、") }) : t("noCauses")}
        </p>
      )}
      <ul className="space-y-2">
        {c.rootCauses.map((r, i) => {
          const name = named(r);
          return (
            <li key={r.id}>
              <Card className={cn("p-2", !r.isActive && "bg-slate-50")}>
                <ActionForm action={renameRootCauseAction} success={t("saved")} aria-label={name} className="flex flex-wrap items-end gap-2">
                  {({ pending, fieldError }) => (
                    <>
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="version" value={r.version} />
                      <code className="pb-1.5 text-xs text-slate-500">{r.code}</code>
                      <Field id={`rc-${r.id}-zh`} label={t("nameZh")} error={fieldError("nameZh")} className="w-40">
                        <TextInput name="nameZh" defaultValue={r.nameZh} maxLength={60} />
                      </Field>
                      <Field id={`rc-${r.id}-en`} label={t("nameEn")} error={fieldError("nameEn")} className="w-48">
                        <TextInput name="nameEn" defaultValue={r.nameEn} maxLength={80} />
                      </Field>
                      <Button type="submit" size="sm" pending={pending} aria-label={`${t("save")} ${name}`}>
                        {t("save")}
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={`${t("moveUp")} ${name}`} disabled={i === 0 || reorder.pending} onClick={() => reorder.run({ id: r.id, version: r.version, direction: "up" })}>
                        ↑
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={`${t("moveDown")} ${name}`} disabled={i === c.rootCauses.length - 1 || reorder.pending} onClick={() => reorder.run({ id: r.id, version: r.version, direction: "down" })}>
                        ↓
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={`${r.isActive ? t("deactivate") : t("activate")} ${name}`} pending={active.pending} onClick={() => active.run({ id: r.id, version: r.version, isActive: !r.isActive })}>
                        {r.isActive ? t("deactivate") : t("activate")}
                      </Button>
                      {!r.isActive && <Badge tone="paused">{t("inactive")}</Badge>}
                    </>
                  )}
                </ActionForm>
              </Card>
            </li>
          );
        })}
      </ul>
      <ActionForm action={addRootCauseAction} success={t("causeAdded")} resetOnSuccess aria-label={t("addCause")} className="mt-3 flex flex-wrap items-end gap-2">
        {({ pending, fieldError }) => (
          <>
            <input type="hidden" name="categoryId" value={c.id} />
            <Field id="rc-new-zh" label={t("newCauseZh")} error={fieldError("nameZh")} className="w-40">
              <TextInput name="nameZh" maxLength={60} />
            </Field>
            <Field id="rc-new-en" label={t("newCauseEn")} error={fieldError("nameEn")} className="w-48">
              <TextInput name="nameEn" maxLength={80} />
            </Field>
            <Field id="rc-new-code" label={t("code")} error={fieldError("code")} className="w-36">
              <TextInput name="code" maxLength={40} className="font-mono" />
            </Field>
            <Button type="submit" size="sm" pending={pending}>
              {t("addCause")}
            </Button>
          </>
        )}
      </ActionForm>
    </Section>
  );
}

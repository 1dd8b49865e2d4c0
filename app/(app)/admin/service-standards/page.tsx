import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { getServiceStandards } from "@/lib/complaints/standards";
import { saveCalendarAction, saveCategoryAction, saveCompensationLimitAction, saveEscalationStepAction, saveSlaTargetAction } from "./actions";

const num = "w-20 rounded border border-slate-300 px-1 py-0.5 text-right text-sm tabular-nums";
const btn = "rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100";

export default async function ServiceStandardsPage({ searchParams }: { searchParams: Promise<{ saved?: string; error?: string }> }) {
  const actor = await requireActor();
  if (!can(actor, "serviceStandards:manage")) notFound();
  const t = await getTranslations();
  const s = t.raw("serviceStandards") as Record<string, string>;
  const locale = await getLocale();
  const sp = await searchParams;
  const data = await getServiceStandards(actor);
  const calName = (id: number) => {
    const c = data.calendars.find((x) => x.id === id);
    return c ? (locale === "en" ? c.nameEn : c.nameZh) : "";
  };
  const catName = (code: string) => {
    if (code === "*") return s.all;
    const c = data.categories.find((x) => x.code === code);
    return c ? (locale === "en" ? c.nameEn : c.nameZh) : code;
  };
  const errorText = sp.error ? (sp.error.startsWith("complaints.") ? t(sp.error) : t.has(`errors.${sp.error}`) ? t(`errors.${sp.error}`) : t("errors.generic")) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{s.title}</h1>
      <p className="text-sm text-slate-600">
        {s.intro} {t("serviceStandards.revisions", { n: data.revisions })}
      </p>
      {sp.saved && (
        <p role="status" className="text-sm text-ok">
          {t("complaints.saved")}
        </p>
      )}
      {errorText && (
        <p role="alert" className="text-sm text-bad">
          {errorText}
        </p>
      )}

      <section className="card overflow-x-auto" aria-labelledby="matrix-h">
        <h2 id="matrix-h" className="card-title">
          {s.matrix}
        </h2>
        <table className="data">
          <thead>
            <tr>
              <th>{s.category}</th>
              <th>{t("complaints.col.grade")}</th>
              <th>{s.tier}</th>
              <th>{s.appeal}</th>
              <th className="num">{s.firstResponse}</th>
              <th className="num">{s.feedback}</th>
              <th className="num">{s.resolution}</th>
              <th className="num">{s.cycle}</th>
              <th>{s.calendar}</th>
              <th className="num">{s.warnRatio}</th>
              <th className="num">{s.versions}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.targets.map((r) => {
              const label = `${catName(r.category_code)} ${t(`complaints.grade.${r.grade}`)} ${r.value_tier}${r.is_appeal ? ` ${s.appeal}` : ""}`;
              const formId = `target-${r.id}`;
              return (
                <tr key={r.id}>
                  <td>{catName(r.category_code)}</td>
                  <td>{t(`complaints.grade.${r.grade}`)}</td>
                  <td>{r.value_tier}</td>
                  <td>{r.is_appeal ? s.yes : s.no}</td>
                  {(["first_response_min", "feedback_min", "resolution_min", "cycle_min"] as const).map((k, i) => (
                    <td key={k} className="num">
                      <input
                        form={formId}
                        name={["firstResponseMin", "feedbackMin", "resolutionMin", "cycleMin"][i]}
                        type="number"
                        min={1}
                        defaultValue={r[k]}
                        className={num}
                        aria-label={`${label} ${[s.firstResponse, s.feedback, s.resolution, s.cycle][i]}`}
                      />
                    </td>
                  ))}
                  <td>
                    <select form={formId} name="calendarId" defaultValue={r.calendar_id} className="rounded border border-slate-300 px-1 py-0.5 text-sm" aria-label={`${label} ${s.calendar}`}>
                      {data.calendars.map((c) => (
                        <option key={c.id} value={c.id}>
                          {calName(c.id)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="num">
                    <input form={formId} name="warnRatio" type="number" step="0.05" min={0.1} max={1} defaultValue={r.warn_ratio} className={num} aria-label={`${label} ${s.warnRatio}`} />
                  </td>
                  <td className="num">{r.versions}</td>
                  <td>
                    <form id={formId} action={saveSlaTargetAction}>
                      <input type="hidden" name="id" value={r.id} />
                      <button type="submit" className={btn} aria-label={`${s.save} ${label}`}>
                        {s.save}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="cal-h">
        <h2 id="cal-h" className="card-title">
          {s.calendars}
        </h2>
        <div className="grid gap-4 p-3 lg:grid-cols-2">
          {data.calendars.map((c) => (
            <form key={c.id} action={saveCalendarAction} className="space-y-2 rounded border border-slate-100 p-2">
              <h3 className="text-sm font-semibold">{calName(c.id)}</h3>
              <p className="text-xs text-slate-500">
                {s.timeZone}: {c.definition.timeZone}
                {c.definition.is24x7 ? ` · ${s.is24x7}` : ""} · {t("complaints.detail.version", { v: c.version })}
              </p>
              <input type="hidden" name="id" value={c.id} />
              <input type="hidden" name="version" value={c.version} />
              <div className="grid grid-cols-2 gap-2">
                <label className="text-sm">
                  <span className="mb-1 block text-slate-600">{s.holidays}</span>
                  <textarea name="holidays" rows={6} defaultValue={c.definition.holidays.join("\n")} className="w-full rounded border border-slate-300 px-1 font-mono text-xs" />
                </label>
                <label className="text-sm">
                  <span className="mb-1 block text-slate-600">{s.makeupWorkdays}</span>
                  <textarea
                    name="makeupWorkdays"
                    rows={6}
                    defaultValue={c.definition.makeupWorkdays.map((m) => (typeof m === "string" ? m : m.date)).join("\n")}
                    className="w-full rounded border border-slate-300 px-1 font-mono text-xs"
                  />
                </label>
              </div>
              <button type="submit" className={btn} aria-label={`${s.save} ${calName(c.id)}`}>
                {s.save}
              </button>
            </form>
          ))}
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card" aria-labelledby="ladder-h">
          <h2 id="ladder-h" className="card-title">
            {s.ladder}
          </h2>
          <table className="data">
            <thead>
              <tr>
                <th>{s.level}</th>
                <th>{s.notify}</th>
                <th className="num">{s.delay}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.ladder.map((l) => (
                <tr key={l.level}>
                  <td>{l.level}</td>
                  <td>{t(`roles.${l.notifyRole}`)}</td>
                  <td className="num">
                    <input form={`ladder-${l.level}`} name="delayMin" type="number" min={0} defaultValue={l.delayMin} className={num} aria-label={`${s.level} ${l.level} ${s.delay}`} />
                  </td>
                  <td>
                    <form id={`ladder-${l.level}`} action={saveEscalationStepAction}>
                      <input type="hidden" name="level" value={l.level} />
                      <input type="hidden" name="version" value={l.version} />
                      <button type="submit" className={btn} aria-label={`${s.save} ${s.level} ${l.level}`}>
                        {s.save}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="limits-h">
          <h2 id="limits-h" className="card-title">
            {s.limits}
          </h2>
          <table className="data">
            <thead>
              <tr>
                <th>{s.role}</th>
                <th className="num">{s.creditLimit}</th>
                <th className="num">{s.pointsLimit}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.limits.map((l) => (
                <tr key={l.role}>
                  <td>{t(`roles.${l.role}`)}</td>
                  <td className="num">
                    <input form={`limit-${l.role}`} name="creditLimit" type="number" min={0} step="0.01" defaultValue={l.creditLimit} className={num} aria-label={`${t(`roles.${l.role}`)} ${s.creditLimit}`} />
                  </td>
                  <td className="num">
                    <input form={`limit-${l.role}`} name="pointsLimit" type="number" min={0} defaultValue={l.pointsLimit} className={num} aria-label={`${t(`roles.${l.role}`)} ${s.pointsLimit}`} />
                  </td>
                  <td>
                    <form id={`limit-${l.role}`} action={saveCompensationLimitAction}>
                      <input type="hidden" name="role" value={l.role} />
                      <input type="hidden" name="version" value={l.version} />
                      <button type="submit" className={btn} aria-label={`${s.save} ${t(`roles.${l.role}`)}`}>
                        {s.save}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <section className="card" aria-labelledby="cats-h">
        <h2 id="cats-h" className="card-title">
          {s.categories}
        </h2>
        <div className="divide-y divide-slate-100">
          {data.categories.map((c) => (
            <form key={c.id} action={saveCategoryAction} className="grid gap-2 p-3 text-sm lg:grid-cols-6">
              <input type="hidden" name="id" value={c.id} />
              <input type="hidden" name="version" value={c.version} />
              <div className="font-mono text-xs text-slate-500">
                {c.parentId ? "└ " : ""}
                {c.code}
              </div>
              <label>
                <span className="block text-xs text-slate-600">{s.nameZh}</span>
                <input name="nameZh" defaultValue={c.nameZh} className="w-full rounded border border-slate-300 px-1" />
              </label>
              <label>
                <span className="block text-xs text-slate-600">{s.nameEn}</span>
                <input name="nameEn" defaultValue={c.nameEn} className="w-full rounded border border-slate-300 px-1" />
              </label>
              <label>
                <span className="block text-xs text-slate-600">{s.skills}</span>
                <input name="skillTags" defaultValue={c.skillTags.join(", ")} className="w-full rounded border border-slate-300 px-1" />
              </label>
              <label className="lg:col-span-2">
                <span className="block text-xs text-slate-600">{s.scriptZh}</span>
                <textarea name="scriptZh" rows={2} defaultValue={c.scriptZh} className="w-full rounded border border-slate-300 px-1" />
              </label>
              <div />
              <label className="flex items-center gap-1">
                <input type="checkbox" name="isActive" defaultChecked={c.isActive} />
                {s.active}
              </label>
              <div />
              <label className="lg:col-span-2">
                <span className="block text-xs text-slate-600">{s.scriptEn}</span>
                <textarea name="scriptEn" rows={2} defaultValue={c.scriptEn} className="w-full rounded border border-slate-300 px-1" />
              </label>
              <div>
                <button type="submit" className={btn} aria-label={`${s.save} ${c.code}`}>
                  {s.save}
                </button>
              </div>
            </form>
          ))}
        </div>
      </section>
    </div>
  );
}

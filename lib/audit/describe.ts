// The audit log as people read it (browser-safe, pure): an action as a translated sentence, the
// record by its name, and the entry's data as a list of translated fields and values, never raw
// JSON. One formatter per action family where the data needs one (sign-in failures, workflow
// transitions, before/after changes); every other action falls back to a generic sentence built
// from the translated record type and a readable verb, with the same field list.

import type { Translate } from "@/lib/i18n/translate";

/** The root translator of next-intl (getTranslations() / useTranslations()), as far as used here. */
export type AuditTranslate = Translate;

export interface AuditEntryInput {
  action: string;
  entity: string;
  entityId: string | null;
  entityName?: string | null;
  data?: unknown;
}

export interface AuditDetail {
  label: string;
  value: string;
}

export interface AuditDescription {
  /** "Sign-in failed", "Complaint assigned", or a generic "Calendar: updated". */
  action: string;
  /** "User 王芳 (agent1)", "Complaint C2026…", "Record type 123". */
  record: string;
  details: AuditDetail[];
}

/** "bulkTransitioned" → "bulk transitioned"; "value_job" → "value job". */
export function humanizeCode(code: string): string {
  return code
    .replace(/[_.]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
}

/** Enum-valued fields: the catalogue path their values are labelled under. */
const VALUE_LABELS: Record<string, string[]> = {
  role: ["roles"],
  channel: ["enums.channel"],
  disposition: ["enums.disposition"],
  tier: ["enums.valueTier"],
  type: ["enums.customerType"],
  status: ["complaints.status", "auditLog.value.status", "enums.automationStatus"],
  from: ["complaints.status", "enums.campaignStatus", "enums.automationStatus", "enums.specialCare"],
  to: ["complaints.status", "enums.campaignStatus", "enums.automationStatus", "enums.specialCare"],
  grade: ["complaints.grade"],
  kind: ["auditLog.value.kind", "segments.kind", "enums.careTaskKind", "enums.apiTokenKind"],
  reason: ["auditLog.value.reason", "automation.auditReason"],
  field: ["auditLog.value.field"],
  secondFactor: ["auditLog.value.secondFactor"],
  source: ["auditLog.value.source"],
  trigger: ["auditLog.value.trigger", "enums.automationTrigger"],
  rule: ["auditLog.value.rule"],
  action: ["complaints.action", "enums.automationAction"],
  confirmation: ["auditLog.value.confirmation"],
  // The call list (issue 22): a call's outcome; free-text outcomes (follow-ups) never match a key.
  outcome: ["enums.callOutcome", "enums.careOutcome"],
  // Care (issue 23): a care rule's purpose.
  purpose: ["enums.automationPurpose"],
  // Issue 23: an account entry's kind, a member grade.
  entryKind: ["enums.accountEntryKind", "enums.pointsEntryKind"],
  memberGrade: ["enums.memberGrade"],
};

const MAX_VALUE = 300;

function fieldLabel(key: string, t: AuditTranslate): string {
  return t.has(`auditLog.field.${key}`) ? t(`auditLog.field.${key}`) : humanizeCode(key);
}

function scalar(key: string, v: unknown, t: AuditTranslate): string {
  if (v === null || v === undefined || v === "") return t("common.none");
  if (typeof v === "boolean") return t(v ? "common.yes" : "common.no");
  if (typeof v === "number") return String(v);
  const s = String(v);
  for (const path of VALUE_LABELS[key] ?? []) if (/^[A-Za-z][\w-]*$/.test(s) && t.has(`${path}.${s}`)) return t(`${path}.${s}`);
  // Role names appear under several keys (settings' role lists): translate those too.
  if (/^(AGENT|SUPERVISOR|MANAGER|ADMIN)$/.test(s)) return t(`roles.${s}`);
  return s;
}

/** A value as text: lists joined, nested objects as "field: value" pairs, long values cut with an ellipsis. */
export function formatAuditValue(key: string, v: unknown, t: AuditTranslate, depth = 0): string {
  let out: string;
  if (Array.isArray(v)) out = v.length ? v.map((x) => formatAuditValue(key, x, t, depth + 1)).join(", ") : t("common.none");
  else if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>);
    out = entries.length
      ? entries.map(([k, x]) => `${fieldLabel(k, t)}: ${depth > 2 ? "…" : formatAuditValue(k, x, t, depth + 1)}`).join("; ")
      : t("common.none");
  } else out = scalar(key, v, t);
  return out.length > MAX_VALUE ? out.slice(0, MAX_VALUE - 1) + "…" : out;
}

/** The data of an entry as a field list; `from`/`to` objects become one line per changed field. */
export function auditDetails(data: unknown, t: AuditTranslate): AuditDetail[] {
  if (data === null || data === undefined) return [];
  if (typeof data !== "object" || Array.isArray(data)) return [{ label: t("auditLog.field.value"), value: formatAuditValue("value", data, t) }];
  const d = data as Record<string, unknown>;
  const changes = changePairs(d);
  if (changes) {
    const rest = Object.entries(d).filter(([k]) => !["from", "to", "before", "after"].includes(k));
    return [
      ...changes.map(([k, a, b]) => ({ label: fieldLabel(k, t), value: t("auditLog.changed", { from: formatAuditValue(k, a, t), to: formatAuditValue(k, b, t) }) })),
      ...rest.map(([k, v]) => ({ label: fieldLabel(k, t), value: formatAuditValue(k, v, t) })),
    ];
  }
  return Object.entries(d).map(([k, v]) => ({ label: fieldLabel(k, t), value: formatAuditValue(k, v, t) }));
}

/** Before/after objects (`from`/`to` or `before`/`after`) as [field, old, new] for the fields that changed. */
function changePairs(d: Record<string, unknown>): Array<[string, unknown, unknown]> | null {
  const [a, b] = isPlainObject(d.from) && isPlainObject(d.to) ? [d.from, d.to] : isPlainObject(d.before) && isPlainObject(d.after) ? [d.before, d.after] : [null, null];
  if (!a || !b) return null;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => [k, a[k], b[k]]);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

export function auditEntityLabel(entity: string, t: AuditTranslate): string {
  return t.has(`auditLog.entity.${entity}`) ? t(`auditLog.entity.${entity}`) : humanizeCode(entity);
}

/** The whole entry as it is shown in the viewer and written to its export. */
export function describeAuditEntry(e: AuditEntryInput, t: AuditTranslate): AuditDescription {
  const entity = auditEntityLabel(e.entity, t);
  const action = t.has(`auditLog.action.${e.action}`)
    ? t(`auditLog.action.${e.action}`)
    : t("auditLog.generic", { entity, verb: humanizeCode(e.action.split(".").slice(1).join(" ") || e.action) });
  const ref = e.entityName ?? e.entityId;
  const record = ref ? t("auditLog.record", { entity, ref }) : entity;
  return { action, record, details: auditDetails(e.data, t) };
}

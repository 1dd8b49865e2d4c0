// Pure survey rules: quiet hours, channel choice, link expiry, score validation, CSI from answers.
// No I/O; `now` and the policy come in (lib/surveys/commands.ts applies them in SQL/Prisma).
import { createHash, randomBytes } from "node:crypto";
import { csi, isDetractor, likertToScore } from "@/lib/dashboards/metrics";

export interface SurveyPolicy {
  /** Minutes after resolution before the CSAT invitation goes out. */
  csatDelayMin: number;
  /** Local (Asia/Shanghai) hours in which nothing is sent: [startHour, endHour), wrapping midnight. */
  quietStartHour: number;
  quietEndHour: number;
  /** Days a link stays valid. */
  linkValidDays: number;
}

export const DEFAULT_SURVEY_POLICY: SurveyPolicy = { csatDelayMin: 30, quietStartHour: 21, quietEndHour: 8, linkValidDays: 7 };

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time.

/** Is `at` inside the quiet hours (local time)? start == end means no quiet hours. */
export function isQuietHour(at: Date, policy: Pick<SurveyPolicy, "quietStartHour" | "quietEndHour">): boolean {
  const { quietStartHour: s, quietEndHour: e } = policy;
  if (s === e) return false;
  const hour = new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
  return s < e ? hour >= s && hour < e : hour >= s || hour < e;
}

export type ConsentFlags = { consentSms: boolean; consentEmail: boolean; consentPush: boolean; doNotDisturb: boolean; hasPhone: boolean; hasEmail: boolean };

/** The channel to invite through: app push, then SMS, then email, each only with consent. Null = do not contact. */
export function chooseChannel(c: ConsentFlags): "PUSH" | "SMS" | "EMAIL" | null {
  if (c.doNotDisturb) return null;
  if (c.consentPush) return "PUSH";
  if (c.consentSms && c.hasPhone) return "SMS";
  if (c.consentEmail && c.hasEmail) return "EMAIL";
  return null;
}

/** A new single-use token (sent in the link) and its SHA-256 (the only thing stored). */
export function newSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashSurveyToken(token) };
}

export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What stands for the token in a stored or displayed survey link (`…/s/••••••`). */
export const SURVEY_TOKEN_MASK = "••••••";

/** The text with every survey link's token replaced by the mask: what is stored and shown to staff. Pure. */
export function redactSurveyLinks(text: string): string {
  return text.replace(/\/s\/[A-Za-z0-9_-]+/g, `/s/${SURVEY_TOKEN_MASK}`);
}

export type LinkState = "OPEN" | "ANSWERED" | "EXPIRED";

export function linkState(inv: { expiresAt: Date; answeredAt: Date | null }, now: Date): LinkState {
  if (inv.answeredAt) return "ANSWERED";
  return inv.expiresAt.getTime() <= now.getTime() ? "EXPIRED" : "OPEN";
}

export type CsiDimensionDef = { code: string; labelZh: string; labelEn: string; weight: number };

/** CSI 0..100 of one answer set (1–5 per dimension), with the template's weights. */
export function csiOfAnswers(answers: Record<string, number>, dimensions: readonly CsiDimensionDef[]): number | null {
  const scores: Record<string, number | null> = {};
  const weights: Record<string, number> = {};
  for (const d of dimensions) {
    weights[d.code] = d.weight;
    scores[d.code] = answers[d.code] === undefined ? null : likertToScore(answers[d.code]);
  }
  return csi(scores, weights);
}

/** Detractor = follow-up: NPS 0–6, CSAT 1–2 (metrics.ts); CSI when its index is below 50. */
export function isDetractorAnswer(kind: "CSAT" | "NPS" | "CSI", score: number | null, csiScore: number | null): boolean {
  if (kind === "CSI") return csiScore !== null && csiScore < 50;
  return score !== null && isDetractor({ kind, score });
}

import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { readAssessmentSettings } from "@/lib/assessment/settings";

// The training assignment scan (issue 24, docs/training-assessment.md "Assignments"), every 10
// minutes: two set-based INSERT … ON CONFLICT DO NOTHING, idempotent by (user_id, source_key).
// - An attitude complaint (category SERVICE_ATTITUDE or a descendant) resolved or closed with the
//   root cause STAFF_CONDUCT (the handler found the staff's conduct at fault: "substantiated")
//   → ATTITUDE_COMPLAINT for the complaint's owner (首问负责制: the agent accountable for it; the
//   complaint model names no other staff member), source "complaint:<id>".
// - A QA evaluation (not calibration) whose final score is below the threshold (app_setting
//   "assessment".lowQaThreshold, default 60) → LOW_QA_SCORE for the evaluated agent, source
//   "evaluation:<id>". A dispute that later raises the score does not withdraw it (a supervisor cancels it).
// Only sources of the last LOOKBACK_DAYS are scanned (a bounded read every pass).

export const LOOKBACK_DAYS = 45;

export async function runTrainingAssignmentScan(now: Date): Promise<{ attitude: number; lowQa: number }> {
  const { lowQaThreshold } = await readAssessmentSettings(db);
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    const attitude = await tx.$executeRaw`
      WITH RECURSIVE cat AS (
        SELECT id FROM complaint_category WHERE code = 'SERVICE_ATTITUDE'
        UNION ALL SELECT c.id FROM complaint_category c JOIN cat ON c.parent_id = cat.id
      )
      INSERT INTO training_assignment (user_id, team_id, reason, topic, source_key, status, created_at)
      SELECT c.owner_id, u.team_id, 'ATTITUDE_COMPLAINT', c.complaint_no, 'complaint:' || c.id, 'OPEN', ${now}
      FROM complaint c
      JOIN complaint_root_cause rc ON rc.id = c.root_cause_id AND rc.code = 'STAFF_CONDUCT'
      JOIN app_user u ON u.id = c.owner_id AND u.role = 'AGENT'
      WHERE c.category_id IN (SELECT id FROM cat) AND c.status IN ('RESOLVED', 'CLOSED')
        AND c.resolved_at >= ${since} AND c.resolved_at <= ${now}
      ON CONFLICT (user_id, source_key) DO NOTHING`;
    const lowQa = await tx.$executeRaw`
      INSERT INTO training_assignment (user_id, team_id, reason, topic, source_key, status, created_at)
      SELECT e.agent_id, e.team_id, 'LOW_QA_SCORE', to_char(e.final_score, 'FM990.0'), 'evaluation:' || e.id, 'OPEN', ${now}
      FROM qa_evaluation e
      WHERE NOT e.calibration AND e.final_score < ${lowQaThreshold} AND e.scored_at >= ${since} AND e.scored_at <= ${now}
      ON CONFLICT (user_id, source_key) DO NOTHING`;
    if (attitude || lowQa) await recordAudit(tx, null, { action: "trainingAssignment.scanned", entity: "training_assignment", data: { attitude, lowQa } });
    return { attitude, lowQa };
  });
}

-- Issue 23, "the value model reads the truth" and win-back (hand-written; no schema change).

-- Value scoring reads complaints and survey answers per customer in customer-id order
-- (lib/churn/signals.ts): covering indexes, so the merge joins run on index-only scans.
CREATE INDEX "complaint_customer_signal_idx" ON "complaint"("customer_id", "created_at") INCLUDE ("grade", "status", "resolved_at", "breached_at");
CREATE INDEX "survey_response_customer_signal_idx" ON "survey_response"("customer_id", "answered_at") INCLUDE ("kind", "score", "csi_score", "is_detractor");
-- Reopened complaints: a few per hundred status changes; the feature probes this small index.
CREATE INDEX "complaint_status_change_reopen_idx" ON "complaint_status_change"("complaint_id", "at") WHERE "action" = 'reopen';

-- Win-back (lib/retention/winback-commands.ts): one open win-back task per customer at a time.
CREATE UNIQUE INDEX "care_task_open_winback_key" ON "care_task"("customer_id") WHERE "kind" = 'WIN_BACK' AND "status" = 'OPEN';
-- Retention rates over a period (lib/retention/winback-queries.ts): finished win-backs by day.
CREATE INDEX "care_task_winback_done_idx" ON "care_task"("done_at") INCLUDE ("assignee_id", "offer_rule_id", "outcome") WHERE "kind" = 'WIN_BACK' AND "status" = 'DONE';

-- DropIndex
DROP INDEX "member_grade_change_customer_id_at_idx";

-- CreateIndex
CREATE INDEX "points_entry_customer_id_created_at_id_idx" ON "points_entry"("customer_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "account_entry_account_id_created_at_id_idx" ON "account_entry"("account_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "member_grade_change_customer_id_at_id_idx" ON "member_grade_change"("customer_id", "at" DESC, "id" DESC);

-- Hand-written (issue 23, docs/membership.md).
-- A grade's dedicated hotline team is a real team; deleting the team leaves the grade without one.
ALTER TABLE "member_grade_def" ADD CONSTRAINT "member_grade_def_hotline_team_id_fkey"
  FOREIGN KEY ("hotline_team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A ladder row's numbers stay in range whoever writes them (the admin page validates first).
ALTER TABLE "member_grade_def" ADD CONSTRAINT "member_grade_def_ranges_check"
  CHECK ("min_spend_12m" >= 0 AND "min_tenure_months" >= 0 AND "points_multiplier" BETWEEN 1 AND 10 AND "birthday_points" >= 0);

-- The re-grading job's grace period (months), edited with the ladder on /admin/membership.
INSERT INTO "app_setting" ("key", "value", "updated_at") VALUES ('membership', '{"graceMonths": 3, "version": 1}', now())
ON CONFLICT ("key") DO NOTHING;

-- The monthly re-grading rewrites every membership row (spend, month graded): half-empty pages let
-- each new version stay on its page (a HOT update, no index entry) until autovacuum reclaims the old.
ALTER TABLE "customer_membership" SET (fillfactor = 50);

-- AlterTable
ALTER TABLE "survey_follow_up" ADD COLUMN     "claimed_at" TIMESTAMPTZ(3),
ADD COLUMN     "claimed_by_id" INTEGER,
ADD COLUMN     "closed_by_id" INTEGER,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "customer_monthly_rollup" (
    "month" DATE NOT NULL,
    "region" TEXT NOT NULL,
    "value_tier" TEXT NOT NULL,
    "active_start" INTEGER NOT NULL DEFAULT 0,
    "joined" INTEGER NOT NULL DEFAULT 0,
    "churned" INTEGER NOT NULL DEFAULT 0,
    "tier_customers" INTEGER NOT NULL DEFAULT 0,
    "at_risk" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "customer_monthly_rollup_pkey" PRIMARY KEY ("month","region","value_tier")
);

-- CreateIndex
CREATE INDEX "survey_follow_up_status_created_at_id_idx" ON "survey_follow_up"("status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "survey_follow_up_team_id_status_created_at_id_idx" ON "survey_follow_up"("team_id", "status", "created_at" DESC, "id" DESC);

-- Hand-written: drill-down lists behind the Customers dashboard tiles (churned in a month,
-- keyset on (churned_at, id); at-risk customers by band, keyset on (customer_id)).
CREATE INDEX "customer_churned_at_id_idx" ON "customer" ("churned_at" DESC, "id" DESC) WHERE "churned_at" IS NOT NULL;
CREATE INDEX "customer_score_churn_band_customer_idx" ON "customer_score" ("churn_band", "customer_id");

-- Who claimed / closed a follow-up.
ALTER TABLE "survey_follow_up" ADD CONSTRAINT "survey_follow_up_claimed_by_fkey" FOREIGN KEY ("claimed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL;
ALTER TABLE "survey_follow_up" ADD CONSTRAINT "survey_follow_up_closed_by_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL;

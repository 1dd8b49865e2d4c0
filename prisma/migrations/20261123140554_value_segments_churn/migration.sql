-- CreateEnum
CREATE TYPE "ValueTier" AS ENUM ('DIAMOND', 'GOLD', 'SILVER', 'STANDARD');

-- CreateEnum
CREATE TYPE "TierMode" AS ENUM ('ABSOLUTE', 'PERCENTILE');

-- CreateEnum
CREATE TYPE "ChurnBand" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "LifecycleStage" AS ENUM ('NEW', 'GROWING', 'MATURE', 'AT_RISK', 'CHURNED', 'WON_BACK');

-- CreateEnum
CREATE TYPE "ValueJobKind" AS ENUM ('RESCORE', 'CHURN_TRAIN', 'SEGMENT_REFRESH');

-- CreateEnum
CREATE TYPE "ValueJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "SegmentKind" AS ENUM ('DYNAMIC', 'STATIC');

-- CreateEnum
CREATE TYPE "OfferCondition" AS ENUM ('HEAVY_DATA', 'ROAMER', 'NO_BROADBAND', 'CONTRACT_ENDING_HIGH_VALUE');

-- CreateTable
CREATE TABLE "value_settings" (
    "version" INTEGER NOT NULL,
    "weight_profitability" DOUBLE PRECISION NOT NULL,
    "weight_loyalty" DOUBLE PRECISION NOT NULL,
    "weight_potential" DOUBLE PRECISION NOT NULL,
    "weight_satisfaction" DOUBLE PRECISION NOT NULL,
    "weight_credit" DOUBLE PRECISION NOT NULL,
    "tier_mode" "TierMode" NOT NULL,
    "tier_diamond" DOUBLE PRECISION NOT NULL,
    "tier_gold" DOUBLE PRECISION NOT NULL,
    "tier_silver" DOUBLE PRECISION NOT NULL,
    "churn_medium" DOUBLE PRECISION NOT NULL,
    "churn_high" DOUBLE PRECISION NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "value_settings_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "value_job" (
    "id" SERIAL NOT NULL,
    "kind" "ValueJobKind" NOT NULL,
    "status" "ValueJobStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "step" TEXT,
    "requested_by_id" INTEGER,
    "trigger" TEXT NOT NULL DEFAULT 'manual',
    "stats" JSONB,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "value_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_score" (
    "customer_id" INTEGER NOT NULL,
    "profitability" DOUBLE PRECISION NOT NULL,
    "loyalty" DOUBLE PRECISION NOT NULL,
    "potential" DOUBLE PRECISION NOT NULL,
    "satisfaction" DOUBLE PRECISION NOT NULL,
    "credit" DOUBLE PRECISION NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "tier" "ValueTier" NOT NULL,
    "previous_tier" "ValueTier",
    "percentile" DOUBLE PRECISION NOT NULL,
    "rfm_code" TEXT NOT NULL,
    "clv" DOUBLE PRECISION NOT NULL,
    "arpu" DOUBLE PRECISION NOT NULL,
    "data_change_pct" DOUBLE PRECISION NOT NULL,
    "tenure_months" INTEGER NOT NULL,
    "complaints_90d" INTEGER NOT NULL,
    "churn_probability" DOUBLE PRECISION,
    "churn_band" "ChurnBand",
    "churn_factors" JSONB,
    "lifecycle_stage" "LifecycleStage" NOT NULL,
    "settings_version" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_score_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "value_snapshot" (
    "month" DATE NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "tier" "ValueTier" NOT NULL,

    CONSTRAINT "value_snapshot_pkey" PRIMARY KEY ("month","customer_id")
);

-- CreateTable
CREATE TABLE "churn_model" (
    "id" SERIAL NOT NULL,
    "trained_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "feature_names" TEXT[],
    "weights" DOUBLE PRECISION[],
    "bias" DOUBLE PRECISION NOT NULL,
    "mean" DOUBLE PRECISION[],
    "std" DOUBLE PRECISION[],
    "raw_weights" DOUBLE PRECISION[],
    "raw_bias" DOUBLE PRECISION NOT NULL,
    "train_size" INTEGER NOT NULL,
    "test_size" INTEGER NOT NULL,
    "train_churners" INTEGER NOT NULL,
    "test_churners" INTEGER NOT NULL,
    "holdout_auc" DOUBLE PRECISION NOT NULL,
    "iterations" INTEGER NOT NULL,
    "job_id" INTEGER,

    CONSTRAINT "churn_model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" "SegmentKind" NOT NULL,
    "definition" JSONB,
    "source" TEXT NOT NULL DEFAULT 'rules',
    "size" INTEGER NOT NULL DEFAULT 0,
    "refreshed_at" TIMESTAMPTZ(3),
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "segment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_member" (
    "segment_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,

    CONSTRAINT "segment_member_pkey" PRIMARY KEY ("segment_id","customer_id")
);

-- CreateTable
CREATE TABLE "segment_size_history" (
    "id" SERIAL NOT NULL,
    "segment_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "size" INTEGER NOT NULL,

    CONSTRAINT "segment_size_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offer_rule" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "condition" "OfferCondition" NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "offer_rule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "value_job_kind_created_at_idx" ON "value_job"("kind", "created_at" DESC);

-- CreateIndex
CREATE INDEX "customer_score_tier_score_idx" ON "customer_score"("tier", "score");

-- CreateIndex
CREATE INDEX "customer_score_churn_band_score_idx" ON "customer_score"("churn_band", "score");

-- CreateIndex
CREATE INDEX "segment_member_customer_id_idx" ON "segment_member"("customer_id");

-- CreateIndex
CREATE INDEX "segment_size_history_segment_id_at_idx" ON "segment_size_history"("segment_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "offer_rule_code_key" ON "offer_rule"("code");

-- AddForeignKey
ALTER TABLE "segment_member" ADD CONSTRAINT "segment_member_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_size_history" ADD CONSTRAINT "segment_size_history_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ── hand-written ──────────────────────────────────────────────────────────────
-- Defaults in force until an admin saves new settings (lib/scoring/value.ts DEFAULT_WEIGHTS,
-- DEFAULT_ABSOLUTE_TIER_THRESHOLDS; lib/churn/logistic.ts DEFAULT_CHURN_BAND_THRESHOLDS).
INSERT INTO "value_settings" ("version", "weight_profitability", "weight_loyalty", "weight_potential", "weight_satisfaction", "weight_credit",
  "tier_mode", "tier_diamond", "tier_gold", "tier_silver", "churn_medium", "churn_high")
VALUES (1, 0.35, 0.2, 0.15, 0.15, 0.15, 'ABSOLUTE', 85, 70, 50, 0.3, 0.6);

INSERT INTO "offer_rule" ("code", "name_zh", "name_en", "condition", "threshold", "priority", "updated_at") VALUES
  ('RETENTION', '合约续约礼包', 'Retention offer (contract renewal)', 'CONTRACT_ENDING_HIGH_VALUE', 60, 10, now()),
  ('DATA_PACK', '大流量加油包', 'Data top-up pack', 'HEAVY_DATA', 20, 20, now()),
  ('ROAMING_PACK', '国际漫游包', 'Roaming pack', 'ROAMER', 1, 30, now()),
  ('FIBRE_BUNDLE', '千兆宽带融合套餐', 'Gigabit fibre bundle', 'NO_BROADBAND', 0, 40, now());

-- Segment rules filter on these; the live count must stay index-friendly.
CREATE INDEX "customer_score_lifecycle_idx" ON "customer_score" ("lifecycle_stage");
CREATE INDEX "interaction_complaint_idx" ON "interaction" ("customer_id", "occurred_at") WHERE "disposition" = 'COMPLAINT_OPENED';
-- At most one queued/running job of each kind (a second click joins the first).
CREATE UNIQUE INDEX "value_job_one_active_idx" ON "value_job" ("kind") WHERE "status" IN ('QUEUED', 'RUNNING');

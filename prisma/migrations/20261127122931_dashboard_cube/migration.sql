-- DropIndex
DROP INDEX "complaint_daily_rollup_day_idx";

-- DropIndex
DROP INDEX "survey_daily_rollup_day_idx";

-- AlterTable
ALTER TABLE "complaint_daily_rollup" DROP CONSTRAINT "complaint_daily_rollup_pkey",
ADD COLUMN     "grain" SMALLINT NOT NULL DEFAULT 63,
ADD CONSTRAINT "complaint_daily_rollup_pkey" PRIMARY KEY ("grain", "day", "team_id", "agent_id", "category_id", "channel", "region", "value_tier");

-- AlterTable
ALTER TABLE "survey_daily_rollup" DROP CONSTRAINT "survey_daily_rollup_pkey",
ADD COLUMN     "grain" SMALLINT NOT NULL DEFAULT 63,
ADD CONSTRAINT "survey_daily_rollup_pkey" PRIMARY KEY ("grain", "day", "kind", "dimension", "team_id", "agent_id", "category_id", "channel", "region", "value_tier");

-- CreateIndex
CREATE INDEX "complaint_daily_rollup_grain_team_id_day_idx" ON "complaint_daily_rollup"("grain", "team_id", "day");

-- CreateIndex
CREATE INDEX "complaint_daily_rollup_grain_category_id_day_idx" ON "complaint_daily_rollup"("grain", "category_id", "day");

-- CreateIndex
CREATE INDEX "complaint_daily_rollup_grain_channel_day_idx" ON "complaint_daily_rollup"("grain", "channel", "day");

-- CreateIndex
CREATE INDEX "complaint_daily_rollup_grain_region_day_idx" ON "complaint_daily_rollup"("grain", "region", "day");

-- CreateIndex
CREATE INDEX "complaint_daily_rollup_grain_value_tier_day_idx" ON "complaint_daily_rollup"("grain", "value_tier", "day");

-- CreateIndex
CREATE INDEX "survey_daily_rollup_grain_team_id_day_idx" ON "survey_daily_rollup"("grain", "team_id", "day");

-- CreateIndex
CREATE INDEX "survey_daily_rollup_grain_category_id_day_idx" ON "survey_daily_rollup"("grain", "category_id", "day");

-- CreateIndex
CREATE INDEX "survey_daily_rollup_grain_channel_day_idx" ON "survey_daily_rollup"("grain", "channel", "day");

-- CreateIndex
CREATE INDEX "survey_daily_rollup_grain_region_day_idx" ON "survey_daily_rollup"("grain", "region", "day");

-- CreateIndex
CREATE INDEX "survey_daily_rollup_grain_value_tier_day_idx" ON "survey_daily_rollup"("grain", "value_tier", "day");

-- AlterTable
ALTER TABLE "campaign_rollup" ADD COLUMN     "launch_audience" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "launch_converted" INTEGER NOT NULL DEFAULT 0;

-- Hand-written: a campaign's touches (the conversion job's cost per member and per channel reads
-- them by campaign; marketing_touch is otherwise indexed by customer and time only).
CREATE INDEX "marketing_touch_campaign_idx" ON "marketing_touch" ("campaign_id", "customer_id") INCLUDE ("channel", "at") WHERE "campaign_id" IS NOT NULL;

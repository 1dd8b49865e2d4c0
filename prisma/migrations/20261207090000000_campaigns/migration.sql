-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CampaignChannel" AS ENUM ('OUTBOUND_CALL', 'SMS', 'EMAIL', 'PUSH', 'WECHAT');

-- CreateEnum
CREATE TYPE "OfferMode" AS ENUM ('NONE', 'FIXED', 'NEXT_BEST');

-- CreateEnum
CREATE TYPE "ConversionKind" AS ENUM ('OFFER_ACCEPTED', 'PLAN_CHANGE', 'SPEND_INCREASE');

-- CreateEnum
CREATE TYPE "ExclusionReason" AS ENUM ('NO_CONSENT', 'DO_NOT_DISTURB', 'CHURNED', 'FREQUENCY_CAP');

-- CreateEnum
CREATE TYPE "CallTaskStatus" AS ENUM ('QUEUED', 'CLAIMED', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CallOutcome" AS ENUM ('REACHED', 'ACCEPTED', 'DECLINED', 'NO_ANSWER', 'CALL_BACK', 'WRONG_NUMBER');

-- CreateEnum
CREATE TYPE "AutomationTrigger" AS ENUM ('CHURN_HIGH', 'CONTRACT_ENDING', 'DATA_USAGE_HIGH', 'DETRACTOR_CLOSED', 'NEW_SUBSCRIBER', 'BIRTHDAY');

-- CreateEnum
CREATE TYPE "AutomationAction" AS ENUM ('CALL_TASK', 'SEND_MESSAGE', 'ENROL_CAMPAIGN');

-- CreateEnum
CREATE TYPE "AutomationStatus" AS ENUM ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED');

-- AlterEnum
ALTER TYPE "OutboundChannel" ADD VALUE 'WECHAT';

-- AlterTable
ALTER TABLE "customer" ADD COLUMN     "consent_wechat" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "interaction" ADD COLUMN     "call_task_id" BIGINT,
ADD COLUMN     "campaign_id" INTEGER;

-- AlterTable
ALTER TABLE "outbound_message" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "campaign_id" INTEGER,
ADD COLUMN     "delivered_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_error" TEXT,
ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3),
ADD COLUMN     "provider_id" TEXT,
ADD COLUMN     "rule_id" INTEGER,
ADD COLUMN     "sent_at" TIMESTAMPTZ(3),
ADD COLUMN     "status" "MessageStatus" NOT NULL DEFAULT 'SENT';

-- CreateTable
CREATE TABLE "campaign" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "objective" TEXT NOT NULL DEFAULT '',
    "segment_id" INTEGER NOT NULL,
    "audience_mode" "SegmentKind" NOT NULL DEFAULT 'DYNAMIC',
    "channels" "CampaignChannel"[],
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "budget" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "channel_costs" JSONB NOT NULL DEFAULT '{}',
    "offer_mode" "OfferMode" NOT NULL DEFAULT 'NONE',
    "offer_rule_id" INTEGER,
    "script_zh" TEXT NOT NULL DEFAULT '',
    "script_en" TEXT NOT NULL DEFAULT '',
    "message_zh" TEXT NOT NULL DEFAULT '',
    "message_en" TEXT NOT NULL DEFAULT '',
    "email_subject_zh" TEXT NOT NULL DEFAULT '',
    "email_subject_en" TEXT NOT NULL DEFAULT '',
    "control_share" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "seed" INTEGER NOT NULL DEFAULT 1,
    "success_kinds" "ConversionKind"[],
    "success_window_days" INTEGER NOT NULL DEFAULT 30,
    "success_plan_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "spend_increase_pct" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
    "call_team_id" INTEGER,
    "call_skill" TEXT,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "created_by_id" INTEGER NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "approved_by_id" INTEGER,
    "approved_at" TIMESTAMPTZ(3),
    "launched_at" TIMESTAMPTZ(3),
    "paused_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "audience_size" INTEGER NOT NULL DEFAULT 0,
    "control_size" INTEGER NOT NULL DEFAULT 0,
    "exclusions" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_member" (
    "campaign_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "is_control" BOOLEAN NOT NULL,
    "from_launch" BOOLEAN NOT NULL DEFAULT true,
    "value_tier" "ValueTier" NOT NULL,
    "offer_rule_id" INTEGER,
    "channels" "CampaignChannel"[] DEFAULT ARRAY[]::"CampaignChannel"[],
    "baseline_spend" DECIMAL(10,2) NOT NULL DEFAULT 0,
    "contacted_at" TIMESTAMPTZ(3),
    "reached_at" TIMESTAMPTZ(3),
    "accepted_at" TIMESTAMPTZ(3),
    "declined_at" TIMESTAMPTZ(3),
    "converted_at" TIMESTAMPTZ(3),
    "conversion_kind" "ConversionKind",
    "revenue" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "cost" DECIMAL(10,2) NOT NULL DEFAULT 0,

    CONSTRAINT "campaign_member_pkey" PRIMARY KEY ("campaign_id","customer_id")
);

-- CreateTable
CREATE TABLE "campaign_exclusion" (
    "campaign_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "reason" "ExclusionReason" NOT NULL,

    CONSTRAINT "campaign_exclusion_pkey" PRIMARY KEY ("campaign_id","customer_id")
);

-- CreateTable
CREATE TABLE "call_task" (
    "id" BIGSERIAL NOT NULL,
    "campaign_id" INTEGER,
    "rule_id" INTEGER,
    "customer_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "skill" TEXT,
    "status" "CallTaskStatus" NOT NULL DEFAULT 'QUEUED',
    "due_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "claimed_by_id" INTEGER,
    "claimed_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_outcome" "CallOutcome",
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "call_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketing_touch" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "campaign_id" INTEGER,
    "rule_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "marketing_touch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_change" (
    "id" BIGSERIAL NOT NULL,
    "line_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "from_plan_id" INTEGER NOT NULL,
    "to_plan_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plan_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_rollup" (
    "campaign_id" INTEGER NOT NULL,
    "value_tier" "ValueTier" NOT NULL,
    "is_control" BOOLEAN NOT NULL,
    "audience" INTEGER NOT NULL DEFAULT 0,
    "contacted" INTEGER NOT NULL DEFAULT 0,
    "reached" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "converted" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "revenue" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "surveyed" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_rollup_pkey" PRIMARY KEY ("campaign_id","value_tier","is_control")
);

-- CreateTable
CREATE TABLE "campaign_channel_rollup" (
    "campaign_id" INTEGER NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "attempted" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "reached" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "converted" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(14,2) NOT NULL DEFAULT 0,

    CONSTRAINT "campaign_channel_rollup_pkey" PRIMARY KEY ("campaign_id","channel")
);

-- CreateTable
CREATE TABLE "automation_rule" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "trigger" "AutomationTrigger" NOT NULL,
    "trigger_param" INTEGER NOT NULL DEFAULT 0,
    "conditions" JSONB NOT NULL DEFAULT '{}',
    "action" "AutomationAction" NOT NULL,
    "action_params" JSONB NOT NULL DEFAULT '{}',
    "status" "AutomationStatus" NOT NULL DEFAULT 'DRAFT',
    "last_simulation" JSONB,
    "last_run_at" TIMESTAMPTZ(3),
    "fired_count" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "automation_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "automation_firing" (
    "id" BIGSERIAL NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "event_key" TEXT NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "skipped" TEXT,

    CONSTRAINT "automation_firing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campaign_status_starts_at_idx" ON "campaign"("status", "starts_at");

-- CreateIndex
CREATE INDEX "campaign_segment_id_idx" ON "campaign"("segment_id");

-- CreateIndex
CREATE INDEX "campaign_member_customer_id_idx" ON "campaign_member"("customer_id");

-- CreateIndex
CREATE INDEX "call_task_campaign_id_status_idx" ON "call_task"("campaign_id", "status");

-- CreateIndex
CREATE INDEX "call_task_customer_id_idx" ON "call_task"("customer_id");

-- CreateIndex
CREATE INDEX "call_task_claimed_by_id_status_idx" ON "call_task"("claimed_by_id", "status");

-- CreateIndex
CREATE INDEX "marketing_touch_customer_id_at_idx" ON "marketing_touch"("customer_id", "at");

-- CreateIndex
CREATE INDEX "marketing_touch_at_idx" ON "marketing_touch"("at");

-- CreateIndex
CREATE INDEX "plan_change_customer_id_at_idx" ON "plan_change"("customer_id", "at");

-- CreateIndex
CREATE INDEX "plan_change_at_idx" ON "plan_change"("at");

-- CreateIndex
CREATE INDEX "automation_rule_status_idx" ON "automation_rule"("status");

-- CreateIndex
CREATE INDEX "automation_firing_rule_id_fired_at_idx" ON "automation_firing"("rule_id", "fired_at");

-- CreateIndex
CREATE UNIQUE INDEX "automation_firing_rule_id_customer_id_event_key_key" ON "automation_firing"("rule_id", "customer_id", "event_key");

-- CreateIndex
CREATE INDEX "outbound_message_campaign_id_status_idx" ON "outbound_message"("campaign_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_message_provider_id_key" ON "outbound_message"("provider_id");

-- Hand-written (issue 22) ---------------------------------------------------------------------
-- The call list's claim (lib/campaigns/calls.ts): the next due queued task of a team, highest
-- priority first, then the earliest due, with FOR UPDATE SKIP LOCKED. Only queued tasks are in it.
CREATE INDEX "call_task_claim_idx" ON "call_task" ("team_id", "priority" DESC, "due_at", "id") WHERE "status" = 'QUEUED';
-- The outbox dispatcher (lib/messaging): due queued messages, oldest first.
CREATE INDEX "outbound_message_queued_idx" ON "outbound_message" ("next_attempt_at", "id") WHERE "status" = 'QUEUED';
-- Interactions of a campaign (the call outcomes on the evaluation's by-channel view).
CREATE INDEX "interaction_campaign_id_idx" ON "interaction" ("campaign_id") WHERE "campaign_id" IS NOT NULL;
-- A customer's campaign memberships that converted or are still in their window (attribution).
CREATE INDEX "campaign_member_open_idx" ON "campaign_member" ("customer_id", "campaign_id") WHERE "converted_at" IS NULL AND "is_control" = false;

-- CreateEnum
CREATE TYPE "SurveyKind" AS ENUM ('CSAT', 'NPS', 'CSI');

-- CreateEnum
CREATE TYPE "OutboundChannel" AS ENUM ('SMS', 'EMAIL', 'PUSH');

-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "survey_template" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "SurveyKind" NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "question_zh" TEXT NOT NULL,
    "question_en" TEXT NOT NULL,
    "dimensions" JSONB NOT NULL DEFAULT '[]',
    "allow_comment" BOOLEAN NOT NULL DEFAULT true,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_campaign" (
    "id" SERIAL NOT NULL,
    "template_id" INTEGER NOT NULL,
    "kind" "SurveyKind" NOT NULL,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "sent" INTEGER NOT NULL DEFAULT 0,
    "created_by" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "survey_campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_invitation" (
    "id" SERIAL NOT NULL,
    "template_id" INTEGER NOT NULL,
    "kind" "SurveyKind" NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "complaint_id" INTEGER,
    "campaign_id" INTEGER,
    "token_hash" TEXT NOT NULL,
    "channel" "OutboundChannel" NOT NULL,
    "locale" TEXT NOT NULL,
    "team_id" INTEGER,
    "agent_id" INTEGER,
    "category_id" INTEGER,
    "source_channel" TEXT,
    "region" TEXT NOT NULL DEFAULT '',
    "value_tier" TEXT NOT NULL DEFAULT 'STANDARD',
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "survey_invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_response" (
    "id" SERIAL NOT NULL,
    "invitation_id" INTEGER NOT NULL,
    "kind" "SurveyKind" NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "complaint_id" INTEGER,
    "score" INTEGER,
    "dimension_scores" JSONB NOT NULL DEFAULT '{}',
    "csi_score" DOUBLE PRECISION,
    "comment" TEXT,
    "is_detractor" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "survey_response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_follow_up" (
    "id" SERIAL NOT NULL,
    "response_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "complaint_id" INTEGER,
    "assignee_id" INTEGER,
    "team_id" INTEGER,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "survey_follow_up_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_message" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "channel" "OutboundChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "invitation_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_fact" (
    "complaint_id" INTEGER NOT NULL,
    "fr_met" BOOLEAN,
    "fb_met" BOOLEAN,
    "res_met" BOOLEAN,
    "cyc_met" BOOLEAN,
    "handling_minutes" INTEGER,
    "ever_resolved" BOOLEAN NOT NULL DEFAULT false,
    "reopened" BOOLEAN NOT NULL DEFAULT false,
    "fcr" BOOLEAN,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "complaint_fact_pkey" PRIMARY KEY ("complaint_id")
);

-- CreateTable
CREATE TABLE "rollup_dirty_complaint" (
    "complaint_id" INTEGER NOT NULL,

    CONSTRAINT "rollup_dirty_complaint_pkey" PRIMARY KEY ("complaint_id")
);

-- CreateTable
CREATE TABLE "complaint_daily_rollup" (
    "day" DATE NOT NULL,
    "team_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "value_tier" TEXT NOT NULL,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "handling_minutes" BIGINT NOT NULL DEFAULT 0,
    "handled_count" INTEGER NOT NULL DEFAULT 0,
    "fr_met" INTEGER NOT NULL DEFAULT 0,
    "fr_decided" INTEGER NOT NULL DEFAULT 0,
    "fb_met" INTEGER NOT NULL DEFAULT 0,
    "fb_decided" INTEGER NOT NULL DEFAULT 0,
    "res_met" INTEGER NOT NULL DEFAULT 0,
    "res_decided" INTEGER NOT NULL DEFAULT 0,
    "cyc_met" INTEGER NOT NULL DEFAULT 0,
    "cyc_decided" INTEGER NOT NULL DEFAULT 0,
    "breached" INTEGER NOT NULL DEFAULT 0,
    "escalated" INTEGER NOT NULL DEFAULT 0,
    "reopened" INTEGER NOT NULL DEFAULT 0,
    "fcr_yes" INTEGER NOT NULL DEFAULT 0,
    "fcr_decided" INTEGER NOT NULL DEFAULT 0,
    "appeals" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "complaint_daily_rollup_pkey" PRIMARY KEY ("day","team_id","agent_id","category_id","channel","region","value_tier")
);

-- CreateTable
CREATE TABLE "backlog_rollup" (
    "bucket" TEXT NOT NULL,
    "team_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "value_tier" TEXT NOT NULL,
    "open" INTEGER NOT NULL,

    CONSTRAINT "backlog_rollup_pkey" PRIMARY KEY ("bucket","team_id","category_id","channel","region","value_tier")
);

-- CreateTable
CREATE TABLE "survey_daily_rollup" (
    "day" DATE NOT NULL,
    "kind" "SurveyKind" NOT NULL,
    "dimension" TEXT NOT NULL,
    "team_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "value_tier" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "promoters" INTEGER NOT NULL DEFAULT 0,
    "detractors" INTEGER NOT NULL DEFAULT 0,
    "score_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "survey_daily_rollup_pkey" PRIMARY KEY ("day","kind","dimension","team_id","agent_id","category_id","channel","region","value_tier")
);

-- CreateTable
CREATE TABLE "subscriber_daily_rollup" (
    "day" DATE NOT NULL,
    "region" TEXT NOT NULL,
    "active" INTEGER NOT NULL,

    CONSTRAINT "subscriber_daily_rollup_pkey" PRIMARY KEY ("day","region")
);

-- CreateTable
CREATE TABLE "rollup_dirty_day" (
    "source" TEXT NOT NULL,
    "day" DATE NOT NULL,

    CONSTRAINT "rollup_dirty_day_pkey" PRIMARY KEY ("source","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "survey_template_code_key" ON "survey_template"("code");

-- CreateIndex
CREATE UNIQUE INDEX "survey_invitation_complaint_id_key" ON "survey_invitation"("complaint_id");

-- CreateIndex
CREATE UNIQUE INDEX "survey_invitation_token_hash_key" ON "survey_invitation"("token_hash");

-- CreateIndex
CREATE INDEX "survey_invitation_customer_id_sent_at_idx" ON "survey_invitation"("customer_id", "sent_at" DESC);

-- CreateIndex
CREATE INDEX "survey_invitation_sent_at_idx" ON "survey_invitation"("sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "survey_invitation_campaign_id_customer_id_key" ON "survey_invitation"("campaign_id", "customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "survey_response_invitation_id_key" ON "survey_response"("invitation_id");

-- CreateIndex
CREATE INDEX "survey_response_customer_id_answered_at_idx" ON "survey_response"("customer_id", "answered_at" DESC);

-- CreateIndex
CREATE INDEX "survey_response_complaint_id_idx" ON "survey_response"("complaint_id");

-- CreateIndex
CREATE INDEX "survey_response_answered_at_id_idx" ON "survey_response"("answered_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "survey_follow_up_response_id_key" ON "survey_follow_up"("response_id");

-- CreateIndex
CREATE INDEX "survey_follow_up_assignee_id_status_idx" ON "survey_follow_up"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "outbound_message_created_at_id_idx" ON "outbound_message"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "outbound_message_customer_id_idx" ON "outbound_message"("customer_id");

-- CreateIndex
CREATE INDEX "complaint_daily_rollup_day_idx" ON "complaint_daily_rollup"("day");

-- CreateIndex
CREATE INDEX "survey_daily_rollup_day_idx" ON "survey_daily_rollup"("day");

-- ── hand-written: incremental rollups (issue 9) ──
-- Every write to a complaint (commands, the SLA scan, seeds) queues it for the rollup job, which
-- recomputes its fact row and the rollup day it belongs to within a minute. Every write to an
-- invitation marks its send day.
CREATE OR REPLACE FUNCTION mark_complaint_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty_complaint (complaint_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER complaint_rollup_dirty AFTER INSERT OR UPDATE ON complaint
  FOR EACH ROW EXECUTE FUNCTION mark_complaint_dirty();

CREATE OR REPLACE FUNCTION mark_survey_day_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty_day (source, day)
  VALUES ('survey', (NEW.sent_at AT TIME ZONE 'Asia/Shanghai')::date)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER survey_invitation_rollup_dirty AFTER INSERT OR UPDATE ON survey_invitation
  FOR EACH ROW EXECUTE FUNCTION mark_survey_day_dirty();

-- The CSAT scan reads recently resolved complaints; the rollup job finds open complaints whose
-- deadline passed since its last run (a breach by time alone changes no row) and complaints
-- whose 7-day FCR window closed; rollup days are recomputed by created_at range.
CREATE INDEX complaint_resolved_at_idx ON complaint (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX complaint_open_created_idx ON complaint (created_at) WHERE status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED');
CREATE INDEX complaint_created_at_idx ON complaint (created_at);

-- Default survey templates (admins edit them): CSAT after a complaint, relationship NPS, and CSI
-- with the three default dimensions of seed 000 §2.1, equal weights.
INSERT INTO survey_template (code, kind, name_zh, name_en, question_zh, question_en, dimensions, allow_comment) VALUES
  ('CSAT_COMPLAINT', 'CSAT', '投诉处理满意度', 'Complaint handling satisfaction', '您对本次投诉的处理结果满意吗？', 'How satisfied are you with how we handled your complaint?', '[]', true),
  ('NPS_RELATIONSHIP', 'NPS', '净推荐值调查', 'Net Promoter survey', '您有多大可能向亲友推荐我们的服务？', 'How likely are you to recommend us to a friend or family member?', '[]', true),
  ('CSI_SERVICE', 'CSI', '客户满意度指数', 'Customer satisfaction index', '请对我们的服务各方面打分（1 = 很不满意，5 = 很满意）', 'Please rate each aspect of our service (1 = very dissatisfied, 5 = very satisfied)',
   '[{"code":"RESPONSE_SPEED","labelZh":"响应速度","labelEn":"Response speed","weight":1},{"code":"RESOLUTION_EFFICIENCY","labelZh":"解决效率","labelEn":"Resolution efficiency","weight":1},{"code":"COMMUNICATION_QUALITY","labelZh":"沟通质量","labelEn":"Communication quality","weight":1}]', true);

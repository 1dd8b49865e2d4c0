-- CreateEnum
CREATE TYPE "KbArticleStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "ScriptStage" AS ENUM ('GREETING', 'IDENTITY_CHECK', 'APOLOGY', 'EXPLANATION', 'CLOSING', 'CAMPAIGN');

-- CreateEnum
CREATE TYPE "ServiceNormKind" AS ENUM ('LANGUAGE', 'CONDUCT');

-- CreateEnum
CREATE TYPE "QaSection" AS ENUM ('ATTITUDE', 'KNOWLEDGE', 'COMMUNICATION', 'RESOLUTION', 'COMPLIANCE');

-- CreateEnum
CREATE TYPE "QaTarget" AS ENUM ('CONTACT', 'COMPLAINT');

-- CreateEnum
CREATE TYPE "QaSamplingKind" AS ENUM ('RANDOM_PER_AGENT_WEEK', 'DETRACTOR_COMPLAINT', 'ESCALATION', 'LONG_CALL');

-- CreateEnum
CREATE TYPE "QaSampleStatus" AS ENUM ('OPEN', 'SCORED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "QaDisputeStatus" AS ENUM ('OPEN', 'UPHELD', 'REJECTED');

-- CreateEnum
CREATE TYPE "TrainingStatus" AS ENUM ('PLANNED', 'HELD', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TrainingAttendance" AS ENUM ('INVITED', 'ATTENDED', 'ABSENT');

-- CreateEnum
CREATE TYPE "TrainingAssignmentReason" AS ENUM ('MANUAL', 'ATTITUDE_COMPLAINT', 'LOW_QA_SCORE');

-- CreateEnum
CREATE TYPE "TrainingAssignmentStatus" AS ENUM ('OPEN', 'SCHEDULED', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "kb_category" (
    "id" SERIAL NOT NULL,
    "parent_id" INTEGER,
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kb_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kb_article" (
    "id" SERIAL NOT NULL,
    "category_id" INTEGER NOT NULL,
    "title_zh" TEXT NOT NULL,
    "title_en" TEXT NOT NULL DEFAULT '',
    "body_zh" TEXT NOT NULL DEFAULT '',
    "body_en" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "KbArticleStatus" NOT NULL DEFAULT 'DRAFT',
    "visible_to" "Role"[] DEFAULT ARRAY[]::"Role"[],
    "owner_id" INTEGER NOT NULL,
    "review_due" DATE,
    "complaint_category_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "plan_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "related_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "revision" INTEGER NOT NULL DEFAULT 1,
    "helpful_count" INTEGER NOT NULL DEFAULT 0,
    "unhelpful_count" INTEGER NOT NULL DEFAULT 0,
    "search_vector" tsvector,
    "search_fuzzy" TEXT NOT NULL DEFAULT '',
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "kb_article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kb_article_revision" (
    "article_id" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "title_zh" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "body_zh" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "author_id" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kb_article_revision_pkey" PRIMARY KEY ("article_id","revision")
);

-- CreateTable
CREATE TABLE "kb_attachment" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "uploaded_by" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kb_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kb_feedback" (
    "article_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kb_feedback_pkey" PRIMARY KEY ("article_id","user_id")
);

-- CreateTable
CREATE TABLE "kb_synonym" (
    "id" SERIAL NOT NULL,
    "terms" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kb_synonym_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kb_search_log" (
    "id" BIGSERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "query" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "result_count" INTEGER NOT NULL,
    "clicked_article_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kb_search_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_script" (
    "id" SERIAL NOT NULL,
    "stage" "ScriptStage" NOT NULL,
    "complaint_category_id" INTEGER,
    "campaign_id" INTEGER,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "body_zh" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_script_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_norm" (
    "id" SERIAL NOT NULL,
    "kind" "ServiceNormKind" NOT NULL,
    "code" TEXT NOT NULL,
    "title_zh" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "description_zh" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_norm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qa_form" (
    "id" SERIAL NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "target" "QaTarget" NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "pass_score" INTEGER NOT NULL DEFAULT 80,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qa_form_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qa_form_item" (
    "id" SERIAL NOT NULL,
    "form_id" INTEGER NOT NULL,
    "section" "QaSection" NOT NULL,
    "label_zh" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "max_points" INTEGER NOT NULL DEFAULT 5,
    "weight" INTEGER NOT NULL DEFAULT 1,
    "is_fatal" BOOLEAN NOT NULL DEFAULT false,
    "norm_id" INTEGER,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "qa_form_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qa_sampling_rule" (
    "id" SERIAL NOT NULL,
    "kind" "QaSamplingKind" NOT NULL,
    "param" INTEGER NOT NULL DEFAULT 0,
    "form_id" INTEGER NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qa_sampling_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qa_sample" (
    "id" SERIAL NOT NULL,
    "target" "QaTarget" NOT NULL,
    "ref_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "form_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "rule_id" INTEGER,
    "week" TEXT NOT NULL,
    "calibration" BOOLEAN NOT NULL DEFAULT false,
    "status" "QaSampleStatus" NOT NULL DEFAULT 'OPEN',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "qa_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qa_evaluation" (
    "id" SERIAL NOT NULL,
    "sample_id" INTEGER NOT NULL,
    "evaluator_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "form_id" INTEGER NOT NULL,
    "score" DECIMAL(5,2) NOT NULL,
    "fatal" BOOLEAN NOT NULL DEFAULT false,
    "comment" TEXT NOT NULL DEFAULT '',
    "calibration" BOOLEAN NOT NULL DEFAULT false,
    "final_score" DECIMAL(5,2) NOT NULL,
    "scored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "qa_evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "qa_evaluation_item" (
    "evaluation_id" INTEGER NOT NULL,
    "item_id" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL DEFAULT true,
    "comment" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "qa_evaluation_item_pkey" PRIMARY KEY ("evaluation_id","item_id")
);

-- CreateTable
CREATE TABLE "qa_dispute" (
    "id" SERIAL NOT NULL,
    "evaluation_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "QaDisputeStatus" NOT NULL DEFAULT 'OPEN',
    "decided_by_id" INTEGER,
    "decision_note" TEXT NOT NULL DEFAULT '',
    "new_score" DECIMAL(5,2),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "qa_dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_session" (
    "id" SERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_min" INTEGER NOT NULL DEFAULT 60,
    "trainer_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "article_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "pass_score" INTEGER NOT NULL DEFAULT 60,
    "status" "TrainingStatus" NOT NULL DEFAULT 'PLANNED',
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "training_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_question" (
    "id" SERIAL NOT NULL,
    "session_id" INTEGER NOT NULL,
    "prompt" TEXT NOT NULL,
    "options" TEXT[],
    "correct_index" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "training_question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_attendee" (
    "session_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "attendance" "TrainingAttendance" NOT NULL DEFAULT 'INVITED',
    "test_score" INTEGER,
    "tested_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "training_attendee_pkey" PRIMARY KEY ("session_id","user_id")
);

-- CreateTable
CREATE TABLE "training_assignment" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "reason" "TrainingAssignmentReason" NOT NULL,
    "topic" TEXT NOT NULL,
    "source_key" TEXT,
    "session_id" INTEGER,
    "status" "TrainingAssignmentStatus" NOT NULL DEFAULT 'OPEN',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "training_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_assessment" (
    "month" DATE NOT NULL,
    "user_id" INTEGER NOT NULL,
    "team_id" INTEGER NOT NULL,
    "qa_average" DECIMAL(5,2),
    "qa_count" INTEGER NOT NULL DEFAULT 0,
    "sla_rate" DECIMAL(5,4),
    "aht_minutes" DECIMAL(10,1),
    "fcr_rate" DECIMAL(5,4),
    "csat_rate" DECIMAL(5,4),
    "training_rate" DECIMAL(5,4),
    "handled" INTEGER NOT NULL DEFAULT 0,
    "rating" DECIMAL(5,2) NOT NULL,
    "rank_in_team" INTEGER NOT NULL,
    "team_size" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_assessment_pkey" PRIMARY KEY ("month","user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "kb_category_code_key" ON "kb_category"("code");

-- CreateIndex
CREATE INDEX "kb_category_parent_id_idx" ON "kb_category"("parent_id");

-- CreateIndex
CREATE INDEX "kb_article_category_id_status_idx" ON "kb_article"("category_id", "status");

-- CreateIndex
CREATE INDEX "kb_article_owner_id_review_due_idx" ON "kb_article"("owner_id", "review_due");

-- CreateIndex
CREATE INDEX "kb_article_complaint_category_ids_idx" ON "kb_article" USING GIN ("complaint_category_ids");

-- CreateIndex
CREATE INDEX "kb_article_tags_idx" ON "kb_article" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "kb_attachment_article_id_idx" ON "kb_attachment"("article_id");

-- CreateIndex
CREATE INDEX "kb_synonym_terms_idx" ON "kb_synonym" USING GIN ("terms");

-- CreateIndex
CREATE INDEX "kb_search_log_at_idx" ON "kb_search_log"("at");

-- CreateIndex
CREATE INDEX "kb_search_log_normalized_at_idx" ON "kb_search_log"("normalized", "at");

-- CreateIndex
CREATE INDEX "service_script_stage_is_active_idx" ON "service_script"("stage", "is_active");

-- CreateIndex
CREATE UNIQUE INDEX "service_norm_code_key" ON "service_norm"("code");

-- CreateIndex
CREATE INDEX "qa_form_item_form_id_idx" ON "qa_form_item"("form_id");

-- CreateIndex
CREATE INDEX "qa_sample_team_id_status_created_at_idx" ON "qa_sample"("team_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "qa_sample_agent_id_created_at_idx" ON "qa_sample"("agent_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "qa_sample_target_ref_id_key" ON "qa_sample"("target", "ref_id");

-- CreateIndex
CREATE INDEX "qa_evaluation_agent_id_scored_at_idx" ON "qa_evaluation"("agent_id", "scored_at");

-- CreateIndex
CREATE INDEX "qa_evaluation_team_id_scored_at_idx" ON "qa_evaluation"("team_id", "scored_at");

-- CreateIndex
CREATE UNIQUE INDEX "qa_evaluation_sample_id_evaluator_id_key" ON "qa_evaluation"("sample_id", "evaluator_id");

-- CreateIndex
CREATE UNIQUE INDEX "qa_dispute_evaluation_id_key" ON "qa_dispute"("evaluation_id");

-- CreateIndex
CREATE INDEX "qa_dispute_status_created_at_idx" ON "qa_dispute"("status", "created_at");

-- CreateIndex
CREATE INDEX "training_session_starts_at_idx" ON "training_session"("starts_at");

-- CreateIndex
CREATE INDEX "training_session_team_id_starts_at_idx" ON "training_session"("team_id", "starts_at");

-- CreateIndex
CREATE INDEX "training_question_session_id_idx" ON "training_question"("session_id");

-- CreateIndex
CREATE INDEX "training_attendee_user_id_idx" ON "training_attendee"("user_id");

-- CreateIndex
CREATE INDEX "training_assignment_team_id_status_idx" ON "training_assignment"("team_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "training_assignment_user_id_source_key_key" ON "training_assignment"("user_id", "source_key");

-- CreateIndex
CREATE INDEX "agent_assessment_team_id_month_rank_in_team_idx" ON "agent_assessment"("team_id", "month", "rank_in_team");

-- CreateIndex
CREATE INDEX "agent_assessment_user_id_month_idx" ON "agent_assessment"("user_id", "month");

-- AddForeignKey
ALTER TABLE "kb_article" ADD CONSTRAINT "kb_article_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "kb_category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kb_article_revision" ADD CONSTRAINT "kb_article_revision_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "kb_article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kb_attachment" ADD CONSTRAINT "kb_attachment_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "kb_article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kb_feedback" ADD CONSTRAINT "kb_feedback_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "kb_article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_form_item" ADD CONSTRAINT "qa_form_item_form_id_fkey" FOREIGN KEY ("form_id") REFERENCES "qa_form"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_evaluation" ADD CONSTRAINT "qa_evaluation_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "qa_sample"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_evaluation_item" ADD CONSTRAINT "qa_evaluation_item_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "qa_evaluation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "qa_dispute" ADD CONSTRAINT "qa_dispute_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "qa_evaluation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_question" ADD CONSTRAINT "training_question_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_attendee" ADD CONSTRAINT "training_attendee_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: knowledge search (lib/knowledge/search.ts): the segmented words and the latin/pinyin text.
CREATE INDEX "kb_article_search_vector_idx" ON "kb_article" USING GIN ("search_vector");
CREATE INDEX "kb_article_search_fuzzy_idx" ON "kb_article" USING GIN ("search_fuzzy" gin_trgm_ops);

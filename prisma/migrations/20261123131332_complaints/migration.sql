-- CreateEnum
CREATE TYPE "ComplaintGrade" AS ENUM ('GENERAL', 'COMPLEX', 'MAJOR');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('ACKNOWLEDGED', 'IN_PROGRESS', 'PENDING', 'HELD', 'RESOLVED', 'CLOSED', 'REJECTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ComplaintCommentKind" AS ENUM ('INTERNAL', 'NOTE', 'FEEDBACK', 'SYSTEM');

-- CreateEnum
CREATE TYPE "CompensationKind" AS ENUM ('CREDIT', 'POINTS');

-- CreateEnum
CREATE TYPE "CompensationStatus" AS ENUM ('APPROVED', 'PENDING_APPROVAL', 'REJECTED');

-- CreateTable
CREATE TABLE "complaint_category" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "parent_id" INTEGER,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "skill_tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "script_zh" TEXT NOT NULL DEFAULT '',
    "script_en" TEXT NOT NULL DEFAULT '',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_calendar" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "business_calendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sla_target" (
    "id" SERIAL NOT NULL,
    "category_code" TEXT NOT NULL,
    "grade" "ComplaintGrade" NOT NULL,
    "value_tier" TEXT NOT NULL,
    "is_appeal" BOOLEAN NOT NULL DEFAULT false,
    "first_response_min" INTEGER NOT NULL,
    "feedback_min" INTEGER NOT NULL,
    "resolution_min" INTEGER NOT NULL,
    "cycle_min" INTEGER NOT NULL,
    "calendar_id" INTEGER NOT NULL,
    "warn_ratio" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    "effective_from" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" INTEGER,

    CONSTRAINT "sla_target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "escalation_step" (
    "level" INTEGER NOT NULL,
    "notify_role" "Role" NOT NULL,
    "delay_min" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "escalation_step_pkey" PRIMARY KEY ("level")
);

-- CreateTable
CREATE TABLE "compensation_limit" (
    "role" "Role" NOT NULL,
    "credit_limit" DECIMAL(10,2) NOT NULL,
    "points_limit" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "compensation_limit_pkey" PRIMARY KEY ("role")
);

-- CreateTable
CREATE TABLE "service_standard_revision" (
    "id" BIGSERIAL NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "changed_by" INTEGER,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_standard_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint" (
    "id" SERIAL NOT NULL,
    "complaint_no" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "line_id" INTEGER,
    "channel" "Channel" NOT NULL,
    "category_id" INTEGER NOT NULL,
    "grade" "ComplaintGrade" NOT NULL,
    "summary" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '',
    "status" "ComplaintStatus" NOT NULL DEFAULT 'ACKNOWLEDGED',
    "owner_id" INTEGER NOT NULL,
    "assignee_id" INTEGER,
    "team_id" INTEGER,
    "is_appeal" BOOLEAN NOT NULL DEFAULT false,
    "value_tier" TEXT NOT NULL DEFAULT 'STANDARD',
    "idempotency_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "sla_target_id" INTEGER,
    "calendar_id" INTEGER NOT NULL,
    "first_response_min" INTEGER NOT NULL,
    "feedback_min" INTEGER NOT NULL,
    "resolution_min" INTEGER NOT NULL,
    "cycle_min" INTEGER NOT NULL,
    "warn_ratio" DOUBLE PRECISION NOT NULL DEFAULT 0.8,
    "first_responded_at" TIMESTAMPTZ(3),
    "feedback_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "first_response_due_at" TIMESTAMPTZ(3),
    "feedback_due_at" TIMESTAMPTZ(3),
    "resolution_due_at" TIMESTAMPTZ(3),
    "cycle_due_at" TIMESTAMPTZ(3),
    "next_due_at" TIMESTAMPTZ(3),
    "next_warn_at" TIMESTAMPTZ(3),
    "is_sla_paused" BOOLEAN NOT NULL DEFAULT false,
    "warned_at" TIMESTAMPTZ(3),
    "breached_at" TIMESTAMPTZ(3),
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_status_change" (
    "id" BIGSERIAL NOT NULL,
    "complaint_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" "ComplaintStatus",
    "to_status" "ComplaintStatus" NOT NULL,
    "reason" TEXT,
    "actor_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_status_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_comment" (
    "id" BIGSERIAL NOT NULL,
    "complaint_id" INTEGER NOT NULL,
    "kind" "ComplaintCommentKind" NOT NULL,
    "body" TEXT NOT NULL,
    "author_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_attachment" (
    "id" SERIAL NOT NULL,
    "complaint_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "uploaded_by" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "complaint_compensation" (
    "id" SERIAL NOT NULL,
    "complaint_id" INTEGER NOT NULL,
    "kind" "CompensationKind" NOT NULL,
    "amount" DECIMAL(10,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "CompensationStatus" NOT NULL,
    "requested_by" INTEGER NOT NULL,
    "decided_by" INTEGER,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "complaint_compensation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" BIGSERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "complaint_id" INTEGER,
    "data" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaint_category_code_key" ON "complaint_category"("code");

-- CreateIndex
CREATE INDEX "complaint_category_parent_id_idx" ON "complaint_category"("parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "business_calendar_code_key" ON "business_calendar"("code");

-- CreateIndex
CREATE UNIQUE INDEX "sla_target_category_code_grade_value_tier_is_appeal_effecti_key" ON "sla_target"("category_code", "grade", "value_tier", "is_appeal", "effective_from");

-- CreateIndex
CREATE INDEX "service_standard_revision_entity_entity_key_version_idx" ON "service_standard_revision"("entity", "entity_key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_complaint_no_key" ON "complaint"("complaint_no");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_idempotency_key_key" ON "complaint"("idempotency_key");

-- CreateIndex
CREATE INDEX "complaint_customer_id_created_at_idx" ON "complaint"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "complaint_assignee_id_next_due_at_id_idx" ON "complaint"("assignee_id", "next_due_at", "id");

-- CreateIndex
CREATE INDEX "complaint_owner_id_next_due_at_id_idx" ON "complaint"("owner_id", "next_due_at", "id");

-- CreateIndex
CREATE INDEX "complaint_team_id_next_due_at_id_idx" ON "complaint"("team_id", "next_due_at", "id");

-- CreateIndex
CREATE INDEX "complaint_next_due_at_id_idx" ON "complaint"("next_due_at", "id");

-- CreateIndex
CREATE INDEX "complaint_status_change_complaint_id_at_idx" ON "complaint_status_change"("complaint_id", "at");

-- CreateIndex
CREATE INDEX "complaint_comment_complaint_id_at_idx" ON "complaint_comment"("complaint_id", "at");

-- CreateIndex
CREATE INDEX "complaint_attachment_complaint_id_idx" ON "complaint_attachment"("complaint_id");

-- CreateIndex
CREATE INDEX "complaint_compensation_complaint_id_idx" ON "complaint_compensation"("complaint_id");

-- CreateIndex
CREATE INDEX "complaint_compensation_status_created_at_idx" ON "complaint_compensation"("status", "created_at");

-- CreateIndex
CREATE INDEX "notification_user_id_created_at_idx" ON "notification"("user_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "complaint_status_change" ADD CONSTRAINT "complaint_status_change_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_comment" ADD CONSTRAINT "complaint_comment_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_attachment" ADD CONSTRAINT "complaint_attachment_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "complaint_compensation" ADD CONSTRAINT "complaint_compensation_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───────── hand-written: foreign keys to other sections' tables (kept out of their Prisma models) ─────────
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_customer_fk" FOREIGN KEY ("customer_id") REFERENCES "customer"("id");
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_line_fk" FOREIGN KEY ("line_id") REFERENCES "line"("id");
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_category_fk" FOREIGN KEY ("category_id") REFERENCES "complaint_category"("id");
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id");
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_assignee_fk" FOREIGN KEY ("assignee_id") REFERENCES "app_user"("id");
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_team_fk" FOREIGN KEY ("team_id") REFERENCES "team"("id");
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_calendar_fk" FOREIGN KEY ("calendar_id") REFERENCES "business_calendar"("id");
ALTER TABLE "complaint_category" ADD CONSTRAINT "complaint_category_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "complaint_category"("id");
ALTER TABLE "sla_target" ADD CONSTRAINT "sla_target_calendar_fk" FOREIGN KEY ("calendar_id") REFERENCES "business_calendar"("id");
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id");
ALTER TABLE "complaint_compensation" ADD CONSTRAINT "complaint_compensation_requested_fk" FOREIGN KEY ("requested_by") REFERENCES "app_user"("id");

-- Complaint numbers TS + local date + 5 digits (TS2026112300001).
CREATE SEQUENCE "complaint_no_seq";
-- Unread badge: a tiny partial index.
CREATE INDEX "notification_unread_idx" ON "notification" ("user_id") WHERE "read_at" IS NULL;
-- The scan's work lists: counting clocks only.
CREATE INDEX "complaint_warn_scan_idx" ON "complaint" ("next_warn_at") WHERE "warned_at" IS NULL AND NOT "is_sla_paused";
CREATE INDEX "complaint_breach_scan_idx" ON "complaint" ("next_due_at") WHERE "breached_at" IS NULL AND NOT "is_sla_paused";
CREATE INDEX "complaint_escalation_scan_idx" ON "complaint" ("breached_at") WHERE "breached_at" IS NOT NULL;
CREATE INDEX "complaint_compensation_pending_idx" ON "complaint_compensation" ("complaint_id") WHERE "status" = 'PENDING_APPROVAL';

-- ───────── default service standards (domain.md, seed 000 §4.2/§4.3); admins edit them ─────────
INSERT INTO "business_calendar" ("code", "name_zh", "name_en", "definition") VALUES
  ('HOTLINE_24X7', '热线全天候 (7×24)', 'Hotline 24/7', '{"timeZone":"Asia/Shanghai","is24x7":true,"weekly":{"0":[{"start":"00:00","end":"24:00"}],"1":[{"start":"00:00","end":"24:00"}],"2":[{"start":"00:00","end":"24:00"}],"3":[{"start":"00:00","end":"24:00"}],"4":[{"start":"00:00","end":"24:00"}],"5":[{"start":"00:00","end":"24:00"}],"6":[{"start":"00:00","end":"24:00"}]},"holidays":[],"makeupWorkdays":[]}'),
  ('OFFICE', '工作日 (含午休、节假日与调休)', 'Office days (lunch break, holidays, make-up days)', '{"timeZone":"Asia/Shanghai","is24x7":false,"weekly":{"0":[],"1":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"2":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"3":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"4":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"5":[{"start":"09:00","end":"12:00"},{"start":"13:30","end":"18:00"}],"6":[]},"holidays":["2026-01-01","2026-01-02","2026-01-03","2026-02-15","2026-02-16","2026-02-17","2026-02-18","2026-02-19","2026-02-20","2026-02-21","2026-02-22","2026-02-23","2026-04-04","2026-04-05","2026-04-06","2026-05-01","2026-05-02","2026-05-03","2026-05-04","2026-05-05","2026-06-19","2026-06-20","2026-06-21","2026-09-25","2026-09-26","2026-09-27","2026-10-01","2026-10-02","2026-10-03","2026-10-04","2026-10-05","2026-10-06","2026-10-07"],"makeupWorkdays":["2026-01-04","2026-02-14","2026-02-28","2026-05-09","2026-09-20","2026-10-10"]}');

INSERT INTO "complaint_category" ("code", "parent_id", "name_zh", "name_en", "skill_tags", "script_zh", "script_en", "sort_order") VALUES
  ('BILLING', NULL, '话费账单', 'Billing', '{billing}', '您好，关于您反映的话费问题，我已为您登记并核查账单明细，会在24小时内给您答复。', 'Thank you. I have logged your billing concern and am checking the itemised bill; you will have an answer within 24 hours.', 10),
  ('NETWORK', NULL, '网络信号', 'Network / signal', '{network}', '非常抱歉给您带来不便，我已记录您所在位置和故障现象，并转交网络部门处理。', 'I am sorry for the trouble. I have recorded your location and the symptoms and passed them to the network team.', 20),
  ('BROADBAND', NULL, '宽带故障', 'Broadband fault', '{broadband}', '我已为您登记宽带故障，维修人员会与您预约上门时间。', 'I have logged the broadband fault; an engineer will call you to book a visit.', 30),
  ('SERVICE_ATTITUDE', NULL, '服务态度', 'Service attitude', '{service}', '对于给您带来的不愉快体验，我们深表歉意，我们会核实并改进。', 'We apologise for the experience. We will look into it and improve.', 40),
  ('PRODUCT_QUALITY', NULL, '产品质量', 'Product quality', '{product}', '感谢您的反馈，我们会将产品问题提交相关部门整改。', 'Thank you. We will pass the product issue to the team responsible for fixing it.', 50),
  ('VAS', NULL, '增值业务', 'Value-added services', '{vas}', '我已为您查询增值业务订购记录，未经您同意订购的业务将为您退订并退费。', 'I have checked your value-added subscriptions; anything ordered without your consent will be cancelled and refunded.', 60),
  ('NUMBER_PORTING', NULL, '携号转网', 'Number porting', '{porting}', '关于携号转网，我已核查您的办理条件，会尽快给您答复。', 'I have checked your number-porting eligibility and will reply shortly.', 70);
INSERT INTO "complaint_category" ("code", "parent_id", "name_zh", "name_en", "skill_tags", "sort_order") VALUES
  ('BILLING_OVERCHARGE', (SELECT id FROM complaint_category WHERE code = 'BILLING'), '多扣费', 'Overcharge', '{billing}', 11),
  ('BILLING_ROAMING', (SELECT id FROM complaint_category WHERE code = 'BILLING'), '漫游费用', 'Roaming charges', '{billing}', 12),
  ('NETWORK_OUTAGE', (SELECT id FROM complaint_category WHERE code = 'NETWORK'), '网络中断', 'Network outage', '{network}', 21),
  ('NETWORK_COVERAGE', (SELECT id FROM complaint_category WHERE code = 'NETWORK'), '信号覆盖差', 'Poor coverage', '{network}', 22);

-- '*' = every category; STANDARD until value tiers exist; DIAMOND shows the matrix takes tiers.
INSERT INTO "sla_target" ("category_code", "grade", "value_tier", "is_appeal", "first_response_min", "feedback_min", "resolution_min", "cycle_min", "calendar_id", "warn_ratio", "effective_from") VALUES
  ('*', 'GENERAL', 'STANDARD', false, 15, 1440, 1440, 2880, (SELECT id FROM business_calendar WHERE code = 'HOTLINE_24X7'), 0.8, '2020-01-01'),
  ('*', 'COMPLEX', 'STANDARD', false, 30, 1440, 1440, 2880, (SELECT id FROM business_calendar WHERE code = 'HOTLINE_24X7'), 0.8, '2020-01-01'),
  ('*', 'MAJOR', 'STANDARD', false, 5, 240, 480, 1440, (SELECT id FROM business_calendar WHERE code = 'HOTLINE_24X7'), 0.5, '2020-01-01'),
  ('*', 'GENERAL', 'STANDARD', true, 10, 720, 1080, 1440, (SELECT id FROM business_calendar WHERE code = 'HOTLINE_24X7'), 0.7, '2020-01-01'),
  ('*', 'COMPLEX', 'STANDARD', true, 10, 720, 1080, 1440, (SELECT id FROM business_calendar WHERE code = 'HOTLINE_24X7'), 0.7, '2020-01-01'),
  ('*', 'MAJOR', 'STANDARD', true, 5, 240, 480, 1440, (SELECT id FROM business_calendar WHERE code = 'HOTLINE_24X7'), 0.5, '2020-01-01'),
  ('*', 'GENERAL', 'DIAMOND', false, 10, 720, 720, 1440, (SELECT id FROM business_calendar WHERE code = 'HOTLINE_24X7'), 0.8, '2020-01-01'),
  ('PRODUCT_QUALITY', 'COMPLEX', 'STANDARD', false, 30, 1440, 2700, 2880, (SELECT id FROM business_calendar WHERE code = 'OFFICE'), 0.8, '2020-01-01');

INSERT INTO "escalation_step" ("level", "notify_role", "delay_min") VALUES (1, 'AGENT', 0), (2, 'SUPERVISOR', 15), (3, 'MANAGER', 60);
INSERT INTO "compensation_limit" ("role", "credit_limit", "points_limit") VALUES
  ('AGENT', 50, 500), ('SUPERVISOR', 300, 3000), ('MANAGER', 2000, 20000), ('ADMIN', 0, 0);

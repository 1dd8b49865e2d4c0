-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('AGENT', 'SUPERVISOR', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "CustomerType" AS ENUM ('INDIVIDUAL', 'FAMILY', 'ENTERPRISE', 'GOVERNMENT');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "CustomerStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'CHURNED');

-- CreateEnum
CREATE TYPE "SpecialCare" AS ENUM ('NONE', 'ELDERLY', 'DISABLED');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('CASH', 'BANK_DEBIT', 'ALIPAY', 'WECHAT_PAY', 'CREDIT_CARD');

-- CreateEnum
CREATE TYPE "PlanClass" AS ENUM ('MOBILE', 'BROADBAND', 'FIXED', 'VALUE_ADDED', 'SMART_DEVICE', 'SECURITY');

-- CreateEnum
CREATE TYPE "PlanLifecycle" AS ENUM ('INTRODUCTION', 'GROWTH', 'MATURITY', 'DECLINE', 'RETIRED');

-- CreateEnum
CREATE TYPE "Network" AS ENUM ('G4', 'G5', 'FTTH', 'FIXED');

-- CreateEnum
CREATE TYPE "LineStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'PENDING_TERMINATE', 'TERMINATED');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('HOTLINE', 'ONLINE_CHAT', 'APP', 'MINI_PROGRAM', 'WECHAT', 'SERVICE_HALL', 'EMAIL', 'SOCIAL', 'OUTBOUND_CALL');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "Disposition" AS ENUM ('RESOLVED', 'INFO_PROVIDED', 'FOLLOW_UP', 'TRANSFERRED', 'COMPLAINT_OPENED', 'NO_ANSWER');

-- CreateTable
CREATE TABLE "team" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "email" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "team_id" INTEGER,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer" (
    "id" SERIAL NOT NULL,
    "customer_no" TEXT NOT NULL,
    "type" "CustomerType" NOT NULL,
    "name" TEXT NOT NULL,
    "name_pinyin" TEXT NOT NULL,
    "name_initials" TEXT NOT NULL,
    "gender" "Gender" NOT NULL DEFAULT 'UNKNOWN',
    "birth_date" DATE,
    "id_number_enc" TEXT,
    "id_number_hash" TEXT,
    "id_number_last4" TEXT,
    "province" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "preferred_lang" TEXT NOT NULL DEFAULT 'zh-CN',
    "contact_phone" TEXT,
    "email" TEXT,
    "address" TEXT,
    "joined_at" DATE NOT NULL,
    "status" "CustomerStatus" NOT NULL DEFAULT 'ACTIVE',
    "churned_at" DATE,
    "consent_sms" BOOLEAN NOT NULL DEFAULT true,
    "consent_call" BOOLEAN NOT NULL DEFAULT true,
    "consent_email" BOOLEAN NOT NULL DEFAULT false,
    "consent_push" BOOLEAN NOT NULL DEFAULT true,
    "do_not_disturb" BOOLEAN NOT NULL DEFAULT false,
    "special_care" "SpecialCare" NOT NULL DEFAULT 'NONE',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" SERIAL NOT NULL,
    "account_no" TEXT NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "payment_method" "PaymentMethod" NOT NULL,
    "credit_class" TEXT NOT NULL,
    "balance" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "arrears" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "class" "PlanClass" NOT NULL,
    "monthly_fee" DECIMAL(10,2) NOT NULL,
    "data_quota_mb" INTEGER NOT NULL DEFAULT 0,
    "voice_minutes" INTEGER NOT NULL DEFAULT 0,
    "lifecycle" "PlanLifecycle" NOT NULL DEFAULT 'MATURITY',

    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "line" (
    "id" SERIAL NOT NULL,
    "msisdn" TEXT NOT NULL,
    "iccid" TEXT,
    "customer_id" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "network" "Network" NOT NULL,
    "status" "LineStatus" NOT NULL DEFAULT 'ACTIVE',
    "start_date" DATE NOT NULL,
    "contract_end_date" DATE,
    "terminated_at" DATE,

    CONSTRAINT "line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bill" (
    "id" SERIAL NOT NULL,
    "line_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "voice_charge" DECIMAL(10,2) NOT NULL,
    "data_charge" DECIMAL(10,2) NOT NULL,
    "vas_charge" DECIMAL(10,2) NOT NULL,
    "other_charge" DECIMAL(10,2) NOT NULL,
    "total_charge" DECIMAL(10,2) NOT NULL,
    "data_mb" INTEGER NOT NULL,
    "voice_minutes" INTEGER NOT NULL,
    "sms_count" INTEGER NOT NULL,
    "roaming_days" INTEGER NOT NULL DEFAULT 0,
    "paid_on_time" BOOLEAN NOT NULL,

    CONSTRAINT "bill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interaction_reason" (
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "interaction_reason_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "interaction" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "line_id" INTEGER,
    "channel" "Channel" NOT NULL,
    "direction" "Direction" NOT NULL,
    "reason_code" TEXT,
    "disposition" "Disposition" NOT NULL,
    "notes" TEXT,
    "agent_id" INTEGER,
    "duration_sec" INTEGER NOT NULL DEFAULT 0,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "interaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recent_customer" (
    "user_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "viewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recent_customer_pkey" PRIMARY KEY ("user_id","customer_id")
);

-- CreateTable
CREATE TABLE "pinned_customer" (
    "user_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "pinned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pinned_customer_pkey" PRIMARY KEY ("user_id","customer_id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "actor_name" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,
    "data" JSONB,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "team_code_key" ON "team"("code");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE INDEX "app_user_team_id_idx" ON "app_user"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_customer_no_key" ON "customer"("customer_no");

-- CreateIndex
CREATE INDEX "customer_id_number_hash_idx" ON "customer"("id_number_hash");

-- CreateIndex
CREATE INDEX "customer_city_idx" ON "customer"("city");

-- CreateIndex
CREATE UNIQUE INDEX "account_account_no_key" ON "account"("account_no");

-- CreateIndex
CREATE INDEX "account_customer_id_idx" ON "account"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "plan_code_key" ON "plan"("code");

-- CreateIndex
CREATE UNIQUE INDEX "line_msisdn_key" ON "line"("msisdn");

-- CreateIndex
CREATE INDEX "line_customer_id_idx" ON "line"("customer_id");

-- CreateIndex
CREATE INDEX "line_account_id_idx" ON "line"("account_id");

-- CreateIndex
CREATE INDEX "bill_customer_id_month_idx" ON "bill"("customer_id", "month");

-- CreateIndex
CREATE UNIQUE INDEX "bill_line_id_month_key" ON "bill"("line_id", "month");

-- CreateIndex
CREATE INDEX "interaction_customer_id_occurred_at_id_idx" ON "interaction"("customer_id", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "interaction_agent_id_occurred_at_idx" ON "interaction"("agent_id", "occurred_at");

-- CreateIndex
CREATE INDEX "recent_customer_user_id_viewed_at_idx" ON "recent_customer"("user_id", "viewed_at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_entity_entity_id_at_idx" ON "audit_log"("entity", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "line" ADD CONSTRAINT "line_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "line" ADD CONSTRAINT "line_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "line" ADD CONSTRAINT "line_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill" ADD CONSTRAINT "bill_line_id_fkey" FOREIGN KEY ("line_id") REFERENCES "line"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill" ADD CONSTRAINT "bill_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interaction" ADD CONSTRAINT "interaction_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interaction" ADD CONSTRAINT "interaction_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recent_customer" ADD CONSTRAINT "recent_customer_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recent_customer" ADD CONSTRAINT "recent_customer_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pinned_customer" ADD CONSTRAINT "pinned_customer_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pinned_customer" ADD CONSTRAINT "pinned_customer_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ───── hand-written: search indexes ─────
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- partial service-number search (≥ 4 digits) anywhere in the number
CREATE INDEX "line_msisdn_trgm_idx" ON "line" USING gin ("msisdn" gin_trgm_ops);
-- names: prefix (2-character Chinese names, full names) via btree, substrings (≥ 3 chars) via trigram
CREATE INDEX "customer_name_prefix_idx" ON "customer" ("name" text_pattern_ops);
CREATE INDEX "customer_name_pinyin_prefix_idx" ON "customer" ("name_pinyin" text_pattern_ops);
CREATE INDEX "customer_name_trgm_idx" ON "customer" USING gin ("name" gin_trgm_ops);

-- ───── hand-written: the audit log is append-only ─────
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- CreateEnum
CREATE TYPE "PointsEntryKind" AS ENUM ('EARN', 'BONUS', 'REDEEM', 'EXPIRE', 'ADJUST', 'COMPENSATION', 'GIFT', 'REVERSAL');

-- CreateEnum
CREATE TYPE "AdjustmentStatus" AS ENUM ('PENDING_APPROVAL', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "EarnRuleKind" AS ENUM ('RATE', 'BONUS');

-- CreateEnum
CREATE TYPE "RewardKind" AS ENUM ('BILL_CREDIT', 'DATA_PACK', 'GIFT');

-- CreateEnum
CREATE TYPE "RedemptionStatus" AS ENUM ('DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LoyaltyJobKind" AS ENUM ('EARN', 'EXPIRE', 'GRADE', 'RECONCILE');

-- CreateEnum
CREATE TYPE "AccountEntryKind" AS ENUM ('OPENING', 'CHARGE', 'PAYMENT', 'COMPENSATION_CREDIT', 'REWARD_CREDIT', 'REVERSAL');

-- CreateEnum
CREATE TYPE "MemberGrade" AS ENUM ('DIAMOND', 'GOLD', 'SILVER', 'STANDARD');

-- CreateEnum
CREATE TYPE "GradeChangeReason" AS ENUM ('UPGRADE', 'DOWNGRADE', 'GRACE_STARTED', 'GRACE_CLEARED', 'JOINED');

-- CreateEnum
CREATE TYPE "CareTaskKind" AS ENUM ('BIRTHDAY', 'FESTIVAL', 'CONTRACT_EXPIRY', 'DATA_QUOTA', 'PAYMENT_DUE', 'ARREARS', 'AFTER_SALES', 'SPECIAL_CARE_VISIT', 'WIN_BACK', 'OTHER');

-- CreateEnum
CREATE TYPE "CareTaskStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CareOutcome" AS ENUM ('COMPLETED', 'NOT_REACHABLE', 'DECLINED', 'CALL_BACK', 'RETAINED', 'LOST');

-- CreateTable
CREATE TABLE "points_account" (
    "customer_id" INTEGER NOT NULL,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "lifetime_earned" INTEGER NOT NULL DEFAULT 0,
    "last_delta" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "points_account_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "points_entry" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "kind" "PointsEntryKind" NOT NULL,
    "points" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "expires_on" DATE,
    "ref" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "points_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "points_adjustment" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "AdjustmentStatus" NOT NULL,
    "requested_by" INTEGER NOT NULL,
    "decided_by" INTEGER,
    "decided_at" TIMESTAMPTZ(3),
    "entry_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "points_adjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_earn_rule" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "EarnRuleKind" NOT NULL,
    "plan_class" "PlanClass",
    "grade" "MemberGrade",
    "points_per_yuan" DECIMAL(6,2) NOT NULL DEFAULT 1,
    "multiplier" DECIMAL(4,2) NOT NULL DEFAULT 1,
    "starts_on" DATE,
    "ends_on" DATE,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loyalty_earn_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_reward" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "kind" "RewardKind" NOT NULL,
    "points_cost" INTEGER NOT NULL,
    "credit_amount" DECIMAL(10,2),
    "data_mb" INTEGER,
    "stock" INTEGER,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loyalty_reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reward_redemption" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "reward_id" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "status" "RedemptionStatus" NOT NULL DEFAULT 'DONE',
    "account_entry_id" BIGINT,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reward_redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loyalty_job" (
    "id" SERIAL NOT NULL,
    "kind" "LoyaltyJobKind" NOT NULL,
    "period" TEXT NOT NULL,
    "status" "ValueJobStatus" NOT NULL DEFAULT 'QUEUED',
    "stats" JSONB,
    "error" TEXT,
    "requested_by" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "loyalty_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_entry" (
    "id" BIGSERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "kind" "AccountEntryKind" NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "balance_after" DECIMAL(12,2) NOT NULL,
    "ref" TEXT NOT NULL,
    "reverses_id" BIGINT,
    "reason" TEXT NOT NULL DEFAULT '',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member_grade_def" (
    "grade" "MemberGrade" NOT NULL,
    "min_spend_12m" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "min_tenure_months" INTEGER NOT NULL DEFAULT 0,
    "points_multiplier" DECIMAL(4,2) NOT NULL DEFAULT 1,
    "birthday_points" INTEGER NOT NULL DEFAULT 0,
    "hotline_team_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_grade_def_pkey" PRIMARY KEY ("grade")
);

-- CreateTable
CREATE TABLE "customer_membership" (
    "customer_id" INTEGER NOT NULL,
    "grade" "MemberGrade" NOT NULL,
    "since" DATE NOT NULL,
    "computed_grade" "MemberGrade" NOT NULL,
    "grace_until" DATE,
    "spend_12m" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "graded_month" DATE NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_membership_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "member_grade_change" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "from_grade" "MemberGrade",
    "to_grade" "MemberGrade" NOT NULL,
    "reason" "GradeChangeReason" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_grade_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care_task" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "kind" "CareTaskKind" NOT NULL,
    "rule_id" INTEGER,
    "event_key" TEXT,
    "team_id" INTEGER,
    "assignee_id" INTEGER,
    "due_on" DATE NOT NULL,
    "status" "CareTaskStatus" NOT NULL DEFAULT 'OPEN',
    "outcome" "CareOutcome",
    "offer_rule_id" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "interaction_id" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER,
    "done_by_id" INTEGER,
    "done_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "care_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care_festival" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,

    CONSTRAINT "care_festival_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "points_entry_customer_id_id_idx" ON "points_entry"("customer_id", "id" DESC);

-- CreateIndex
CREATE INDEX "points_entry_expires_on_idx" ON "points_entry"("expires_on");

-- CreateIndex
CREATE UNIQUE INDEX "points_entry_customer_id_kind_ref_key" ON "points_entry"("customer_id", "kind", "ref");

-- CreateIndex
CREATE INDEX "points_adjustment_status_created_at_idx" ON "points_adjustment"("status", "created_at");

-- CreateIndex
CREATE INDEX "points_adjustment_customer_id_idx" ON "points_adjustment"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_reward_code_key" ON "loyalty_reward"("code");

-- CreateIndex
CREATE INDEX "reward_redemption_customer_id_idx" ON "reward_redemption"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_job_kind_period_key" ON "loyalty_job"("kind", "period");

-- CreateIndex
CREATE UNIQUE INDEX "account_entry_reverses_id_key" ON "account_entry"("reverses_id");

-- CreateIndex
CREATE INDEX "account_entry_account_id_id_idx" ON "account_entry"("account_id", "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "account_entry_account_id_kind_ref_key" ON "account_entry"("account_id", "kind", "ref");

-- CreateIndex
CREATE INDEX "customer_membership_grade_customer_id_idx" ON "customer_membership"("grade", "customer_id");

-- CreateIndex
CREATE INDEX "member_grade_change_customer_id_at_idx" ON "member_grade_change"("customer_id", "at");

-- CreateIndex
CREATE INDEX "care_task_assignee_id_status_due_on_idx" ON "care_task"("assignee_id", "status", "due_on");

-- CreateIndex
CREATE INDEX "care_task_team_id_status_due_on_idx" ON "care_task"("team_id", "status", "due_on");

-- CreateIndex
CREATE INDEX "care_task_customer_id_idx" ON "care_task"("customer_id");

-- CreateIndex
CREATE INDEX "care_task_kind_status_idx" ON "care_task"("kind", "status");

-- CreateIndex
CREATE INDEX "care_festival_day_idx" ON "care_festival"("day");

-- CreateIndex
CREATE UNIQUE INDEX "care_festival_code_day_key" ON "care_festival"("code", "day");

-- Hand-written (issue 23, decision 030).
-- A points balance is never negative: a redemption or expiry that would take it below zero fails.
ALTER TABLE "points_account" ADD CONSTRAINT "points_account_balance_check" CHECK ("balance" >= 0);

-- The account ledger begins with each account's balance as its OPENING entry, and every account
-- created later gets one from its initial balance (one statement per INSERT, whatever its size), so
-- account.balance is always the sum of its entries (lib/accounts/ledger.ts; the reconciliation job).
INSERT INTO "account_entry" ("account_id", "kind", "amount", "balance_after", "ref")
SELECT "id", 'OPENING', "balance", "balance", 'opening' FROM "account";

CREATE FUNCTION account_opening_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "account_entry" ("account_id", "kind", "amount", "balance_after", "ref")
  SELECT n."id", 'OPENING', n."balance", n."balance", 'opening' FROM new_accounts n;
  RETURN NULL;
END $$;
CREATE TRIGGER account_opening_entries AFTER INSERT ON "account"
  REFERENCING NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION account_opening_entries();

-- The default grade ladder (admins change it on /admin/membership).
INSERT INTO "member_grade_def" ("grade", "min_spend_12m", "min_tenure_months", "points_multiplier", "birthday_points", "updated_at") VALUES
  ('STANDARD', 0, 0, 1.00, 0, now()),
  ('SILVER', 600, 6, 1.20, 100, now()),
  ('GOLD', 1800, 12, 1.50, 300, now()),
  ('DIAMOND', 4800, 24, 2.00, 800, now());

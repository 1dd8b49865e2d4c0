-- CreateEnum
CREATE TYPE "AutomationPurpose" AS ENUM ('MARKETING', 'CARE');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AutomationTrigger" ADD VALUE 'FESTIVAL';
ALTER TYPE "AutomationTrigger" ADD VALUE 'PAYMENT_DUE';
ALTER TYPE "AutomationTrigger" ADD VALUE 'ARREARS';
ALTER TYPE "AutomationTrigger" ADD VALUE 'PLAN_CHANGED';
ALTER TYPE "AutomationTrigger" ADD VALUE 'SPECIAL_CARE_VISIT';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AutomationAction" ADD VALUE 'CARE_TASK';
ALTER TYPE "AutomationAction" ADD VALUE 'GRANT_POINTS';

-- AlterTable
ALTER TABLE "automation_rule" ADD COLUMN     "purpose" "AutomationPurpose" NOT NULL DEFAULT 'MARKETING';

-- CreateIndex
CREATE INDEX "automation_rule_purpose_id_idx" ON "automation_rule"("purpose", "id");

-- Hand-written (issue 23, docs/care.md): the care triggers read small parts of big tables.
-- SPECIAL_CARE_VISIT: the special-care customers only.
CREATE INDEX "customer_special_care_idx" ON "customer"("id") WHERE "special_care" <> 'NONE';
-- ARREARS: the accounts in arrears only.
CREATE INDEX "account_in_arrears_idx" ON "account"("customer_id") WHERE "arrears" > 0;
-- PAYMENT_DUE: a month's unpaid bills.
CREATE INDEX "bill_unpaid_month_idx" ON "bill"("month", "customer_id") WHERE NOT "paid_on_time";
-- Completion rates: a team's tasks by due day.
CREATE INDEX "care_task_due_on_idx" ON "care_task"("due_on", "team_id");

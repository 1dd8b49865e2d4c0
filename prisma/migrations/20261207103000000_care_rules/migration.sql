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

-- The festival calendar for 2025–2030, computed with lunar-javascript 1.7.7 (lib/care/festivals.ts);
-- admins fill later years on /admin/care.
INSERT INTO care_festival (code, day, name_zh, name_en) VALUES
  ('NEW_YEAR', '2025-01-01', '元旦', 'New Year''s Day'),
  ('SPRING_FESTIVAL', '2025-01-29', '春节', 'Spring Festival'),
  ('LANTERN', '2025-02-12', '元宵节', 'Lantern Festival'),
  ('DRAGON_BOAT', '2025-05-31', '端午节', 'Dragon Boat Festival'),
  ('QIXI', '2025-08-29', '七夕', 'Qixi Festival'),
  ('MID_AUTUMN', '2025-10-06', '中秋节', 'Mid-Autumn Festival'),
  ('NATIONAL_DAY', '2025-10-01', '国庆节', 'National Day'),
  ('DOUBLE_NINTH', '2025-10-29', '重阳节（敬老节）', 'Double Ninth (Seniors'' Day)'),
  ('NEW_YEAR', '2026-01-01', '元旦', 'New Year''s Day'),
  ('SPRING_FESTIVAL', '2026-02-17', '春节', 'Spring Festival'),
  ('LANTERN', '2026-03-03', '元宵节', 'Lantern Festival'),
  ('DRAGON_BOAT', '2026-06-19', '端午节', 'Dragon Boat Festival'),
  ('QIXI', '2026-08-19', '七夕', 'Qixi Festival'),
  ('MID_AUTUMN', '2026-09-25', '中秋节', 'Mid-Autumn Festival'),
  ('NATIONAL_DAY', '2026-10-01', '国庆节', 'National Day'),
  ('DOUBLE_NINTH', '2026-10-18', '重阳节（敬老节）', 'Double Ninth (Seniors'' Day)'),
  ('NEW_YEAR', '2027-01-01', '元旦', 'New Year''s Day'),
  ('SPRING_FESTIVAL', '2027-02-06', '春节', 'Spring Festival'),
  ('LANTERN', '2027-02-20', '元宵节', 'Lantern Festival'),
  ('DRAGON_BOAT', '2027-06-09', '端午节', 'Dragon Boat Festival'),
  ('QIXI', '2027-08-08', '七夕', 'Qixi Festival'),
  ('MID_AUTUMN', '2027-09-15', '中秋节', 'Mid-Autumn Festival'),
  ('NATIONAL_DAY', '2027-10-01', '国庆节', 'National Day'),
  ('DOUBLE_NINTH', '2027-10-08', '重阳节（敬老节）', 'Double Ninth (Seniors'' Day)'),
  ('NEW_YEAR', '2028-01-01', '元旦', 'New Year''s Day'),
  ('SPRING_FESTIVAL', '2028-01-26', '春节', 'Spring Festival'),
  ('LANTERN', '2028-02-09', '元宵节', 'Lantern Festival'),
  ('DRAGON_BOAT', '2028-05-28', '端午节', 'Dragon Boat Festival'),
  ('QIXI', '2028-08-26', '七夕', 'Qixi Festival'),
  ('MID_AUTUMN', '2028-10-03', '中秋节', 'Mid-Autumn Festival'),
  ('NATIONAL_DAY', '2028-10-01', '国庆节', 'National Day'),
  ('DOUBLE_NINTH', '2028-10-26', '重阳节（敬老节）', 'Double Ninth (Seniors'' Day)'),
  ('NEW_YEAR', '2029-01-01', '元旦', 'New Year''s Day'),
  ('SPRING_FESTIVAL', '2029-02-13', '春节', 'Spring Festival'),
  ('LANTERN', '2029-02-27', '元宵节', 'Lantern Festival'),
  ('DRAGON_BOAT', '2029-06-16', '端午节', 'Dragon Boat Festival'),
  ('QIXI', '2029-08-16', '七夕', 'Qixi Festival'),
  ('MID_AUTUMN', '2029-09-22', '中秋节', 'Mid-Autumn Festival'),
  ('NATIONAL_DAY', '2029-10-01', '国庆节', 'National Day'),
  ('DOUBLE_NINTH', '2029-10-16', '重阳节（敬老节）', 'Double Ninth (Seniors'' Day)'),
  ('NEW_YEAR', '2030-01-01', '元旦', 'New Year''s Day'),
  ('SPRING_FESTIVAL', '2030-02-03', '春节', 'Spring Festival'),
  ('LANTERN', '2030-02-17', '元宵节', 'Lantern Festival'),
  ('DRAGON_BOAT', '2030-06-05', '端午节', 'Dragon Boat Festival'),
  ('QIXI', '2030-08-05', '七夕', 'Qixi Festival'),
  ('MID_AUTUMN', '2030-09-12', '中秋节', 'Mid-Autumn Festival'),
  ('NATIONAL_DAY', '2030-10-01', '国庆节', 'National Day'),
  ('DOUBLE_NINTH', '2030-10-05', '重阳节（敬老节）', 'Double Ninth (Seniors'' Day)')
ON CONFLICT (code, day) DO NOTHING;

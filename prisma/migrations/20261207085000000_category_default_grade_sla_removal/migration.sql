-- AlterTable
ALTER TABLE "complaint_category" ADD COLUMN     "default_grade" "ComplaintGrade" NOT NULL DEFAULT 'GENERAL';

-- AlterTable
ALTER TABLE "sla_target" ADD COLUMN     "is_removed" BOOLEAN NOT NULL DEFAULT false;

-- The seeds' grades for the seeded categories: a network outage is handled as complex by default.
UPDATE "complaint_category" SET "default_grade" = 'COMPLEX' WHERE "code" IN ('NETWORK_OUTAGE', 'BROADBAND');

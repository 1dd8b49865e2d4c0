-- AlterTable
ALTER TABLE "customer_score" ALTER COLUMN "churn_x" SET DATA TYPE REAL[],
ALTER COLUMN "churn_c" SET DATA TYPE REAL[];

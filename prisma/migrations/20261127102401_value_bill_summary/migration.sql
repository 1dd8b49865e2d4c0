-- AlterTable
ALTER TABLE "customer_score" DROP COLUMN "churn_factors",
ADD COLUMN     "churn_c" DOUBLE PRECISION[],
ADD COLUMN     "churn_x" DOUBLE PRECISION[];

-- CreateTable
CREATE TABLE "customer_bill_summary" (
    "customer_id" INTEGER NOT NULL,
    "ref_mi" INTEGER NOT NULL,
    "spend_3m" DOUBLE PRECISION,
    "spend_prev" DOUBLE PRECISION,
    "data_3m" DOUBLE PRECISION,
    "data_prev" DOUBLE PRECISION,
    "overdue_6m" INTEGER NOT NULL DEFAULT 0,
    "bills_12m" INTEGER NOT NULL DEFAULT 0,
    "on_time_12m" INTEGER NOT NULL DEFAULT 0,
    "spend_12m" DOUBLE PRECISION,
    "roaming_days_3m" INTEGER,
    "last_bill_month" DATE,
    "max_k" INTEGER,
    "billed_3m" BOOLEAN,

    CONSTRAINT "customer_bill_summary_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "value_rollup" (
    "month" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "customers" INTEGER NOT NULL,
    "sum_score" DOUBLE PRECISION NOT NULL,
    "sum_clv" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "value_rollup_pkey" PRIMARY KEY ("month","kind","key")
);
-- Any change to the bills (a bill load, a correction) bumps this sequence once per statement;
-- rescoring rebuilds customer_bill_summary when it has moved (lib/scoring/bill-summary.ts).
CREATE SEQUENCE "bill_change_seq";

CREATE FUNCTION "bill_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('bill_change_seq');
  RETURN NULL;
END
$$;

CREATE TRIGGER "bill_changed" AFTER INSERT OR UPDATE OR DELETE ON "bill" FOR EACH STATEMENT EXECUTE FUNCTION "bill_changed"();
CREATE TRIGGER "bill_truncated" AFTER TRUNCATE ON "bill" FOR EACH STATEMENT EXECUTE FUNCTION "bill_changed"();

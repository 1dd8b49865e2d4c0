-- DropIndex
DROP INDEX "account_customer_id_idx";

-- DropIndex
DROP INDEX "line_customer_id_idx";

-- DropIndex
DROP INDEX "interaction_customer_id_occurred_at_id_idx";

-- DropIndex
DROP INDEX "customer_score_churn_band_score_idx";

-- Hand-written: the same keys, covering what value scoring reads, so its merge joins run on
-- index-only scans (lib/churn/features.ts); the retention list's order as a partial index.
CREATE INDEX "interaction_customer_id_occurred_at_id_idx" ON "interaction"("customer_id", "occurred_at" DESC, "id" DESC) INCLUDE ("disposition");
CREATE INDEX "line_customer_id_idx" ON "line"("customer_id") INCLUDE ("plan_id", "contract_end_date");
CREATE INDEX "account_customer_id_idx" ON "account"("customer_id") INCLUDE ("credit_class");
CREATE INDEX "customer_score_retention_idx" ON "customer_score"(((churn_probability * clv)::float8) DESC, "customer_id" DESC) WHERE churn_band IN ('MEDIUM', 'HIGH');
-- Scoring rebuilds customer_score's indexes on every run: keep the ones lists read. Lifecycle
-- counts read the table (six values: an index would not be chosen); the at-risk list reads the
-- HIGH band only.
DROP INDEX "customer_score_lifecycle_idx";
DROP INDEX "customer_score_churn_band_customer_idx";
CREATE INDEX "customer_score_high_churn_idx" ON "customer_score"("customer_id") WHERE churn_band = 'HIGH';

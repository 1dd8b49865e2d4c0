-- DropIndex
DROP INDEX "customer_city_idx";

-- DropIndex
DROP INDEX "customer_score_tier_score_idx";

-- CreateIndex
CREATE INDEX "customer_city_id_idx" ON "customer"("city", "id");

-- CreateIndex
CREATE INDEX "customer_score_tier_score_customer_id_idx" ON "customer_score"("tier", "score", "customer_id");

-- CreateIndex
CREATE INDEX "customer_score_data_change_pct_idx" ON "customer_score"("data_change_pct");

-- DropIndex
DROP INDEX "survey_response_customer_id_answered_at_idx";

-- DropIndex
DROP INDEX "outbound_message_customer_id_idx";

-- CreateIndex
CREATE INDEX "survey_response_customer_id_answered_at_id_idx" ON "survey_response"("customer_id", "answered_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "outbound_message_customer_id_created_at_id_idx" ON "outbound_message"("customer_id", "created_at" DESC, "id" DESC);

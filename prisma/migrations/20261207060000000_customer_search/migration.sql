-- CreateTable
CREATE TABLE "customer_search" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "term_enc" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_search_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "customer_search_expires_at_idx" ON "customer_search"("expires_at");

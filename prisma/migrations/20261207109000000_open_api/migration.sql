-- CreateEnum
CREATE TYPE "ApiScope" AS ENUM ('TICKET_READ', 'TICKET_WRITE', 'CUSTOMER_READ', 'CUSTOMER_WRITE', 'CUSTOMER_REVEAL', 'HUB_MANAGE');

-- CreateEnum
CREATE TYPE "ApiTokenKind" AS ENUM ('STATIC', 'OAUTH');

-- CreateEnum
CREATE TYPE "HubEventType" AS ENUM ('TROUBLE_TICKET_CREATE', 'TROUBLE_TICKET_STATE_CHANGE', 'TROUBLE_TICKET_ATTRIBUTE_VALUE_CHANGE', 'TROUBLE_TICKET_RESOLVED', 'CUSTOMER_CREATE', 'CUSTOMER_ATTRIBUTE_VALUE_CHANGE');

-- CreateEnum
CREATE TYPE "HubDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'DEAD');

-- CreateTable
CREATE TABLE "api_client" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "owner_id" INTEGER NOT NULL,
    "team_id" INTEGER,
    "scopes" "ApiScope"[],
    "client_key" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 600,
    "channel" "Channel" NOT NULL DEFAULT 'APP',
    "disabled_at" TIMESTAMPTZ(3),
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "api_client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "client_id" INTEGER NOT NULL,
    "kind" "ApiTokenKind" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "label" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_idempotency" (
    "client_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "headers" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_idempotency_pkey" PRIMARY KEY ("client_id","key")
);

-- CreateTable
CREATE TABLE "hub_subscription" (
    "id" SERIAL NOT NULL,
    "client_id" INTEGER NOT NULL,
    "api" TEXT NOT NULL,
    "callback" TEXT NOT NULL,
    "query" TEXT,
    "event_types" "HubEventType"[],
    "secret_enc" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "hub_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_event" (
    "id" BIGSERIAL NOT NULL,
    "type" "HubEventType" NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hub_delivery" (
    "id" BIGSERIAL NOT NULL,
    "event_id" BIGINT NOT NULL,
    "subscription_id" INTEGER NOT NULL,
    "status" "HubDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hub_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_client_name_key" ON "api_client"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_client_client_key_key" ON "api_client"("client_key");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_client_id_created_at_idx" ON "api_token"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "api_idempotency_created_at_idx" ON "api_idempotency"("created_at");

-- CreateIndex
CREATE INDEX "hub_subscription_api_deleted_at_idx" ON "hub_subscription"("api", "deleted_at");

-- CreateIndex
CREATE INDEX "api_event_created_at_idx" ON "api_event"("created_at");

-- CreateIndex
CREATE INDEX "hub_delivery_status_next_attempt_at_idx" ON "hub_delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "hub_delivery_subscription_id_created_at_idx" ON "hub_delivery"("subscription_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "hub_delivery_event_id_subscription_id_key" ON "hub_delivery"("event_id", "subscription_id");

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "api_client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hub_subscription" ADD CONSTRAINT "hub_subscription_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "api_client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (decision 034): the references Prisma's schema leaves as plain columns.
ALTER TABLE "api_client" ADD CONSTRAINT "api_client_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id");
ALTER TABLE "api_client" ADD CONSTRAINT "api_client_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id");
ALTER TABLE "api_client" ADD CONSTRAINT "api_client_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id");
ALTER TABLE "api_client" ADD CONSTRAINT "api_client_rate_limit_check" CHECK ("rate_limit_per_minute" BETWEEN 1 AND 100000);
ALTER TABLE "hub_delivery" ADD CONSTRAINT "hub_delivery_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "api_event"("id") ON DELETE CASCADE;
ALTER TABLE "hub_delivery" ADD CONSTRAINT "hub_delivery_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "hub_subscription"("id") ON DELETE CASCADE;
-- The delivery job's work list: only what is still to send.
CREATE INDEX "hub_delivery_due_idx" ON "hub_delivery" ("next_attempt_at") WHERE "status" = 'PENDING';

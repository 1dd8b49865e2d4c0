-- CreateTable
CREATE TABLE "campaign_launch" (
    "campaign_id" INTEGER NOT NULL,
    "status" "ValueJobStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "step" TEXT,
    "trigger" TEXT NOT NULL DEFAULT 'manual',
    "requested_by_id" INTEGER,
    "error" TEXT,
    "stats" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_launch_pkey" PRIMARY KEY ("campaign_id")
);

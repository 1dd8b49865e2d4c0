-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "import_job" (
    "id" SERIAL NOT NULL,
    "created_by_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'QUEUED',
    "phase" TEXT NOT NULL DEFAULT 'queued',
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "customers_created" INTEGER NOT NULL DEFAULT 0,
    "customers_updated" INTEGER NOT NULL DEFAULT 0,
    "lines_created" INTEGER NOT NULL DEFAULT 0,
    "lines_updated" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "failure_code" TEXT,
    "heartbeat_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_job_error" (
    "id" BIGSERIAL NOT NULL,
    "job_id" INTEGER NOT NULL,
    "row_no" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "value" TEXT,

    CONSTRAINT "import_job_error_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_job_status_created_at_idx" ON "import_job"("status", "created_at");

-- CreateIndex
CREATE INDEX "import_job_created_at_idx" ON "import_job"("created_at" DESC);

-- CreateIndex
CREATE INDEX "import_job_error_job_id_row_no_idx" ON "import_job_error"("job_id", "row_no");

-- AddForeignKey
ALTER TABLE "import_job_error" ADD CONSTRAINT "import_job_error_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "import_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

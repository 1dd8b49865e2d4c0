-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'RESOLVED');

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "incident_id" INTEGER;

-- CreateTable
CREATE TABLE "major_incident" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "created_by" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "major_incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_profile" (
    "user_id" INTEGER NOT NULL,
    "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "capacity" INTEGER NOT NULL DEFAULT 20,
    "last_assigned_at" TIMESTAMPTZ(3),

    CONSTRAINT "agent_profile_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE INDEX "complaint_incident_id_idx" ON "complaint"("incident_id");

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "major_incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- hand-written: foreign keys to app_user (kept out of the User model, which other sections edit)
ALTER TABLE "major_incident" ADD CONSTRAINT "major_incident_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "app_user"("id");
ALTER TABLE "agent_profile" ADD CONSTRAINT "agent_profile_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id");

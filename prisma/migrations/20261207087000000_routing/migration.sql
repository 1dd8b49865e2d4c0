-- AlterTable
ALTER TABLE "complaint_category" ADD COLUMN     "auto_route_general" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "routing_version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "agent_profile" ADD COLUMN     "is_available" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- Every agent takes part in intake routing through their profile row (routing locks it to take a
-- capacity slot): agents without one get the defaults (no skills, capacity 20, available).
INSERT INTO "agent_profile" ("user_id")
SELECT u.id FROM "app_user" u WHERE u.role = 'AGENT' AND NOT EXISTS (SELECT 1 FROM "agent_profile" p WHERE p.user_id = u.id);

-- The escalation ladder is versioned as a whole (lib/routing/escalation.ts): every level carries
-- the ladder's version, which starts where the highest level's version is.
UPDATE "escalation_step" SET "version" = (SELECT max("version") FROM "escalation_step");

-- An agent made later (the users page, setup, imports) or a user who becomes an agent gets a
-- profile at once, so routing never meets an agent it cannot lock.
CREATE FUNCTION "agent_profile_for_agent"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role = 'AGENT' THEN
    INSERT INTO "agent_profile" ("user_id") VALUES (NEW.id) ON CONFLICT ("user_id") DO NOTHING;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "app_user_agent_profile" AFTER INSERT OR UPDATE OF "role" ON "app_user"
  FOR EACH ROW EXECUTE FUNCTION "agent_profile_for_agent"();

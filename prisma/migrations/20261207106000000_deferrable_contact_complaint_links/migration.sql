-- Hand-written (issue 23): a contact and the complaint opened from it point at each other
-- (interaction.complaint_id, complaint.source_interaction_id). A restore by an owner without
-- superuser loads the tables with the foreign keys checked, and no order of the two tables
-- satisfies both: the two keys become DEFERRABLE (still checked at once by default), and the
-- restore defers them to its commit (scripts/lib/logical-backup.mjs).
ALTER TABLE "interaction" ALTER CONSTRAINT "interaction_complaint_fk" DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE "complaint" ALTER CONSTRAINT "complaint_source_interaction_fk" DEFERRABLE INITIALLY IMMEDIATE;

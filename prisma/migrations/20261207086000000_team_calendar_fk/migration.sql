-- A team's business calendar must exist (calendars are never deleted: complaints refer to them).
-- Hand-written like the complaint tables' foreign keys, so the Team model stays as it is.
ALTER TABLE "team" ADD CONSTRAINT "team_calendar_fk" FOREIGN KEY ("calendar_id") REFERENCES "business_calendar"("id");

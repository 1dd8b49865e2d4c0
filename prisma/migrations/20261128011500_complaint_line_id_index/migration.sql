-- The foreign key complaint.line_id had no index: deleting or re-keying a line made PostgreSQL scan
-- every complaint to check it (1.8 M at 10 M customers, per line).
CREATE INDEX "complaint_line_id_idx" ON "complaint"("line_id");

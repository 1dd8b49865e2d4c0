-- Work queues (lib/complaints/queries.ts, queuePageSql): ordered walks of the open complaints
-- that have a deadline, per assignee, owner and team, stopping after the page. Partial: only
-- open complaints (a few thousand at 1 M customers), so they stay small whatever the history.
CREATE INDEX complaint_assignee_open_due_idx ON complaint (assignee_id, next_due_at, id)
  WHERE status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED') AND next_due_at IS NOT NULL;
CREATE INDEX complaint_owner_open_due_idx ON complaint (owner_id, next_due_at, id)
  WHERE status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED') AND next_due_at IS NOT NULL;
CREATE INDEX complaint_team_open_due_idx ON complaint (team_id, next_due_at, id)
  WHERE status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED') AND next_due_at IS NOT NULL;

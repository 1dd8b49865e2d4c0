-- Hand-written: the "mine" work queue's second walk lists what the agent owns but someone else
-- handles (lib/complaints/queries.ts, queuePageSql). Through complaint_owner_open_due_idx it
-- stepped over every open complaint the agent owns and handles too: at 10 M customers agent1 has
-- ≈ 3,000 of those, read from the heap and dropped (5.6 ms a page; p95 46–59 ms at 16 at once).
-- This index holds only the delegated ones, so the walk stops after the page.
-- The owner index stays: the scoped queues' OR of owner, assignee and team uses it.
CREATE INDEX complaint_owner_delegated_open_due_idx ON complaint (owner_id, next_due_at, id)
  WHERE status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED') AND next_due_at IS NOT NULL AND assignee_id IS DISTINCT FROM owner_id;

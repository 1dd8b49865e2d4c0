-- Hand-written (issue 22, the call list: lib/campaigns/call-commands.ts) --------------------------
-- An agent holds at most one claimed task: two claims by the same agent at the same moment (a
-- double press, two tabs) cannot both succeed — the second hits this index and gets the one held.
-- Only claimed tasks are in it (one per working agent), so the claim-release job also reads the
-- claims older than 30 minutes from it instead of scanning the whole call list.
CREATE UNIQUE INDEX "call_task_one_claim_per_agent_idx" ON "call_task" ("claimed_by_id") INCLUDE ("claimed_at") WHERE "status" = 'CLAIMED';

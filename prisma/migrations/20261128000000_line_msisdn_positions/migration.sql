-- Hand-written: a 4-digit number fragment (agents ask for "the last four digits") is found through
-- one btree per position a fragment can start at: (the 4 digits at position k, the number), with
-- the customer carried. Each position's matches are already in number order, so a page is the
-- merge of at most 9 index ranges of ≤ 21 entries each (lib/customers/queries.ts, positionsSql).
-- A 4-digit fragment is in ≈ 0.08 % of numbers (≈ 11 k lines at 10 M customers): through the quads
-- index that is ≈ 11 k heap visits before the sort, and the ordered walk of the number index it
-- replaces read ≈ 25 k entries (7–29 ms of one core each at 10 M; p95 ≈ 230 ms at 16 at once).
-- Position 1 is a prefix of the number: the number's own unique index serves it (a range).
-- Numbers are 10 to 12 digits (lib/imports/format.ts), so fragments start at positions 1 to 9.
-- Every index is ≈ 40 bytes a line (≈ 0.55 GB each at 14 M lines).
SET maintenance_work_mem = '512MB';
CREATE INDEX "line_msisdn_at2_idx" ON "line" ((substr("msisdn", 2, 4)), "msisdn") INCLUDE ("customer_id");
CREATE INDEX "line_msisdn_at3_idx" ON "line" ((substr("msisdn", 3, 4)), "msisdn") INCLUDE ("customer_id");
CREATE INDEX "line_msisdn_at4_idx" ON "line" ((substr("msisdn", 4, 4)), "msisdn") INCLUDE ("customer_id");
CREATE INDEX "line_msisdn_at5_idx" ON "line" ((substr("msisdn", 5, 4)), "msisdn") INCLUDE ("customer_id");
CREATE INDEX "line_msisdn_at6_idx" ON "line" ((substr("msisdn", 6, 4)), "msisdn") INCLUDE ("customer_id");
CREATE INDEX "line_msisdn_at7_idx" ON "line" ((substr("msisdn", 7, 4)), "msisdn") INCLUDE ("customer_id");
CREATE INDEX "line_msisdn_at8_idx" ON "line" ((substr("msisdn", 8, 4)), "msisdn") INCLUDE ("customer_id");
CREATE INDEX "line_msisdn_at9_idx" ON "line" ((substr("msisdn", 9, 4)), "msisdn") INCLUDE ("customer_id");

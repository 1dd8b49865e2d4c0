-- Hand-written: number fragments of 5 digits or more (and 4-digit fragments the ordered walk does
-- not fill) are found through a service number's 4-digit substrings, its "quads", as integers.
-- The trigram index it replaces had 1,000 digit trigrams, so each listed ≈ 130 k of 14 M lines
-- (10 M customers) and a 6-digit fragment read four such lists whole; there are 10,000 quads, so a
-- list holds ≈ 11 k lines and a 6-digit fragment intersects three of them (≈ 10× less to read).
-- lib/customers/queries.ts (msisdnQuads) computes the same quads of the fragment; every candidate
-- is rechecked with strpos, so the spurious high-order keys of shorter numbers only widen a list.
-- Numbers are digits, 10 to 12 of them (lib/imports/format.ts); anything else has no quads.
-- SQL-standard body: inlined into the index expression and into the query alike.
CREATE FUNCTION msisdn_quads(m text) RETURNS int4[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN m ~ '^[0-9]{4,12}$' THEN ARRAY[
    (m::int8 / 100000000 % 10000)::int4, (m::int8 / 10000000 % 10000)::int4, (m::int8 / 1000000 % 10000)::int4,
    (m::int8 / 100000 % 10000)::int4, (m::int8 / 10000 % 10000)::int4, (m::int8 / 1000 % 10000)::int4,
    (m::int8 / 100 % 10000)::int4, (m::int8 / 10 % 10000)::int4, (m::int8 % 10000)::int4
  ] ELSE '{}'::int4[] END;

-- A GIN build collects its keys in maintenance_work_mem (64 MB by default: at 14 M lines it would
-- flush many times); this migration's connection only.
SET maintenance_work_mem = '512MB';
CREATE INDEX "line_msisdn_quads_idx" ON "line" USING gin (msisdn_quads("msisdn"));
DROP INDEX "line_msisdn_trgm_idx";

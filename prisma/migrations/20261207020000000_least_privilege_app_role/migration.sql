-- Least privilege (issue 19, finding 10): the app connects as `crm_app`, a role that owns nothing
-- and holds DML only; migrations keep running as the owner (the user that ran every migration so
-- far). docs/operations.md, "Database roles", has the operator's side.
--   - every table: SELECT, INSERT, UPDATE, DELETE; sequences: USAGE, SELECT (never UPDATE = setval);
--   - audit_log: INSERT and SELECT only (no UPDATE, DELETE, TRUNCATE, TRIGGER; not the owner, so no
--     ALTER TABLE … DISABLE TRIGGER either);
--   - _prisma_migrations: nothing;
--   - the DDL the app used to run (the rescoring swap, REFRESH MATERIALIZED VIEW, TRUNCATE of a
--     derived table) goes through the SECURITY DEFINER functions below, owned by the owner, with a
--     fixed search_path, each doing one fixed thing;
--   - pg-boss keeps its tables in the schema crm_jobs, which the owner creates and the app may
--     create tables in (pg-boss adds a table per queue at run time); it holds job names and
--     timestamps, never customer data.
-- Roles are cluster-wide: the role is created here when the migrating user may (the embedded
-- default, a superuser); otherwise the operator creates it first and this migration says so.

DO $$
BEGIN
  IF current_user = 'crm_app' THEN
    RAISE EXCEPTION 'Migrations must run as the owner of the tables, not as crm_app: set MIGRATION_DATABASE_URL to the owner''s URL (docs/operations.md, "Database roles").';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crm_app') THEN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
      CREATE ROLE crm_app NOLOGIN;
    ELSE
      RAISE EXCEPTION 'The database role crm_app does not exist and % may not create it. As a superuser run: CREATE ROLE crm_app LOGIN PASSWORD ''<password>''; then migrate again (docs/operations.md, "Database roles").', current_user;
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crm_app' AND (rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb)) THEN
    RAISE EXCEPTION 'The role crm_app must be a plain role (no SUPERUSER, CREATEROLE, CREATEDB, BYPASSRLS).';
  END IF;
  -- Backstop for any statement of the app role (the app's pool sets 5 s for interactive requests;
  -- exports, jobs and rescoring raise it per transaction: lib/db.ts STATEMENT_TIMEOUTS).
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
    ALTER ROLE crm_app SET statement_timeout = '15s';
  ELSE
    RAISE NOTICE 'Could not set crm_app''s statement_timeout; as a superuser run: ALTER ROLE crm_app SET statement_timeout = ''15s'';';
  END IF;
END $$;

-- PostgreSQL < 15 let everyone create in public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO crm_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO crm_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO crm_app;
-- Prisma's migration history (absent when the migrations are applied as plain SQL).
DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM crm_app;
  END IF;
END $$;
REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "audit_log" FROM crm_app;
-- Tables and sequences that later migrations (run by this same owner) create.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO crm_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO crm_app;

-- pg-boss (lib/jobs/boss.ts): its own schema, created here since the app may not create schemas.
CREATE SCHEMA IF NOT EXISTS crm_jobs;
GRANT USAGE, CREATE ON SCHEMA crm_jobs TO crm_app;

-- The rescoring (lib/scoring/pipeline.ts) builds the next customer_score beside the current one
-- and swaps it in. Working tables: rs_f_0 … rs_f_3 (features per id range; their columns are those
-- of `shape`, a temporary table of the caller's session made from the feature query with LIMIT 0),
-- rs_rank, and customer_score_next (LIKE customer_score). The caller fills them (INSERT); returns
-- whether the caller may VACUUM customer_score_next itself (MAINTAIN, PostgreSQL ≥ 17).
CREATE FUNCTION crm_rescore_prepare(shape regclass, parts int) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cols text;
  k int;
BEGIN
  IF parts NOT BETWEEN 1 AND 4 THEN
    RAISE EXCEPTION 'parts must be between 1 and 4';
  END IF;
  IF (SELECT relnamespace FROM pg_class WHERE oid = shape) IS DISTINCT FROM pg_my_temp_schema() THEN
    RAISE EXCEPTION 'shape must be a temporary table of this session';
  END IF;
  SELECT string_agg(format('%I %s', attname, format_type(atttypid, atttypmod)), ', ' ORDER BY attnum) INTO cols
  FROM pg_attribute WHERE attrelid = shape AND attnum > 0 AND NOT attisdropped;
  DROP TABLE IF EXISTS rs_f_0, rs_f_1, rs_f_2, rs_f_3, rs_rank, customer_score_next;
  FOR k IN 0 .. parts - 1 LOOP
    EXECUTE format('CREATE UNLOGGED TABLE %I (%s)', 'rs_f_' || k, cols);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO crm_app', 'rs_f_' || k);
  END LOOP;
  CREATE UNLOGGED TABLE rs_rank (active float8[], churned float8[]);
  GRANT SELECT, INSERT ON rs_rank TO crm_app;
  CREATE TABLE customer_score_next (LIKE customer_score INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
  GRANT SELECT, INSERT, UPDATE, DELETE ON customer_score_next TO crm_app;
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'GRANT MAINTAIN ON customer_score_next TO crm_app';
    RETURN true;
  END IF;
  RETURN false;
END $$;

-- One index of customer_score, rebuilt on customer_score_next under the name <name>_next.
CREATE FUNCTION crm_rescore_build_index(index_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  def text;
BEGIN
  SELECT indexdef INTO def FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'customer_score' AND indexname = index_name;
  IF def IS NULL THEN
    RAISE EXCEPTION 'customer_score has no index %', index_name;
  END IF;
  IF index_name = 'customer_score_pkey' THEN
    ALTER TABLE customer_score_next ADD CONSTRAINT customer_score_pkey_next PRIMARY KEY (customer_id);
  ELSE
    EXECUTE regexp_replace(def, '^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+ ',
      'CREATE \1INDEX ' || replace(quote_ident(index_name || '_next'), '\', '\\') || ' ON public.customer_score_next ');
  END IF;
END $$;

-- Statistics of the new table (PostgreSQL < 17, where the caller may not VACUUM (ANALYZE) it).
CREATE FUNCTION crm_rescore_analyze() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  ANALYZE customer_score_next;
END $$;

-- The swap: customer_score_next becomes customer_score, its indexes take the old names.
CREATE FUNCTION crm_rescore_swap() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  r record;
BEGIN
  IF to_regclass('public.customer_score_next') IS NULL THEN
    RAISE EXCEPTION 'customer_score_next does not exist';
  END IF;
  DROP TABLE customer_score;
  ALTER TABLE customer_score_next RENAME TO customer_score;
  FOR r IN SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'customer_score' AND indexname LIKE '%\_next' LOOP
    EXECUTE format('ALTER INDEX %I RENAME TO %I', r.indexname, left(r.indexname, -5));
  END LOOP;
END $$;

CREATE FUNCTION crm_rescore_cleanup() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DROP TABLE IF EXISTS rs_f_0, rs_f_1, rs_f_2, rs_f_3, rs_rank, customer_score_next;
END $$;

-- lib/dashboards/overview.ts (refreshing a materialized view needs its owner).
CREATE FUNCTION crm_refresh_overview_rollup() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY overview_rollup;
END $$;

-- lib/scoring/bill-summary.ts: a full rebuild empties the derived summary first.
CREATE FUNCTION crm_truncate_bill_summary() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  TRUNCATE customer_bill_summary;
END $$;

REVOKE ALL ON FUNCTION crm_rescore_prepare(regclass, int), crm_rescore_build_index(text), crm_rescore_analyze(), crm_rescore_swap(),
  crm_rescore_cleanup(), crm_refresh_overview_rollup(), crm_truncate_bill_summary() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crm_rescore_prepare(regclass, int), crm_rescore_build_index(text), crm_rescore_analyze(), crm_rescore_swap(),
  crm_rescore_cleanup(), crm_refresh_overview_rollup(), crm_truncate_bill_summary() TO crm_app;

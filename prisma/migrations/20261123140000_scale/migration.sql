-- ───── scale (issue 7): the manager overview reads a rollup, not the big tables ─────
-- Counting customer/line/interaction/bill for every page view is a scan of tens of millions of
-- rows at an operator's size. This materialized view holds the few hundred numbers the overview
-- shows; lib/dashboards/overview.ts refreshes it (CONCURRENTLY, readers never wait) when it is
-- older than a few minutes and says "as of" on the page. Contacts are counted per Beijing day.
CREATE MATERIALIZED VIEW "overview_rollup" AS
  SELECT 'customers'::text AS metric, status::text AS k1, ''::text AS k2, DATE '1970-01-01' AS day, count(*)::bigint AS n, 0::numeric AS amount
  FROM "customer" GROUP BY status
  UNION ALL
  SELECT 'lines', status::text, network::text, DATE '1970-01-01', count(*), 0
  FROM "line" GROUP BY status, network
  UNION ALL
  SELECT 'contacts', channel::text, '', (occurred_at AT TIME ZONE 'Asia/Shanghai')::date, count(*), 0
  FROM "interaction" WHERE occurred_at >= now() - interval '400 days' GROUP BY channel, (occurred_at AT TIME ZONE 'Asia/Shanghai')::date
  UNION ALL
  SELECT 'revenue', '', '', month, count(*), sum(total_charge)
  FROM "bill" WHERE month >= (now() - interval '25 months')::date GROUP BY month;
CREATE UNIQUE INDEX "overview_rollup_key" ON "overview_rollup" (metric, k1, k2, day);

-- ───── scale (issue 7): name and pinyin lists page through an index, not a sort ─────
-- The text_pattern_ops indexes served `LIKE 'prefix%'` but not `ORDER BY name, id` nor the keyset
-- `(name, id) > (…)`: every page read and sorted all matches (20,000 rows for a common surname at
-- 1 M subscribers). With the "C" collation one btree serves the prefix, the order and the cursor;
-- the queries say `COLLATE "C"` (code-point order, which is what C.UTF-8 sorted by anyway).
DROP INDEX IF EXISTS "customer_name_prefix_idx";
DROP INDEX IF EXISTS "customer_name_pinyin_prefix_idx";
CREATE INDEX "customer_name_c_id_idx" ON "customer" ("name" COLLATE "C", "id");
CREATE INDEX "customer_name_pinyin_c_id_idx" ON "customer" ("name_pinyin" COLLATE "C", "id");

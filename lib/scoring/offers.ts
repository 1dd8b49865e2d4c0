import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// Next-best offer: the first active offer_rule (lowest priority number) the customer meets.
// Conditions (threshold meaning in brackets):
//   HEAVY_DATA                  mean monthly data of the last 3 billed months ≥ threshold [GB]
//   ROAMER                      roaming days in the last 3 billed months ≥ threshold [days]
//   NO_BROADBAND                a person/family with no active broadband line [unused]
//   CONTRACT_ENDING_HIGH_VALUE  Diamond/Gold with a contract ending within threshold [days]
// A churned customer gets none (winning one back is a campaign, not an offer at the counter).
// `c` = customer row, `s` = its customer_score row (may be null), `now` = the reference time.
export function nextBestOfferLateral(now: Date): Prisma.Sql {
  return Prisma.sql`LEFT JOIN LATERAL (
    SELECT o.code AS offer_code, o.name_zh AS offer_name_zh, o.name_en AS offer_name_en, o.condition::text AS offer_condition
    FROM offer_rule o
    WHERE o.is_active AND c.status <> 'CHURNED' AND CASE o.condition
      WHEN 'HEAVY_DATA' THEN COALESCE((SELECT avg(t.mb) FROM (SELECT sum(b.data_mb) AS mb FROM bill b
          WHERE b.customer_id = c.id AND b.month >= (date_trunc('month', ${now}::timestamptz) - interval '3 months')::date GROUP BY b.month) t), 0) >= o.threshold * 1024
      WHEN 'ROAMER' THEN COALESCE((SELECT sum(b.roaming_days) FROM bill b
          WHERE b.customer_id = c.id AND b.month >= (date_trunc('month', ${now}::timestamptz) - interval '3 months')::date), 0) >= GREATEST(o.threshold, 1)
      WHEN 'NO_BROADBAND' THEN c.type IN ('INDIVIDUAL', 'FAMILY') AND NOT EXISTS (SELECT 1 FROM line l JOIN plan p ON p.id = l.plan_id
          WHERE l.customer_id = c.id AND p.class = 'BROADBAND' AND l.status <> 'TERMINATED')
      WHEN 'CONTRACT_ENDING_HIGH_VALUE' THEN s.tier IN ('DIAMOND', 'GOLD') AND EXISTS (SELECT 1 FROM line l WHERE l.customer_id = c.id
          AND l.status <> 'TERMINATED' AND l.contract_end_date BETWEEN ${now}::date AND ${now}::date + o.threshold::int)
      ELSE false END
    ORDER BY o.priority, o.id LIMIT 1) nbo ON true`;
}

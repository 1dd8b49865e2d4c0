import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { computeKMeans, describeClusters, type ClusterDescription } from "@/lib/segments/kmeans";

// Discover: k-means over spend, data usage and tenure of active, scored customers. At most
// SAMPLE_SIZE customers (every n-th by id, deterministic) are clustered; saving a cluster
// assigns EVERY active customer to the nearest centroid in SQL (see clusterMembershipSql).

export const CLUSTER_FEATURES = ["arpu", "dataMb", "tenureMonths"] as const;
export const SAMPLE_SIZE = 20_000;
export const KMEANS_SEED = 8;

export interface DiscoverResult {
  k: number;
  sampleSize: number;
  centroids: number[][];
  mean: number[];
  std: number[];
  clusters: ClusterDescription[];
}

export async function discoverClusters(actor: Actor, input: { k: number }): Promise<DiscoverResult> {
  assertCan(actor, "segment:manage");
  const k = Math.min(8, Math.max(2, Math.trunc(input.k)));
  const [{ n }] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM customer_score WHERE lifecycle_stage <> 'CHURNED'`;
  const step = Math.max(1, Math.ceil(n / SAMPLE_SIZE));
  const rows = await db.$queryRaw<Array<{ arpu: number; data_mb: number; tenure: number }>>`
    SELECT s.arpu, COALESCE(u.data_mb, 0)::float8 AS data_mb, s.tenure_months::float8 AS tenure
    FROM customer_score s
    LEFT JOIN LATERAL (SELECT avg(b.data_mb) AS data_mb FROM bill b WHERE b.customer_id = s.customer_id
                       AND b.month >= (date_trunc('month', now()) - interval '3 months')::date) u ON true
    WHERE s.lifecycle_stage <> 'CHURNED' AND s.customer_id % ${step} = 0
    ORDER BY s.customer_id`;
  if (rows.length < k) return { k: 0, sampleSize: rows.length, centroids: [], mean: [], std: [], clusters: [] };
  const X = rows.map((r) => [r.arpu, r.data_mb, r.tenure]);
  const result = computeKMeans(X, { k, seed: KMEANS_SEED, restarts: 3 });
  const clusters = describeClusters(result, [...CLUSTER_FEATURES], result.mean, result.std, { limit: 3, minAbsZScore: 0.25 });
  return { k: result.k, sampleSize: rows.length, centroids: result.centroids, mean: result.mean, std: result.std, clusters };
}

"use server";

import { action } from "@/lib/shared/action";
import { previewSegmentCount } from "@/lib/segments/queries";
import { createSegment, refreshSegment, saveClusterSegment } from "@/lib/segments/commands";
import { discoverClusters } from "@/lib/segments/discover";
import { clusterSaveInput, discoverInput, segmentId, segmentRules, segmentSaveInput } from "@/lib/segments/rules";

/** Live count for the builder (debounced by the client, rate-limited per user), with how long it took. */
export const countSegmentAction = action(segmentRules, previewSegmentCount);

// Saving opens the new segment's page (dynamic, fetched fresh), so these two revalidate nothing:
// a revalidation would re-render the builder and refetch every prefetched link before the move.
export const saveSegmentAction = action(segmentSaveInput, createSegment);
export const saveClusterAction = action(clusterSaveInput, saveClusterSegment);

export const refreshSegmentAction = action(segmentId, refreshSegment, { revalidate: (id) => [`/segments/${id}`, "/segments"] });

export const discoverClustersAction = action(discoverInput, discoverClusters);


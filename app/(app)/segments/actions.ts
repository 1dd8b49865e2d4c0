"use server";

import { action } from "@/lib/shared/action";
import { previewSegmentCount } from "@/lib/segments/queries";
import { createSegment, refreshSegment, saveClusterSegment, updateSegment } from "@/lib/segments/commands";
import { discoverClusters } from "@/lib/segments/discover";
import { clusterSaveInput, discoverInput, segmentId, segmentRules, segmentSaveInput, segmentUpdateInput } from "@/lib/segments/rules";

/** Live count for the builder (debounced by the client, rate-limited per user), with how long it took. */
export const countSegmentAction = action(segmentRules, previewSegmentCount);

// Saving opens the new segment's page (dynamic, fetched fresh), so these two revalidate nothing:
// a revalidation would re-render the builder and refetch every prefetched link before the move.
export const saveSegmentAction = action(segmentSaveInput, createSegment);
export const saveClusterAction = action(clusterSaveInput, saveClusterSegment);

/** An edit of a saved segment (version-checked; its members are refreshed from the new rules). */
export const updateSegmentAction = action(segmentUpdateInput, updateSegment, { revalidate: (i) => [`/segments/${i.id}`, "/segments"] });

export const refreshSegmentAction = action(segmentId, refreshSegment, { revalidate: (id) => [`/segments/${id}`, "/segments"] });

export const discoverClustersAction = action(discoverInput, discoverClusters);


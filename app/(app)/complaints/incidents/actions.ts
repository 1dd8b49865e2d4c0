"use server";

import { action } from "@/lib/shared/action";
import { bulkReplyIncident, bulkTransitionIncident, createIncident, linkComplaintsToIncident } from "@/lib/complaints/incidents";
import { bulkReplyInput, bulkTransitionInput, createIncidentInput, linkIncidentForm } from "@/lib/complaints/schemas";

const incident = (i: { incidentId: number }) => `/complaints/incidents/${i.incidentId}`;

export const createIncidentAction = action(createIncidentInput, createIncident, { revalidate: "/complaints/incidents" });
export const linkComplaintsAction = action(linkIncidentForm, linkComplaintsToIncident, { revalidate: incident });
export const bulkTransitionAction = action(bulkTransitionInput, bulkTransitionIncident, { revalidate: incident });
export const bulkReplyAction = action(bulkReplyInput, bulkReplyIncident, { revalidate: incident });

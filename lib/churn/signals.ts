import { Prisma } from "@/lib/generated/prisma/client";

// The complaint signal used by churn features, value scoring and segment rules, in ONE place.
// Until the complaint tables exist everywhere, a complaint is a contact whose disposition was
// COMPLAINT_OPENED (and an unresolved one a FOLLOW_UP contact). When the complaint module lands,
// switch these two fragments to `SELECT customer_id, opened_at AS at FROM complaint …` and
// `… WHERE status NOT IN ('RESOLVED','CLOSED')`; every caller keeps working.

/** Rows (customer_id, at): one per complaint. */
export const COMPLAINT_EVENTS = Prisma.sql`
  SELECT i.customer_id, i.occurred_at AS at FROM interaction i WHERE i.disposition = 'COMPLAINT_OPENED'`;

/** Rows (customer_id, at): one per contact still awaiting follow-up. */
export const UNRESOLVED_EVENTS = Prisma.sql`
  SELECT i.customer_id, i.occurred_at AS at FROM interaction i WHERE i.disposition = 'FOLLOW_UP'`;

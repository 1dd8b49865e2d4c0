import { Prisma } from "@/lib/generated/prisma/client";

// The complaint signal used by churn features, value scoring and segment rules, in ONE place.
// Until the complaint tables exist everywhere, a complaint is a contact whose disposition was
// COMPLAINT_OPENED (and an unresolved one a FOLLOW_UP contact). When the complaint module lands,
// switch these two fragments to `SELECT customer_id, opened_at AS at FROM complaint …` and
// `… WHERE status NOT IN ('RESOLVED','CLOSED')`; every caller keeps working.

/** An interaction `i` that is a complaint. */
export const IS_COMPLAINT = Prisma.sql`i.disposition = 'COMPLAINT_OPENED'`;
/** An interaction `i` still awaiting follow-up. */
export const IS_UNRESOLVED = Prisma.sql`i.disposition = 'FOLLOW_UP'`;

/** Rows (customer_id, at): one per complaint. */
export const COMPLAINT_EVENTS = Prisma.sql`
  SELECT i.customer_id, i.occurred_at AS at FROM interaction i WHERE ${IS_COMPLAINT}`;

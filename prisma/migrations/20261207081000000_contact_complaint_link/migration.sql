-- AlterTable
ALTER TABLE "interaction_reason" ADD COLUMN     "complaint_category_id" INTEGER;

-- AlterTable
ALTER TABLE "interaction" ADD COLUMN     "complaint_id" INTEGER;

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "source_interaction_id" INTEGER;

-- The contact a complaint was opened from, and back (#20). NOT VALID: the columns are new (all
-- NULL), so there is nothing to check on the big interaction table; new rows are checked.
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_source_interaction_fk" FOREIGN KEY ("source_interaction_id") REFERENCES "interaction"("id") NOT VALID;
ALTER TABLE "interaction" ADD CONSTRAINT "interaction_complaint_fk" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") NOT VALID;
ALTER TABLE "interaction_reason" ADD CONSTRAINT "interaction_reason_complaint_category_fk" FOREIGN KEY ("complaint_category_id") REFERENCES "complaint_category"("id");

-- One complaint per contact: a second intake from the same contact is refused, not duplicated.
CREATE UNIQUE INDEX "complaint_source_interaction_key" ON "complaint" ("source_interaction_id") WHERE "source_interaction_id" IS NOT NULL;

-- Where a complaint opened from a contact with this reason starts (a leaf category; editable).
-- Reason codes are reference data the install creates (tests/factories/reference.ts keeps the
-- same mapping for a fresh base); rows that already exist get it here.
UPDATE "interaction_reason" r SET "complaint_category_id" = c.id
FROM (VALUES
  ('BILL_QUERY', 'BILLING_OVERCHARGE'),
  ('BILL_DISPUTE', 'BILLING_OVERCHARGE'),
  ('DATA_USAGE', 'BILLING_OVERCHARGE'),
  ('ROAMING', 'BILLING_ROAMING'),
  ('NETWORK_SIGNAL', 'NETWORK_COVERAGE'),
  ('BROADBAND_FAULT', 'BROADBAND'),
  ('VAS_UNSUBSCRIBE', 'VAS'),
  ('NUMBER_PORTING', 'NUMBER_PORTING'),
  ('SERVICE_ATTITUDE', 'SERVICE_ATTITUDE')
) AS m(reason_code, category_code)
JOIN "complaint_category" c ON c.code = m.category_code
WHERE r.code = m.reason_code;

-- Hand-written: the number's unique index also carries the customer, so a 4-digit fragment search
-- walks it in number order index-only (lib/customers/queries.ts, partialWalkSql): at 10 M lines a
-- 4-digit fragment's two digit trigrams each list ≈ 130 k lines, while the ordered walk finds a
-- page after ≈ 30 k index entries. Same name and key as Prisma's @unique, so the schema matches.
DROP INDEX "line_msisdn_key";
CREATE UNIQUE INDEX "line_msisdn_key" ON "line"("msisdn") INCLUDE ("customer_id");

// A saved segment row (membership empty until refreshed). Tests that need materialised members
// save through lib (createSegment), which counts and fills them.
import type { Prisma, Segment } from "@/lib/generated/prisma/client";
import { clientOr, given, uniqueNumber, type FactoryDb } from "@/tests/factories/db";

/** Rules in the shape of lib/segments/rules.ts: every condition joined by AND. */
export function allOf(...conditions: Array<{ field: string; op: string; value: unknown }>): Prisma.InputJsonObject {
  return { kind: "group", combinator: "AND", children: conditions.map((c) => ({ kind: "condition", ...c })) } as Prisma.InputJsonObject;
}

export async function createSegment(overrides: Partial<Prisma.SegmentCreateManyInput> = {}, db?: FactoryDb): Promise<Segment> {
  return (await clientOr(db)).segment.create({
    data: { name: `测试分群 ${uniqueNumber()}`, kind: "DYNAMIC", definition: allOf({ field: "city", op: "eq", value: "杭州市" }), ...given(overrides) },
  });
}

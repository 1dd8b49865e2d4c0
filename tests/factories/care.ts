// Care tasks (issue 23), for tests and the demo: a task as a care rule or the retention list opens it.
import type { CareTask, Prisma } from "@/lib/generated/prisma/client";
import { clientOr, type FactoryDb } from "@/tests/factories/db";

export interface CareTaskOverrides extends Partial<Omit<Prisma.CareTaskCreateManyInput, "dueOn">> {
  customerId: number;
  /** "YYYY-MM-DD". */
  dueOn: string;
}

export async function createCareTask(overrides: CareTaskOverrides, db?: FactoryDb): Promise<CareTask> {
  const { dueOn, ...data } = overrides;
  return (await clientOr(db)).careTask.create({ data: { kind: "OTHER", note: "回访", ...data, dueOn: new Date(`${dueOn}T00:00:00Z`) } });
}

// Reference data (plans, interaction reasons) and the demo seed's reference data and staff, built
// one by one through the same factories the tests use (createPlan, createTeam, createUser…).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type InteractionReason, type Plan, type Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/auth/demo";
import { DEMO_USERS, INTERACTION_REASONS, PLANS, TEAMS } from "@/tests/factories/catalogue";
import { clientOr, given, uniqueNumber, type FactoryDb } from "@/tests/factories/db";
import { createTeam, createUser } from "@/tests/factories/staff";

export async function createPlan(overrides: Partial<Prisma.PlanCreateManyInput> = {}, db?: FactoryDb): Promise<Plan> {
  const n = uniqueNumber();
  return (await clientOr(db)).plan.create({
    data: {
      code: `P-${n}`,
      nameZh: `测试套餐${n}`,
      nameEn: `Test plan ${n}`,
      class: "MOBILE",
      monthlyFee: 59,
      dataQuotaMb: 10240,
      voiceMinutes: 200,
      ...given(overrides),
    },
  });
}

export async function createInteractionReason(overrides: Partial<Prisma.InteractionReasonCreateManyInput> = {}, db?: FactoryDb): Promise<InteractionReason> {
  const n = uniqueNumber();
  return (await clientOr(db)).interactionReason.create({ data: { code: `R_${n}`, nameZh: `测试原因${n}`, nameEn: `Test reason ${n}`, ...given(overrides) } });
}

/** Plans, interaction reasons and teams of the catalogue that the database lacks; plan code → id. */
export async function seedReferenceData(db: FactoryDb): Promise<{ planIds: Record<string, number> }> {
  for (const p of PLANS) {
    if (await db.plan.findUnique({ where: { code: p.code } })) continue;
    await createPlan(
      {
        code: p.code,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        class: p.class,
        monthlyFee: p.monthlyFee,
        dataQuotaMb: p.dataQuotaMb,
        voiceMinutes: p.voiceMinutes,
        lifecycle: p.lifecycle,
      },
      db,
    );
  }
  // Each reason's complaint category (the same mapping as migration 20261207081000000): a complaint
  // opened from such a contact starts in it.
  const categories = Object.fromEntries((await db.complaintCategory.findMany({ select: { code: true, id: true } })).map((c) => [c.code, c.id]));
  for (const [i, { complaintCategory, ...r }] of INTERACTION_REASONS.entries()) {
    const complaintCategoryId = complaintCategory ? (categories[complaintCategory] ?? null) : null;
    if (!(await db.interactionReason.findUnique({ where: { code: r.code } }))) await createInteractionReason({ ...r, sortOrder: i, complaintCategoryId }, db);
  }
  for (const t of TEAMS) if (!(await db.team.findUnique({ where: { code: t.code } }))) await createTeam(t, db);
  const plans = await db.plan.findMany({ select: { code: true, id: true } });
  return { planIds: Object.fromEntries(plans.map((p) => [p.code, p.id])) };
}

/** The demo users (one argon2 hash of the demo password) that the database lacks; the agents' ids. */
export async function seedDemoStaff(db: FactoryDb, password = DEMO_PASSWORD): Promise<{ agentIds: number[] }> {
  const passwordHash = await hashPassword(password);
  const teams = Object.fromEntries((await db.team.findMany({ select: { code: true, id: true } })).map((t) => [t.code, t.id]));
  for (const u of DEMO_USERS) {
    if (await db.user.findUnique({ where: { username: u.username } })) continue;
    await createUser(
      {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        teamId: u.team ? teams[u.team] : null,
        passwordHash,
        profile: "skills" in u ? { skills: [...u.skills] } : undefined,
      },
      db,
    );
  }
  const agents = await db.user.findMany({ where: { role: "AGENT" }, orderBy: { id: "asc" }, select: { id: true } });
  return { agentIds: agents.map((a) => a.id) };
}

/** Both of the above on the database at `connectionString` (the seed and the generator use `pg` otherwise). */
export async function seedReferenceAndStaff(connectionString: string): Promise<{ planIds: Record<string, number>; agentIds: number[] }> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    const { planIds } = await seedReferenceData(db);
    const { agentIds } = await seedDemoStaff(db);
    return { planIds, agentIds };
  } finally {
    await db.$disconnect();
  }
}

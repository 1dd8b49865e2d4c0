// Teams and staff (any role), for tests and the demo seed (tests/factories/reference.ts).
import { actorOf as toActor, type Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import type { AgentProfile, Prisma, Team, User } from "@/lib/generated/prisma/client";
import { clientOr, given, uniqueNumber, type FactoryDb } from "@/tests/factories/db";

export type TeamOverrides = Partial<Prisma.TeamCreateManyInput>;

export async function createTeam(overrides: TeamOverrides = {}, db?: FactoryDb): Promise<Team> {
  const n = uniqueNumber();
  return (await clientOr(db)).team.create({ data: { code: `T-${n}`, nameZh: `测试班组${n}`, nameEn: `Test team ${n}`, ...given(overrides) } });
}

/** The password of factory users unless another is given. */
export const FACTORY_PASSWORD = "Factory-pass-2026";

// argon2 takes ~50 ms a hash on purpose: one hash per password for every user of a process.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hashPassword(password)));
  return h;
}

export interface UserOverrides extends Partial<Omit<Prisma.UserCreateManyInput, "role">> {
  role?: RoleName;
  /** Plain password (hashed); ignored when passwordHash is given. */
  password?: string;
  /** Routing profile for round-robin assignment (agents): category skills and capacity. */
  profile?: { skills: string[]; capacity?: number; isAvailable?: boolean };
}

export interface CreatedUser {
  user: User;
  /** The user as the acting user of lib calls (what the session would give). */
  actor: Actor;
  /** The plain password that signs this user in. */
  password: string;
  profile: AgentProfile | null;
}

export function actorOf(user: Pick<User, "id" | "username" | "displayName" | "role" | "teamId">): Actor {
  return toActor(user, { ip: "127.0.0.1", userAgent: "vitest" });
}

/** A user of the given role (no team unless `teamId`). */
export async function createUser(overrides: UserOverrides & { role: RoleName }, db?: FactoryDb): Promise<CreatedUser> {
  const client = await clientOr(db);
  const { password = FACTORY_PASSWORD, profile, role, ...data } = overrides;
  const n = uniqueNumber();
  const user = await client.user.create({
    data: { username: `u${n}`, displayName: `测试用户${n}`, passwordHash: data.passwordHash ?? (await hashOnce(password)), role, ...given(data) },
  });
  // Agents get a default profile from a trigger (migration 20261207087000000_routing): upsert.
  const fields = profile ? { skills: profile.skills, capacity: profile.capacity ?? 20, isAvailable: profile.isAvailable ?? true } : null;
  const agentProfile = fields ? await client.agentProfile.upsert({ where: { userId: user.id }, create: { userId: user.id, ...fields }, update: fields }) : null;
  return { user, actor: actorOf(user), password, profile: agentProfile };
}

/** An agent (`role` makes it a supervisor, manager…), in the team `teamId` when given. */
export function createAgent(overrides: UserOverrides = {}, db?: FactoryDb): Promise<CreatedUser> {
  return createUser({ role: "AGENT", ...given(overrides) }, db);
}

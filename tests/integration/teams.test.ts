import { describe, test, expect } from "vitest";
import { db } from "@/lib/db";
import { getTeamOverview, listVisibleTeams } from "@/lib/teams/queries";
import { getOverview } from "@/lib/dashboards/overview";
import { listUsers } from "@/lib/users/queries";
import { listAuditEntries } from "@/lib/audit/queries";
import { ForbiddenError, NotFoundError } from "@/lib/shared/errors";
import { actorFor } from "./helpers";

describe("team scope", () => {
  test("a supervisor sees their own team and gets not-found for another team", async () => {
    const sup = await actorFor("supervisor1");
    const own = await getTeamOverview(sup, sup.teamId!);
    expect(own.members.map((m) => m.displayName)).toContain("王晓燕");
    const other = await db.team.findFirstOrThrow({ where: { id: { not: sup.teamId! } } });
    await expect(getTeamOverview(sup, other.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listVisibleTeams(sup)).map((t) => t.id)).toEqual([sup.teamId]);
  });

  test("a manager sees every team; an agent may not read team data", async () => {
    const mgr = await actorFor("manager1");
    expect((await listVisibleTeams(mgr)).length).toBeGreaterThanOrEqual(2);
    const agent = await actorFor("agent1");
    await expect(getTeamOverview(agent, agent.teamId!)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("role homes read real data", () => {
  test("manager overview counts match the tables", async () => {
    const o = await getOverview(await actorFor("manager1"));
    expect(o.activeCustomers).toBe(await db.customer.count({ where: { status: "ACTIVE" } }));
    expect(o.linesByNetwork.reduce((s, r) => s + r.count, 0)).toBe(o.activeLines);
    expect(o.revenueByMonth.length).toBeGreaterThan(0);
  });

  test("agents cannot read dashboards, users or the audit log", async () => {
    const agent = await actorFor("agent1");
    await expect(getOverview(agent)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listUsers(agent)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditEntries(agent)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
